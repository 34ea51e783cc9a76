package io.dropnight.simulations.plan;

import io.dropnight.core.HtmlEscape;

import io.dropnight.runfolder.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes plan.html from plan.json: self-contained (inline CSS and SVG, no script, nothing fetched),
 * one chart per SLO with each probe's actual value against the value tried, the threshold line and
 * each search's answer marked, one colour per search (policy and scale); the answer table with
 * per-1,000 figures; per capacity search with an estimate, its meaning and each SLO's fitted curve
 * ({@link EstimatePage}); every probe with a link to its run page. Everything written is HTML-escaped.
 */
public final class PlanPage {
    private static final String[] COLOURS = {"#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#0a7c8c"};
    private static final int W = 560;
    private static final int H = 240;
    private static final int PAD = 48;

    private PlanPage() {
    }

    public static void write(Path file, JsonNode plan) throws IOException {
        AtomicFiles.write(file, render(plan));
    }

    static String render(JsonNode plan) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Dropnight plan: ").append(esc(plan.path("mode").asText())).append(" · ")
                .append(esc(plan.path("night").asText())).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#1f2328}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:right}th{background:#f6f8fa}")
                .append("td.l,th.l{text-align:left}.pass{color:#1a7f37}.fail{color:#d1242f}.inconclusive{color:#9a6700}")
                .append("svg{border:1px solid #d0d7de;margin:6px 12px 6px 0}figure{display:inline-block;margin:0}")
                .append("</style></head><body>\n");
        b.append("<h1>Plan: ").append(esc(plan.path("mode").asText())).append(" for ").append(esc(plan.path("night").asText()))
                .append("</h1>\n<p>Resolution ").append(esc(pct(plan.path("resolution").asDouble()))).append(", time budget ")
                .append(plan.path("budgetSeconds").isNumber() ? esc(num(plan.path("budgetSeconds").asDouble())) + " s per search" : "none")
                .append(plan.path("confidence").isNumber() ? ", confidence " + esc(pct(plan.path("confidence").asDouble())) : "")
                .append(", started ")
                .append(esc(plan.path("startedAt").asText())).append(", ").append(esc(num(plan.path("elapsedSeconds").asDouble())))
                .append(" s in all.</p>\n");
        answers(b, plan);
        scaleCheck(b, plan);
        charts(b, plan);
        EstimatePage.sections(b, plan);
        probes(b, plan);
        return b.append("</body></html>\n").toString();
    }

    private static void answers(StringBuilder b, JsonNode plan) {
        boolean projected = !plan.path("audience").isNull();
        b.append("<h2>Answers</h2>\n<table><tr><th class=\"l\">policy</th><th>scale</th><th class=\"l\">outcome</th><th>answer</th>")
                .append("<th>band</th><th>slots per 1,000 viewers</th><th>requests/s at the peak per 1,000 viewers</th>");
        if (projected) {
            b.append("<th>").append(esc(String.format(Locale.ROOT, "%,d", plan.path("audience").asLong()))).append(" viewers need</th>");
        }
        b.append("<th class=\"l\">summary</th></tr>\n");
        for (JsonNode s : plan.path("searches")) {
            JsonNode band = s.path("band");
            b.append("<tr><td class=\"l\">").append(esc(s.path("policy").asText())).append("</td><td>").append(esc(num(s.path("scale").asDouble())))
                    .append("</td><td class=\"l\">").append(esc(s.path("outcome").asText())).append(s.path("confirmed").asBoolean() ? " (confirmed)" : "")
                    .append("</td><td>").append(esc(opt(s.path("answer")))).append(" ").append(esc(s.path("axis").asText()))
                    .append("</td><td>").append(esc(opt(band.path("low")) + " – " + opt(band.path("high"))))
                    .append("</td><td>").append(esc(opt(s.path("perThousandViewers").path("slots"))))
                    .append("</td><td>").append(esc(opt(s.path("perThousandViewers").path("requestsPerSecondAtPeak")))).append("</td>");
            if (projected) {
                JsonNode p = s.path("projection");
                b.append("<td>").append(p.isNull() || p.isMissingNode() ? "-" : esc("about " + opt(p.path("slots")) + " slots (≈ "
                        + opt(p.path("requestsPerSecondAtPeak")) + " requests/s at the drop)")).append("</td>");
            }
            b.append("<td class=\"l\">").append(esc(s.path("summary").asText())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void scaleCheck(StringBuilder b, JsonNode plan) {
        if (plan.path("scaleCheck").isEmpty()) {
            return;
        }
        b.append("<h2>Two rehearsal scales</h2>\n<p>The projection assumes the slots per 1,000 viewers do not depend on"
                + " the scale. Queueing is more efficient at a larger scale, so a small rehearsal should over-estimate them"
                + " (ratio above 1); how far the ratio is from 1 says how far the projection can be trusted. Each answer is"
                + " only known within the resolution, so a ratio within it of 1 shows no difference.</p>\n"
                + "<table><tr><th class=\"l\">policy</th><th>small scale</th><th>slots/1,000</th><th>large scale</th>"
                + "<th>slots/1,000</th><th>ratio</th></tr>\n");
        for (JsonNode c : plan.path("scaleCheck")) {
            b.append("<tr><td class=\"l\">").append(esc(c.path("policy").asText())).append("</td><td>").append(esc(num(c.path("smallScale").asDouble())))
                    .append("</td><td>").append(esc(num(c.path("slotsPerThousandAtSmall").asDouble()))).append("</td><td>")
                    .append(esc(num(c.path("largeScale").asDouble()))).append("</td><td>").append(esc(num(c.path("slotsPerThousandAtLarge").asDouble())))
                    .append("</td><td>").append(esc(num(c.path("ratio").asDouble()))).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** One chart per SLO name: x the value tried, y the actual value; threshold line; answers marked. */
    private static void charts(StringBuilder b, JsonNode plan) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode s : plan.path("searches")) {
            for (JsonNode p : s.path("probes")) {
                p.path("slos").forEach(slo -> names.add(slo.path("name").asText()));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        b.append("<h2>Each SLO against ").append(esc(plan.path("searches").path(0).path("axis").asText("value"))).append("</h2>\n<p>");
        int i = 0;
        for (JsonNode s : plan.path("searches")) {
            b.append("<span style=\"color:").append(COLOURS[i++ % COLOURS.length]).append("\">■ ").append(esc(label(s))).append("</span> ");
        }
        b.append("· dashed: the SLO's threshold; vertical: the answer. Hollow points failed.</p>\n");
        for (String name : names) {
            chart(b, plan, name);
        }
    }

    private static void chart(StringBuilder b, JsonNode plan, String name) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = 0, threshold = Double.NaN;
        String unit = "";
        Map<Integer, List<double[]>> series = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode s : plan.path("searches")) {
            List<double[]> pts = new ArrayList<>();
            for (JsonNode p : s.path("probes")) {
                for (JsonNode slo : p.path("slos")) {
                    if (slo.path("name").asText().equals(name) && slo.path("actual").isNumber()) {
                        double x = p.path("value").asDouble();
                        double y = slo.path("actual").asDouble();
                        pts.add(new double[] {x, y, slo.path("passed").asBoolean() ? 1 : 0});
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        maxY = Math.max(maxY, y);
                        threshold = slo.path("threshold").asDouble();
                        unit = slo.path("unit").asText();
                    }
                }
            }
            series.put(i++, pts);
        }
        if (minX > maxX) {
            return;
        }
        if (Double.isFinite(threshold)) {
            maxY = Math.max(maxY, threshold * 1.2);
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.05;
        double x0 = minX == maxX ? minX * 0.9 : minX;
        double x1 = minX == maxX ? maxX * 1.1 + 1e-9 : maxX;
        double fx0 = x0, fx1 = x1, fy = maxY;
        // a search doubles and halves: a wide range reads better on a log axis
        boolean log = x0 > 0 && x1 / x0 > 8;
        java.util.function.DoubleUnaryOperator sx = log
                ? x -> PAD + Math.log(x / fx0) / Math.log(fx1 / fx0) * (W - 2 * PAD)
                : x -> PAD + (x - fx0) / (fx1 - fx0) * (W - 2 * PAD);
        java.util.function.DoubleUnaryOperator sy = y -> H - PAD + 0.0 - y / fy * (H - 2 * PAD);
        b.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" role=\"img\" aria-label=\"").append(esc(name)).append("\"><text x=\"").append(PAD).append("\" y=\"18\" font-weight=\"bold\">")
                .append(esc(name + " (" + unit + ")")).append("</text>");
        line(b, PAD, H - PAD, W - PAD, H - PAD, "#57606a", "");
        line(b, PAD, PAD, PAD, H - PAD, "#57606a", "");
        text(b, PAD, H - PAD + 16, num(x0), "start");
        text(b, W - PAD, H - PAD + 16, num(x1) + (log ? " (log scale)" : ""), "end");
        text(b, PAD - 4, sy.applyAsDouble(maxY) + 4, num(maxY), "end");
        text(b, PAD - 4, H - PAD, "0", "end");
        if (Double.isFinite(threshold)) {
            double ty = sy.applyAsDouble(threshold);
            line(b, PAD, ty, W - PAD, ty, "#57606a", " stroke-dasharray=\"6 4\"");
            text(b, W - PAD, ty - 4, "threshold " + num(threshold), "end");
        }
        int k = 0;
        for (JsonNode s : plan.path("searches")) {
            String colour = COLOURS[k % COLOURS.length];
            if (s.path("answer").isNumber()) {
                double ax = sx.applyAsDouble(s.path("answer").asDouble());
                line(b, ax, PAD, ax, H - PAD, colour, " stroke-width=\"1.5\"");
            }
            List<double[]> pts = new ArrayList<>(series.get(k));
            pts.sort((p, q) -> Double.compare(p[0], q[0]));
            StringBuilder path = new StringBuilder();
            for (double[] p : pts) {
                path.append(path.length() == 0 ? "M" : " L").append(fmt(sx.applyAsDouble(p[0]))).append(' ').append(fmt(sy.applyAsDouble(p[1])));
            }
            if (path.length() > 0) {
                b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-opacity=\"0.5\"/>");
            }
            for (double[] p : pts) {
                b.append("<circle cx=\"").append(fmt(sx.applyAsDouble(p[0]))).append("\" cy=\"").append(fmt(sy.applyAsDouble(p[1])))
                        .append("\" r=\"4\" stroke=\"").append(colour).append("\" fill=\"").append(p[2] == 1 ? colour : "white").append("\"/>");
            }
            k++;
        }
        b.append("</svg></figure>\n");
    }

    private static void probes(StringBuilder b, JsonNode plan) {
        b.append("<h2>Every probe</h2>\n");
        for (JsonNode s : plan.path("searches")) {
            b.append("<h3>").append(esc(label(s))).append("</h3>\n<table><tr><th>#</th><th>").append(esc(s.path("axis").asText()))
                    .append("</th><th class=\"l\">verdict</th><th class=\"l\">decided by</th><th>arrivals</th><th>peak requests/s</th>")
                    .append("<th>seconds</th><th class=\"l\">run page</th></tr>\n");
            int n = 1;
            for (JsonNode p : s.path("probes")) {
                String verdict = p.path("verdict").asText();
                b.append("<tr><td>").append(n++).append("</td><td>").append(esc(num(p.path("value").asDouble()))).append("</td><td class=\"l ")
                        .append(esc(verdict)).append("\">").append(esc(verdict)).append("</td><td class=\"l\">").append(esc(p.path("decidedBy").asText()))
                        .append("</td><td>").append(esc(opt(p.path("arrivals")))).append("</td><td>").append(esc(opt(p.path("peakRequestsPerSecond"))))
                        .append("</td><td>").append(esc(num(p.path("elapsedSeconds").asDouble()))).append("</td><td class=\"l\">");
                if (p.path("runFolder").isTextual()) {
                    String href = p.path("runFolder").asText() + "/index.html";
                    b.append("<a href=\"").append(esc(href)).append("\">").append(esc(p.path("runFolder").asText())).append("</a>");
                } else {
                    b.append("-");
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
    }

    private static String label(JsonNode s) {
        return "policy " + s.path("policy").asText() + ", scale " + num(s.path("scale").asDouble());
    }

    static void line(StringBuilder b, double x1, double y1, double x2, double y2, String colour, String extra) {
        b.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"").append(fmt(x2)).append("\" y2=\"")
                .append(fmt(y2)).append("\" stroke=\"").append(colour).append('"').append(extra).append("/>");
    }

    static void text(StringBuilder b, double x, double y, String s, String anchor) {
        b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" font-size=\"11\" text-anchor=\"").append(anchor)
                .append("\">").append(esc(s)).append("</text>");
    }

    private static String opt(JsonNode n) {
        return n.isNumber() ? num(n.asDouble()) : "-";
    }

    static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : PlanFormat.number(Math.round(v * 1000) / 1000.0);
    }

    private static String pct(double fraction) {
        return PlanFormat.number(fraction * 100) + " %";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return HtmlEscape.escape(s);
    }
}
