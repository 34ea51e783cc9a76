package io.dropnight.simulations.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.runfolder.ClientTags;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.RecentLatency;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The live page's data, {@code live.js}: one script that sets {@code window.DROPNIGHT_LIVE} to a JSON
 * object, so that the page can load it from {@code file://} (where {@code fetch()} is refused) by
 * adding a {@code <script>} again every second. The figures of the last reading (the night so far,
 * the SLOs, the injector), the timeline as columns of equal length ({@code timeline.t},
 * {@code timeline.at}, one column a series), and, once the night has ended and its report is
 * written, the report's file name relative to the run folder ({@code report}).
 *
 * <p>Numbers are JSON numbers (no locale), rounded to 3 decimals; a figure that does not exist is
 * {@code null}. Text is left to the page, which sets it as text, never as markup. Stateless.
 */
public final class LiveData {
    /** The global the script sets. */
    public static final String GLOBAL = "DROPNIGHT_LIVE";
    /** The outcomes drawn, in this order, before any other the night meets. */
    static final List<String> OUTCOMES = List.of(ClientTags.OK, ClientTags.ERROR_PAGE, ClientTags.FAILED, ClientTags.LOCKED);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveData() {
    }

    /**
     * The state of the night as {@code live.js}'s JSON.
     *
     * @param timeline   the points so far and the last reading
     * @param report     the run's report relative to the run folder, once written
     * @param reportNote why the night ended without a report, when it did
     * @throws IllegalStateException when the timeline has no reading yet
     */
    public static ObjectNode of(LiveTimeline timeline, Optional<String> report, Optional<String> reportNote) {
        LiveReading r = timeline.last().orElseThrow(() -> new IllegalStateException("no reading of the night yet"));
        ObjectNode o = JSON.createObjectNode();
        o.put("night", r.night()).put("at", r.atMillis()).put("seconds", round(r.secondsSinceStart()));
        number(o, "secondsToDrop", r.secondsToDrop().isPresent() ? r.secondsToDrop().getAsDouble() : Double.NaN);
        number(o, "dropAtSecond", r.secondsToDrop().isPresent() && r.secondsSinceStart() > 0
                ? r.secondsSinceStart() + r.secondsToDrop().getAsDouble() : Double.NaN);
        o.put("verdict", r.verdict()).put("ended", r.ended());
        report.ifPresentOrElse(name -> o.put("report", name), () -> o.putNull("report"));
        reportNote.ifPresent(note -> o.put("reportNote", note));
        totals(o.putObject("totals"), r);
        latency(o.putObject("latency"), r.latency());
        injector(o, r);
        slos(o.putArray("slos"), r.slos());
        timeline(o.putObject("timeline"), timeline);
        return o;
    }

    /** {@code window.DROPNIGHT_LIVE = {...};}, safe to inline in a page too. */
    public static String script(ObjectNode data) {
        try {
            String json = JSON.writeValueAsString(data)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
            return "window." + GLOBAL + " = " + json + ";\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the live page's data could not be written as JSON", e);
        }
    }

    private static void totals(ObjectNode t, LiveReading r) {
        t.put("viewers", r.counts().users()).put("planned", r.plannedArrivals()).put("active", r.viewersActive())
                .put("playing", r.viewersPlaying()).put("requests", r.counts().requests())
                .put("errorPages", r.counts().errorPages()).put("errorPagePercent", round(r.counts().errorPageRatePercent()))
                .put("playbackStarts", r.counts().playbackStarts()).put("refreshes", r.counts().refreshes())
                .put("gaveUp", r.counts().abandonments()).put("failures", r.counts().failures());
    }

    private static void latency(ObjectNode l, RecentLatency latency) {
        l.put("seconds", latency.seconds()).put("requests", latency.requests());
        number(l, "p50Ms", latency.p50Ms());
        number(l, "p90Ms", latency.p90Ms());
        number(l, "p99Ms", latency.p99Ms());
    }

    private static void injector(ObjectNode o, LiveReading r) {
        if (r.injector().isEmpty()) {
            o.putNull("injector");
            return;
        }
        var s = r.injector().get();
        ObjectNode i = o.putObject("injector");
        number(i, "cpuPercent", s.cpuPercent());
        number(i, "hotThreadPercent", s.hotThreadPercent());
        i.put("openFiles", s.openFds()).put("openFilesLimit", s.fdLimit())
                .put("lagViewers", Math.max(0, s.plannedViewers() - s.startedViewers()));
        ObjectNode transport = i.putObject("transportErrors");
        r.transportErrors().forEach(transport::put);
    }

    private static void slos(ArrayNode a, List<SloResult> slos) {
        for (SloResult s : slos) {
            ObjectNode n = a.addObject().put("name", s.name()).put("metric", s.metric()).put("comparator", s.comparator());
            number(n, "threshold", s.threshold());
            number(n, "actual", s.actual());
            n.put("unit", s.unit()).put("passed", s.passed());
        }
    }

    private static void timeline(ObjectNode t, LiveTimeline timeline) {
        List<LivePoint> points = timeline.points();
        t.put("windowSeconds", timeline.seconds());
        ArrayNode second = t.putArray("t");
        ArrayNode at = t.putArray("at");
        for (LivePoint p : points) {
            second.add(round(p.second()));
            at.add(p.atMillis());
        }
        column(t, "arrivals", points, LivePoint::arrivalsPerSecond);
        column(t, "planned", points, LivePoint::plannedPerSecond);
        column(t, "active", points, p -> p.viewersActive());
        column(t, "playing", points, p -> p.viewersPlaying());
        Set<String> outcomes = new LinkedHashSet<>(OUTCOMES);
        points.forEach(p -> outcomes.addAll(p.requestsPerSecond().keySet()));
        ObjectNode requests = t.putObject("requests");
        for (String outcome : outcomes) {
            column(requests, outcome, points, p -> p.requestsPerSecond().getOrDefault(outcome, 0.0));
        }
        column(t, "errorPagePercent", points, LivePoint::errorPagePercent);
        column(t, "errorPagePercentSoFar", points, LivePoint::errorPagePercentSoFar);
        column(t, "p50Ms", points, LivePoint::p50Ms);
        column(t, "p90Ms", points, LivePoint::p90Ms);
        column(t, "p99Ms", points, LivePoint::p99Ms);
        column(t, "cpuPercent", points, LivePoint::cpuPercent);
        column(t, "hotThreadPercent", points, LivePoint::hotThreadPercent);
        column(t, "openFiles", points, LivePoint::openFiles);
        column(t, "lagViewers", points, LivePoint::lagViewers);
    }

    private static void column(ObjectNode parent, String name, List<LivePoint> points, ToDoubleFunction<LivePoint> figure) {
        ArrayNode a = parent.putArray(name);
        for (LivePoint p : points) {
            double v = figure.applyAsDouble(p);
            if (Double.isFinite(v)) {
                a.add(round(v));
            } else {
                a.addNull();
            }
        }
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, round(v));
        } else {
            o.putNull(name);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
