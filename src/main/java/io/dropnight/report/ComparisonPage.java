package io.dropnight.report;

import io.dropnight.runfolder.RunFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders several runs side by side: a table of the runs and their SLO results, then per night and
 * endpoint one chart with every run's server curve (solid) and client curve (dashed) overlaid.
 */
final class ComparisonPage {
    /** The start of every comparison page's title, by which reports/index.html finds one under any name. */
    static final String TITLE = "Dropnight comparison of ";

    private ComparisonPage() {
    }

    /** @param outDir the folder the page is written to, so that links to the runs are relative */
    static String render(List<RunModel> runs, Path outDir) {
        HtmlPage page = new HtmlPage(TITLE + runs.size() + " runs");
        page.raw("<header><p class=\"crumbs\"><a href=\"index.html\">All runs</a></p>")
                .raw("<h1>Comparison of " + runs.size() + " runs</h1>")
                .raw("<p class=\"lede\">Colour tells the runs apart; solid lines are the server's view of every"
                        + " response, dashed lines the client's. Latency in milliseconds.</p></header>");
        page.raw("<section><h2>Runs</h2>").raw(runTable(runs, outDir)).raw("</section>");
        page.raw("<section><h2>Which runs meet the SLOs</h2>").raw(sloMatrix(runs)).raw("</section>");
        String populations = populationMatrix(runs);
        if (!populations.isEmpty()) {
            page.raw("<section class=\"populations\"><h2>Populations</h2><p>Each population's own figures, run by run: error"
                    + " pages (share of its requests), viewers who gave up, and its time to play p95 in milliseconds.</p>")
                    .raw(populations).raw("</section>");
        }
        for (String night : nights(runs)) {
            page.raw("<section class=\"night\"><h2>Night: " + Html.esc(night) + "</h2><div class=\"grid\">");
            page.chart(fromDrop(page.nextChartId(), runs, night, "error pages per request",
                    "error pages (% of requests)", LoadSeries.Point::errorPagePercent));
            page.chart(fromDrop(page.nextChartId(), runs, night, "accepted (ok) per second",
                    "requests per second", LoadSeries.Point::acceptedPerSec));
            if (runs.stream().anyMatch(r -> r.nights().stream().anyMatch(n -> n.night().equals(night) && !n.clientLoad().isEmpty()))) {
                page.chart(clientFromDrop(page.nextChartId(), runs, night));
            }
            for (String endpoint : endpoints(runs, night)) {
                page.chart(overlay(page.nextChartId(), runs, night, endpoint));
            }
            page.raw("</div></section>");
        }
        return page.render();
    }

    /**
     * The populations of the compared runs aligned by name (rows) and run (columns), each cell what
     * that population saw in that run; empty when no run has populations with figures.
     */
    static String populationMatrix(List<RunModel> runs) {
        Set<String> names = new LinkedHashSet<>();
        for (RunModel r : runs) {
            r.data().runInfo().path("populations").forEach(p -> {
                if (p.path("figures").isObject()) {
                    names.add(p.path("name").asText());
                }
            });
        }
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder t = new StringBuilder("<table class=\"populations\"><thead><tr><th>population</th>");
        for (int i = 0; i < runs.size(); i++) {
            t.append("<th>").append(swatch(i)).append(' ').append(Html.esc(runs.get(i).data().runId())).append("</th>");
        }
        t.append("</tr></thead><tbody>");
        for (String name : names) {
            t.append("<tr><th scope=\"row\">").append(Html.esc(name)).append("</th>");
            for (RunModel r : runs) {
                com.fasterxml.jackson.databind.JsonNode f = null;
                for (com.fasterxml.jackson.databind.JsonNode p : r.data().runInfo().path("populations")) {
                    if (p.path("name").asText().equals(name) && p.path("figures").isObject()) {
                        f = p.path("figures");
                    }
                }
                t.append("<td class=\"num\">").append(f == null ? "\u2013" : Html.esc(String.format(java.util.Locale.ROOT,
                        "%.3f %% error pages, %,d gave up, p95 %,.0f ms", f.path("errorPageRatePercent").asDouble(),
                        f.path("gaveUp").asLong(), f.path("timeToPlayP95Ms").asDouble()))).append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    private static String runTable(List<RunModel> runs, Path outDir) {
        StringBuilder t = new StringBuilder("<table><thead><tr><th>colour</th><th>run</th><th>started</th>"
                + "<th>night</th><th>policy</th><th>capacity</th><th>scale, compression, refresh</th><th>seed</th>"
                + "<th>SLOs</th></tr></thead><tbody>");
        for (int i = 0; i < runs.size(); i++) {
            RunData d = runs.get(i).data();
            String link = outDir.toAbsolutePath().normalize()
                    .relativize(d.dir().toAbsolutePath().normalize().resolve(RunFiles.INDEX_PAGE)).toString()
                    .replace('\\', '/');
            t.append("<tr><td>").append(swatch(i)).append("</td><td><a href=\"").append(Html.esc(link)).append("\">")
                    .append(Html.esc(d.runId())).append("</a></td><td>").append(Html.esc(d.info("startedAt", "?")))
                    .append("</td><td>").append(Html.esc(d.info("night", "?"))).append("</td><td>")
                    .append(Html.esc(d.info("policy", d.info("targetKind", "?")))).append("</td><td>")
                    .append(Html.esc(capacity(d.runInfo().path("capacity")))).append("</td><td>")
                    .append(Html.esc(parameters(d.runInfo().path("parameters")))).append("</td><td>")
                    .append(Html.esc(d.info("seed", "?"))).append("</td><td>").append(Fragments.verdict(d.verdict()))
                    .append("</td></tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /** "64 slots, queue 256, ~3616 req/s" from run.json's capacity model; "?" when absent. */
    static String capacity(com.fasterxml.jackson.databind.JsonNode c) {
        if (c.path("unconstrained").asBoolean(false)) {
            return "unconstrained";
        }
        if (!c.has("slots")) {
            return "?";
        }
        return c.path("slots").asText() + " slots, queue " + c.path("queueLimit").asText("?")
                + (c.has("capacityPerSecond") ? ", ~" + Fragments.number(Math.rint(c.path("capacityPerSecond").asDouble()))
                + " req/s" : "");
    }

    /** The parameters that change a night's shape, so that runs that differ only there tell apart. */
    static String parameters(com.fasterxml.jackson.databind.JsonNode p) {
        if (!p.isObject()) {
            return "?";
        }
        return p.path("scale").asText("?") + ", " + p.path("compression").asText("?") + ", " + p.path("refresh").asText("?");
    }

    private static String swatch(int run) {
        return "<span class=\"swatch c" + (run % 8) + "\" aria-label=\"colour " + (run + 1) + "\">run "
                + (run + 1) + "</span>";
    }

    private static String sloMatrix(List<RunModel> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> r.data().slos().forEach(s -> names.add(s.name())));
        if (names.isEmpty()) {
            return "<p class=\"missing\">None of these runs has SLO results.</p>";
        }
        StringBuilder t = new StringBuilder("<table class=\"slo\"><thead><tr><th>objective</th>");
        runs.forEach(r -> t.append("<th>").append(Html.esc(r.data().runId())).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (String name : names) {
            t.append("<tr><th scope=\"row\">").append(Html.esc(name)).append("</th>");
            for (RunModel r : runs) {
                t.append("<td>").append(r.data().slos().stream().filter(s -> s.name().equals(name)).findFirst()
                        .map(s -> Fragments.passed(s.passed()) + " " + Fragments.number(s.actual()) + " "
                                + Html.esc(s.unit()))
                        .orElse("\u2013 not measured")).append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /**
     * One line per run over time, each shifted so that its drop instant is at 0: runs started at
     * different moments (or with different drop offsets) line up on the moment that matters.
     */
    static ChartSpec fromDrop(String id, List<RunModel> runs, String night, String what, String yTitle,
                              java.util.function.ToDoubleFunction<LoadSeries.Point> y) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunModel run = runs.get(i);
            NightModel n = run.nights().stream().filter(m -> m.night().equals(night)).findFirst().orElse(null);
            if (n == null || run.dropAtSec().isEmpty()) {
                continue;
            }
            double drop = run.dropAtSec().getAsDouble();
            List<double[]> points = new ArrayList<>();
            for (LoadSeries.Point p : n.load().points()) {
                points.add(new double[] {p.secondsSinceStart() - drop, y.applyAsDouble(p)});
            }
            series.add(new ChartSpec.Series(run.data().runId(), i, false, points));
        }
        return new ChartSpec(id, ChartSpec.TIMELINE_FROM_DROP, night + " \u00b7 " + what + ", runs aligned on the drop",
                yTitle, series, 0.0);
    }

    /**
     * Requests answered per second as each run's client saw them, aligned on each run's drop: runs
     * against an external target have no server log, and line up this way.
     */
    static ChartSpec clientFromDrop(String id, List<RunModel> runs, String night) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunModel run = runs.get(i);
            NightModel n = run.nights().stream().filter(m -> m.night().equals(night)).findFirst().orElse(null);
            if (n == null || n.clientLoad().isEmpty() || run.dropAtSec().isEmpty()) {
                continue;
            }
            double drop = run.dropAtSec().getAsDouble();
            List<double[]> points = new ArrayList<>();
            for (ClientLoadSeries.Point p : n.clientLoad().points()) {
                points.add(new double[] {p.secondsSinceStart() - drop, p.answeredPerSec()});
            }
            series.add(new ChartSpec.Series(run.data().runId() + " (client)", i, true, points));
        }
        return new ChartSpec(id, ChartSpec.TIMELINE_FROM_DROP, night + " \u00b7 answered ok per second (client), runs aligned on the drop",
                "requests per second", series, 0.0);
    }

    private static ChartSpec overlay(String id, List<RunModel> runs, String night, String endpoint) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            NightModel n = runs.get(i).nights().stream().filter(m -> m.night().equals(night)).findFirst().orElse(null);
            EndpointLatency e = n == null ? null : n.endpoint(endpoint);
            String run = runs.get(i).data().runId();
            if (e != null) {
                Charts.addCurve(series, run + " server", i, false, e.serverAll());
                Charts.addCurve(series, run + " client", i, true, e.client());
            } else if (n != null && endpoint.equals(RunModel.TIME_TO_PLAY)) {
                Charts.addCurve(series, run + " time to play", i, true, n.timeToPlay());
            }
        }
        return new ChartSpec(id, ChartSpec.PERCENTILES, night + " \u00b7 " + endpoint + " latency by percentile",
                Charts.LATENCY_AXIS, series, null);
    }

    private static Set<String> nights(List<RunModel> runs) {
        Set<String> nights = new TreeSet<>();
        runs.forEach(r -> r.nights().forEach(n -> nights.add(n.night())));
        return nights;
    }

    private static Set<String> endpoints(List<RunModel> runs, String night) {
        Set<String> names = new TreeSet<>(RunModel.ENDPOINT_ORDER);
        for (RunModel r : runs) {
            for (NightModel n : r.nights()) {
                if (n.night().equals(night)) {
                    n.endpoints().forEach(e -> names.add(e.endpoint()));
                    if (n.timeToPlay().getTotalCount() > 0) {
                        names.add(RunModel.TIME_TO_PLAY);
                    }
                }
            }
        }
        return names;
    }
}
