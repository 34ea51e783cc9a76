package io.dropnight.simulations.plan;

import static io.dropnight.simulations.plan.PlanPage.line;
import static io.dropnight.simulations.plan.PlanPage.text;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * plan.html's estimate sections, from plan.json: per capacity search with an estimate, what the
 * answer, its probability and its band mean, a table of every SLO's fitted curve, and one chart per
 * modelled SLO (load against slots, both on log scales: each probe's figure, the fitted line, the
 * scatter a night's figure lies in nine times in ten, the bound, and both capacities). Inline SVG,
 * no script; everything written is HTML-escaped. Pure.
 */
final class EstimatePage {
    private static final int W = 560;
    private static final int H = 280;
    private static final int PAD = 52;
    /** The chart's load axis runs from 1/8 to 8 of the bound; figures beyond are drawn at its edge. */
    private static final double LOAD_SPAN = 8;
    /** The scatter band drawn: 90 % of nights' figures (the 5 % and 95 % points). */
    private static final double BAND_Z = Normal.quantile(0.95);

    private EstimatePage() {
    }

    static void sections(StringBuilder b, JsonNode plan) {
        for (JsonNode s : plan.path("searches")) {
            JsonNode e = s.path("estimate");
            if (!e.isObject()) {
                continue;
            }
            String label = "policy " + s.path("policy").asText() + ", scale " + PlanPage.num(s.path("scale").asDouble());
            b.append("<h2>Estimate from the figures: ").append(esc(label)).append("</h2>\n");
            if (!e.path("supported").asBoolean()) {
                b.append("<p>No estimate: ").append(esc(e.path("reason").asText())).append(". The answer above is the votes'"
                        + " (pass or fail per probe), as before issue 25.</p>\n");
            } else {
                meaning(b, e);
            }
            table(b, e);
            for (JsonNode c : e.path("slos")) {
                if (c.path("modelled").asBoolean()) {
                    chart(b, e, c);
                }
            }
        }
    }

    /** The answer, its probability and its band, as an engineer would read them. */
    private static void meaning(StringBuilder b, JsonNode e) {
        String q = CapacityEstimate.percent(e.path("confidence").asDouble());
        String answer = PlanPage.num(e.path("answer").asDouble());
        String half = PlanPage.num(Math.round(e.path("atHalf").asDouble()));
        String coinToss = PlanPage.num(Math.round(e.path("atHalf").asDouble() * 10) / 10.0);
        JsonNode at = e.path("atAnswer");
        JsonNode below = e.path("stepBelow");
        b.append("<p><b>").append(esc(answer)).append(" slots</b>: a night passes every SLO with probability at least ")
                .append(esc(q)).append(", and the plan is ").append(esc(q)).append(" sure of it (best estimate ")
                .append(esc(CapacityEstimate.percent(at.path("expected").asDouble()))).append("). About half the nights pass at ")
                .append(esc(coinToss)).append(" slots (plan-check's <code>-Dcheck.at=half</code> re-runs the whole slots either side)")
                .append("; across the band ").append(esc(half + "–" + answer))
                .append(" slots the pass rate climbs from a coin toss to the confidence. One step below the answer, at ")
                .append(esc(PlanPage.num(below.path("slots").asDouble()))).append(" slots, a night passes with probability ")
                .append(esc(CapacityEstimate.percent(below.path("expected").asDouble()))).append(" (at least ")
                .append(esc(CapacityEstimate.percent(below.path("atLeast").asDouble()))).append(").");
        if (!e.path("settled").asBoolean()) {
            b.append(" Not settled: the best estimate of the capacity passing with ").append(esc(q)).append(" is ")
                    .append(esc(slots(e.path("bestAtConfidence").asDouble())))
                    .append(" slots; more probes would bring the answer toward it.");
        }
        b.append(" Posterior read from ").append(esc(String.format(Locale.ROOT, "%,d", e.path("draws").asLong())))
                .append(" draws, seed ").append(esc(Long.toString(e.path("seed").asLong()))).append(".");
        if (e.path("prior").path("sloCorrelation").isNumber()) {
            b.append(" The SLOs are read as sharing one night's scatter with correlation ")
                    .append(esc(PlanPage.num(e.path("prior").path("sloCorrelation").asDouble())))
                    .append(" (a night that overloads is slow and shows error pages at once).");
        }
        b.append("</p>\n");
    }

    private static void table(StringBuilder b, JsonNode e) {
        b.append("<table><tr><th class=\"l\">SLO</th><th>bound</th><th>falls with capacity</th>")
                .append("<th>slope per e-fold (5–95 %)</th><th>scatter of log load (5–95 %)</th><th>half pass at</th>")
                .append("<th>").append(esc(CapacityEstimate.percent(e.path("confidence").asDouble()))).append(" at</th>")
                .append("<th class=\"l\">note</th></tr>\n");
        for (JsonNode c : e.path("slos")) {
            b.append("<tr><td class=\"l\">").append(esc(c.path("name").asText())).append("</td><td>")
                    .append(esc(PlanPage.num(c.path("threshold").asDouble()) + " " + c.path("unit").asText())).append("</td><td>")
                    .append(esc(c.path("fallProbability").isNumber() ? CapacityEstimate.percent(c.path("fallProbability").asDouble()) : "-"))
                    .append("</td><td>").append(esc(range(c.path("slope")))).append("</td><td>").append(esc(range(c.path("scatter"))))
                    .append("</td><td>").append(esc(c.path("atHalf").isNumber() ? slots(c.path("atHalf").asDouble()) : "-"))
                    .append("</td><td>").append(esc(c.path("atConfidence").isNumber() ? slots(c.path("atConfidence").asDouble()) : "-"))
                    .append("</td><td class=\"l\">").append(esc(c.path("note").isTextual() ? c.path("note").asText() : "modelled"))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void chart(StringBuilder b, JsonNode e, JsonNode c) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (JsonNode f : c.path("figures")) {
            lo = Math.min(lo, f.path("slots").asDouble());
            hi = Math.max(hi, f.path("slots").asDouble());
        }
        for (double v : new double[] {e.path("answer").asDouble(Double.NaN), e.path("atHalf").asDouble(Double.NaN)}) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double x0 = Math.log(lo / 1.05);
        double x1 = Math.log(hi * 1.05);
        double yMax = Math.log(LOAD_SPAN);
        DoubleUnaryOperator sx = x -> PAD + (x - x0) / (x1 - x0) * (W - 2 * PAD);
        DoubleUnaryOperator sy = y -> H - PAD - (Math.max(-yMax, Math.min(yMax, y)) + yMax) / (2 * yMax) * (H - 2 * PAD);
        String name = c.path("name").asText();
        b.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" role=\"img\" aria-label=\"").append(esc(name + ": load against slots, fitted")).append("\">")
                .append("<text x=\"").append(PAD).append("\" y=\"18\" font-weight=\"bold\">")
                .append(esc(name + ": actual / bound against slots (log scales)")).append("</text>");
        line(b, PAD, H - PAD, W - PAD, H - PAD, "#57606a", "");
        line(b, PAD, PAD, PAD, H - PAD, "#57606a", "");
        for (double load : new double[] {0.125, 0.25, 0.5, 1, 2, 4, 8}) {
            text(b, PAD - 4, sy.applyAsDouble(Math.log(load)) + 4, PlanPage.num(load), "end");
        }
        text(b, PAD, H - PAD + 16, slots(Math.exp(x0)), "start");
        text(b, W - PAD, H - PAD + 16, slots(Math.exp(x1)) + " slots", "end");
        double bound = sy.applyAsDouble(0);
        line(b, PAD, bound, W - PAD, bound, "#57606a", " stroke-dasharray=\"6 4\"");
        text(b, W - PAD, bound - 4, "bound", "end");
        double ref = Math.log(c.path("referenceSlots").asDouble());
        double level = Math.log(c.path("loadAtReference").asDouble());
        double slope = c.path("slope").path("median").asDouble();
        double scatter = c.path("scatter").path("median").asDouble();
        for (double shift : new double[] {0, BAND_Z * scatter, -BAND_Z * scatter}) {
            // only the part of the line within the load axis: clamping its ends would tilt it
            double xa = Math.max(x0, ref + (level + shift - yMax) / slope);
            double xb = Math.min(x1, ref + (level + shift + yMax) / slope);
            if (xa < xb) {
                line(b, sx.applyAsDouble(xa), sy.applyAsDouble(level - slope * (xa - ref) + shift), sx.applyAsDouble(xb),
                        sy.applyAsDouble(level - slope * (xb - ref) + shift), "#1f6feb",
                        shift == 0 ? " stroke-width=\"1.5\"" : " stroke-dasharray=\"2 3\"");
            }
        }
        marker(b, sx, e.path("atHalf"), "half pass", " stroke-dasharray=\"4 3\"");
        marker(b, sx, e.path("answer"), "answer", " stroke-width=\"1.5\"");
        for (JsonNode f : c.path("figures")) {
            double cx = sx.applyAsDouble(Math.log(f.path("slots").asDouble()));
            double cy = sy.applyAsDouble(Math.log(f.path("load").asDouble()));
            String colour = f.path("passed").asBoolean() ? "#1a7f37" : "#d1242f";
            switch (f.path("kind").asText()) {
                case "atLeast" -> triangle(b, cx, cy, -1, colour);
                case "atMost" -> triangle(b, cx, cy, 1, colour);
                default -> b.append("<circle cx=\"").append(fmt(cx)).append("\" cy=\"").append(fmt(cy)).append("\" r=\"4\" stroke=\"")
                        .append(colour).append("\" fill=\"").append(f.path("passed").asBoolean() ? colour : "white").append("\"/>");
            }
        }
        b.append("</svg><figcaption>").append(esc(String.format(Locale.ROOT, "Solid blue: the fitted line (slope %s per e-fold);"
                        + " dotted: where 90 %% of nights' figures lie (scatter %s). Circles: figures read exactly (green passed, red"
                        + " failed); triangles: only a side known (more than %s-fold from the bound, or a probe stopped early).",
                String.format(Locale.ROOT, "%.2f", slope), String.format(Locale.ROOT, "%.2f", scatter),
                PlanPage.num(e.path("prior").path("window").asDouble()))))
                .append("</figcaption></figure>\n");
    }

    private static void marker(StringBuilder b, DoubleUnaryOperator sx, JsonNode value, String label, String extra) {
        if (!value.isNumber()) {
            return;
        }
        double x = sx.applyAsDouble(Math.log(value.asDouble()));
        line(b, x, PAD, x, H - PAD, "#8250df", extra);
        text(b, x + 3, PAD - 6 + ("answer".equals(label) ? 0 : 12), label + " " + slots(value.asDouble()), "start");
    }

    private static void triangle(StringBuilder b, double cx, double cy, int down, String colour) {
        b.append("<path d=\"M").append(fmt(cx - 5)).append(' ').append(fmt(cy - 4 * down)).append(" L").append(fmt(cx + 5)).append(' ')
                .append(fmt(cy - 4 * down)).append(" L").append(fmt(cx)).append(' ').append(fmt(cy + 5 * down))
                .append(" Z\" fill=\"").append(colour).append("\"/>");
    }

    private static String range(JsonNode r) {
        return r.path("median").isNumber() ? String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", r.path("median").asDouble(),
                r.path("low").asDouble(), r.path("high").asDouble()) : "-";
    }

    /** Slots to one decimal: {@code 80.1}. */
    private static String slots(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return PlanPage.esc(s);
    }
}
