package io.dropnight.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.metrics.LagLog;
import io.dropnight.metrics.LoopLag;
import io.dropnight.runfolder.VerdictRules;
import java.util.List;

/** Renders a run's own page (reports/&lt;run&gt;/index.html) from its {@link RunModel}. */
final class RunPage {
    private static final List<String> RUN_FIELDS = List.of("runId", "night", "startedAt", "dropAt", "target",
            "targetKind", "embedded", "policy", "seed");

    private RunPage() {
    }

    static String render(RunModel model) {
        RunData data = model.data();
        HtmlPage page = new HtmlPage("Dropnight run " + data.runId());
        page.raw("<header><p class=\"crumbs\"><a href=\"../index.html\">All runs</a></p>")
                .raw("<h1>Run " + Html.esc(data.runId()) + " " + Fragments.verdict(data.verdict()) + "</h1>")
                .raw("<p class=\"lede\">Night <strong>" + Html.esc(data.info("night", "?")) + "</strong>, " + against(data)
                        + ", seed <strong>" + Html.esc(data.info("seed", "?"))
                        + "</strong>, drop at " + Html.esc(data.info("dropAt", "unknown")) + ". Latency is in milliseconds;"
                        + " server histograms were recorded in microseconds with 3 significant digits.</p>");
        if (!data.verdictReasons().isEmpty() && "INCONCLUSIVE".equals(data.verdict())) {
            page.raw("<p class=\"reasons\"><strong>Inconclusive: these figures measured something other than the service.</strong></p><ul class=\"reasons\">");
            data.verdictReasons().forEach(r -> page.raw("<li>" + Html.esc(r) + "</li>"));
            page.raw("</ul>");
        }
        VerdictRules.stopReason(data.verdictReasons()).ifPresent(r -> page.raw("<p class=\"reasons\"><strong>Stopped early"
                + " (-Dslo.abortOnFail):</strong> " + Html.esc(r) + ". The figures below cover the night up to there.</p>"));
        data.gatlingReport().ifPresent(g -> page.raw("<p><a href=\"" + Html.esc(g) + "\">Gatling's report of this run</a></p>"));
        page.raw("</header>");
        sloSection(page, data);
        unclassifiedWarning(page, data.runInfo());
        page.raw(InjectorsSection.render(data.runInfo()));
        page.raw(PopulationsSection.render(data.runInfo()));
        populationCharts(page, data.runInfo());
        for (NightModel night : model.nights()) {
            nightSection(page, model, night);
        }
        if (model.nights().isEmpty()) {
            page.raw("<p class=\"missing\">No interval logs (server.hlog, client.hlog) in this run folder.</p>");
        }
        serviceLagSection(page, model);
        runSection(page, data);
        profileSection(page, data.runInfo().path("profile"));
        return page.render();
    }

    /** Each population's arrivals per second, planned against started, when the night has more than one population. */
    private static void populationCharts(HtmlPage page, JsonNode info) {
        JsonNode list = info.path("populations");
        if (list.size() < 2) {
            return;
        }
        boolean any = false;
        for (JsonNode p : list) {
            if (p.path("arrivalsPerSecond").isObject()) {
                if (!any) {
                    page.raw("<section class=\"populations\"><h2>Arrivals by population</h2><div class=\"grid\">");
                    any = true;
                }
                page.chart(Charts.populationArrivals(page.nextChartId(), p.path("name").asText(), p.path("arrivalsPerSecond")));
            }
        }
        if (any) {
            page.raw("</div></section>");
        }
    }

    /** "policy fixed" for the embedded service; "the external target URL, profile NAME" otherwise (no stub parameters). */
    private static String against(RunData data) {
        JsonNode info = data.runInfo();
        String profile = info.path("profile").path("name").asText("");
        if (info.has("targetKind")) {
            return "against the <strong>" + Html.esc(info.path("targetKind").asText()) + "</strong> "
                    + Html.esc(data.info("target", "?")) + ", profile <strong>" + Html.esc(profile) + "</strong>";
        }
        return "policy <strong>" + Html.esc(data.info("policy", "?")) + "</strong>"
                + (profile.isEmpty() ? "" : ", profile <strong>" + Html.esc(profile) + "</strong>");
    }

    private static void unclassifiedWarning(HtmlPage page, JsonNode info) {
        if (info.path("warnUnclassified").asBoolean(false)) {
            page.raw("<section><p class=\"warning\"><strong>Warning:</strong> the night saw answers its target profile"
                    + " does not describe (counted as failures, not error pages): " + Html.esc(info.path("unclassified").toString())
                    + ". A night with zero error pages against a service that shed load usually has a wrong <code>errorPage</code>.</p></section>");
        }
    }

    private static void profileSection(HtmlPage page, JsonNode profile) {
        if (profile.isMissingNode() || !profile.isObject()) {
            return;
        }
        page.raw("<section><h2>Target profile " + Html.esc(profile.path("name").asText("?")) + "</h2><p>From "
                + Html.esc(profile.path("source").asText("?")) + ".");
        if (profile.path("skippedSteps").size() > 0) {
            page.raw(" The journey skipped " + Html.esc(profile.path("skippedSteps").toString())
                    + ": the target has no such call.");
        }
        page.raw("</p><pre>" + Html.esc(profile.path("content").asText("")) + "</pre></section>");
    }

    private static void sloSection(HtmlPage page, RunData data) {
        page.raw("<section><h2>Service-level objectives</h2>");
        if (data.slos().isEmpty()) {
            page.raw("<p class=\"missing\">No SLO results (slo.json) in this run folder.</p>");
        } else {
            page.raw(Fragments.sloTable(data.slos()));
            JsonNode populations = data.runInfo().path("populations");
            if (populations.size() > 1) {
                // The SLOs judge the night as a whole: say which populations each figure covers.
                List<String> names = new java.util.ArrayList<>();
                populations.forEach(p -> names.add(p.path("name").asText()));
                page.raw("<p>Each figure covers every population of the night together: " + Html.esc(String.join(", ", names))
                        + ". Each population's own time to play and error pages are under Populations.</p>");
            }
        }
        page.raw("</section>");
    }

    private static void nightSection(HtmlPage page, RunModel model, NightModel night) {
        page.raw("<section class=\"night\"><h2>Night: " + Html.esc(night.night()) + "</h2>");
        clientSummary(page, model.data().clientSummary(), night.night());
        page.raw("<div class=\"grid\">");
        if (!night.clientLoad().isEmpty()) {
            page.chart(Charts.clientLoad(page.nextChartId(), night.night(), night.clientLoad(), night.load(), model.dropAtSec()));
            page.chart(Charts.clientErrors(page.nextChartId(), night.night(), night.clientLoad(), night.load(), model.dropAtSec()));
        }
        if (!night.load().points().isEmpty()) {
            page.chart(Charts.load(page.nextChartId(), night.night(), night.load(), model.dropAtSec()));
            page.chart(Charts.errorPages(page.nextChartId(), night.night(), night.load(), model.dropAtSec()));
        }
        if (night.timeToPlay().getTotalCount() > 0) {
            List<ChartSpec.Series> series = new java.util.ArrayList<>();
            Charts.addCurve(series, "time to play (client)", 2, true, night.timeToPlay());
            page.chart(new ChartSpec(page.nextChartId(), ChartSpec.PERCENTILES,
                    night.night() + " \u00b7 time to play by percentile", Charts.LATENCY_AXIS, series, null));
        }
        for (EndpointLatency e : night.endpoints()) {
            page.chart(Charts.endpoint(page.nextChartId(), night.night(), e));
        }
        page.raw("</div>");
        page.raw(percentileTable(night));
        page.raw("</section>");
    }

    static String percentileTable(NightModel night) {
        StringBuilder t = new StringBuilder(Fragments.percentileHeader("endpoint"));
        if (night.timeToPlay().getTotalCount() > 0) {
            t.append(Fragments.percentileRow(RunModel.TIME_TO_PLAY, "client", night.timeToPlay(), -1, -1));
        }
        for (EndpointLatency e : night.endpoints()) {
            if (e.serverAll().getTotalCount() > 0) {
                t.append(Fragments.percentileRow(e.endpoint(), "server, all", e.serverAll(), e.errorPages(), e.rejected()));
                t.append(Fragments.percentileRow(e.endpoint(), "server, ok", e.serverOk(), 0, 0));
            }
            if (e.client().getTotalCount() > 0) {
                t.append(Fragments.percentileRow(e.endpoint(), "client", e.client(), -1, -1));
            }
        }
        return t.append("</tbody></table>").toString();
    }

    private static void clientSummary(HtmlPage page, JsonNode summary, String night) {
        if (summary.size() == 0 || !summary.path("night").asText(night).equals(night)) {
            return;
        }
        page.raw("<h3>What viewers saw (client)</h3>").raw(Fragments.keyValues(summary));
    }

    /**
     * How late the service's event loops and model thread ran (service-lag.csv): the modelled
     * capacity holds only while they keep time. Absent for an external target.
     */
    private static void serviceLagSection(HtmlPage page, RunModel model) {
        List<LagLog.Sample> lag;
        try {
            lag = LagLog.read(model.data().dir());
        } catch (java.io.IOException e) {
            page.raw("<p class=\"missing\">service-lag.csv could not be read: " + Html.esc(e.getMessage()) + "</p>");
            return;
        }
        if (lag.isEmpty()) {
            return;
        }
        LagLog.Sample worst = lag.stream().max(java.util.Comparator.comparingDouble(LagLog.Sample::maxLagMs)).orElseThrow();
        long origin = RunModel.originMillis(model.data());
        page.raw("<section class=\"lag\"><h2>Service event loops</h2><p>Each loop of the service (its event loops and the"
                + " model's thread) is probed every " + LoopLag.SERVICE_PERIOD.toMillis() + " ms; the worst probe (the service's own"
                + " start-up included: the verdict reads only the seconds after the injection started) ran <strong>"
                + Html.esc(String.format(java.util.Locale.ROOT, "%,.1f ms", worst.maxLagMs())) + "</strong> late, at +"
                + Html.esc(String.format(java.util.Locale.ROOT, "%.0f s", (worst.epochMillis() - origin) / 1000.0))
                + ". A loop that runs late holds its slots past their modelled time: past the night's bound the run is"
                + " inconclusive (the host stalled the service).</p><div class=\"grid\">");
        page.chart(Charts.serviceLag(page.nextChartId(), lag, origin, model.dropAtSec()));
        page.raw("</div></section>");
    }

    private static void runSection(HtmlPage page, RunData data) {
        page.raw("<section><h2>Run parameters, capacity, versions and machine</h2><div class=\"grid\">");
        JsonNode info = data.runInfo();
        com.fasterxml.jackson.databind.node.ObjectNode run = info.deepCopy();
        run.retain(RUN_FIELDS);
        page.raw("<div><h3>Run</h3>" + Fragments.keyValues(run) + "</div>");
        for (String group : List.of("parameters", "capacity", "versions", "machine")) {
            if (info.has(group)) {
                page.raw("<div><h3>" + Html.esc(group) + "</h3>" + Fragments.keyValues(info.get(group)) + "</div>");
            }
        }
        page.raw("</div></section>");
    }
}
