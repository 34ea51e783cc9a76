package io.dropnight.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.RecentLatency;
import io.dropnight.simulations.watch.InjectorSample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** live.js: a script that sets one global to the night's figures and its timeline as columns of equal length. */
class LiveDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SteppedNightView view = new SteppedNightView();

    /** The JSON a live.js sets, checked to be exactly one assignment. */
    static JsonNode parse(String script) throws Exception {
        String prefix = "window." + LiveData.GLOBAL + " = ";
        assertTrue(script.startsWith(prefix), script);
        assertTrue(script.endsWith(";\n"), script);
        return JSON.readTree(script.substring(prefix.length(), script.length() - 2));
    }

    private LiveTimeline threeSeconds() {
        LiveTimeline t = new LiveTimeline(120);
        t.add(LiveReading.of(view, 10_000));
        t.add(LiveReading.of(view.step(4, 100, 0), 11_000));
        view.latency = new RecentLatency(5, 300, 1.5, 20.25, 480.125);
        view.injector = Optional.of(new InjectorSample(2, 300, 20_000, 37.25, 80, 0, 8, 9, 0));
        t.add(LiveReading.of(view.step(4, 90, 10), 12_000));
        return t;
    }

    @Test
    void holdsTheTimelineAsColumnsOfEqualLength() throws Exception {
        JsonNode d = parse(LiveData.script(LiveData.of(threeSeconds(), Optional.empty(), Optional.empty())));
        JsonNode t = d.get("timeline");
        assertEquals(120, t.get("windowSeconds").asInt());
        assertEquals(List.of(11_000L, 12_000L), List.of(t.get("at").get(0).asLong(), t.get("at").get(1).asLong()));
        for (String column : List.of("t", "arrivals", "planned", "active", "playing", "errorPagePercent", "errorPagePercentSoFar",
                "p50Ms", "p90Ms", "p99Ms", "cpuPercent", "hotThreadPercent", "openFiles", "lagViewers")) {
            assertEquals(2, t.get(column).size(), column);
        }
        assertEquals(List.of("ok", "error-page", "failed", "locked"), fieldNames(t.get("requests")),
                "every outcome drawn, in one order");
        assertEquals(90, t.get("requests").get("ok").get(1).asDouble(), 1e-9);
        assertEquals(0, t.get("requests").get("failed").get(1).asDouble(), 1e-9, "an outcome not met is 0, not missing");
        assertTrue(t.get("errorPagePercent").get(0).isNumber());
        assertEquals(10.0, t.get("errorPagePercent").get(1).asDouble(), 1e-9);
        assertTrue(t.get("p99Ms").get(0).isNull(), "no latency yet: null, not 0");
        assertEquals(480.125, t.get("p99Ms").get(1).asDouble(), 1e-9);
        assertTrue(t.get("cpuPercent").get(0).isNull());
        assertEquals(1, t.get("lagViewers").get(1).asDouble(), 1e-9);
    }

    @Test
    void holdsTheNightSoFar() throws Exception {
        view.slos = List.of(SloResult.atMost("errorPageRate", "error pages per request", 1.0, 5.0, "%"),
                new SloResult("playbackStartP99", "playback start p99", "<=", 1000, Double.NaN, "ms", true));
        view.verdict = "fail";
        JsonNode d = parse(LiveData.script(LiveData.of(threeSeconds(), Optional.empty(), Optional.empty())));
        assertEquals(List.of("night", "at", "seconds", "secondsToDrop", "dropAtSecond", "verdict", "ended", "report", "totals",
                "latency", "injector", "slos", "timeline"), fieldNames(d));
        assertEquals("finale-drop", d.get("night").asText());
        assertEquals(12_000, d.get("at").asLong());
        assertEquals(8, d.get("secondsToDrop").asDouble(), 1e-9);
        assertEquals(2 + 8, d.get("dropAtSecond").asDouble(), 1e-9, "the drop on the timeline's axis");
        assertEquals("fail", d.get("verdict").asText());
        assertFalse(d.get("ended").asBoolean());
        assertTrue(d.get("report").isNull());
        assertEquals(8, d.get("totals").get("viewers").asLong());
        assertEquals(200, d.get("totals").get("requests").asLong());
        assertEquals(5.0, d.get("totals").get("errorPagePercent").asDouble(), 1e-9);
        assertEquals(300, d.get("latency").get("requests").asLong());
        assertEquals(37.25, d.get("injector").get("cpuPercent").asDouble(), 1e-9);
        assertEquals(20_000, d.get("injector").get("openFilesLimit").asLong());
        JsonNode slo = d.get("slos").get(0);
        assertEquals("errorPageRate", slo.get("name").asText());
        assertEquals(5.0, slo.get("actual").asDouble(), 1e-9);
        assertEquals(1.0, slo.get("threshold").asDouble(), 1e-9);
        assertFalse(slo.get("passed").asBoolean());
        assertTrue(d.get("slos").get(1).get("actual").isNull(), "no sample yet: null");
    }

    @Test
    void namesTheReportOnceWrittenOrWhyNot() throws Exception {
        view.ended = true;
        JsonNode done = parse(LiveData.script(LiveData.of(threeSeconds(), Optional.of("index.html"), Optional.empty())));
        assertTrue(done.get("ended").asBoolean());
        assertEquals("index.html", done.get("report").asText());
        JsonNode none = parse(LiveData.script(LiveData.of(threeSeconds(), Optional.empty(), Optional.of("report: not written"))));
        assertTrue(none.get("report").isNull());
        assertEquals("report: not written", none.get("reportNote").asText());
    }

    @Test
    void numbersIgnoreTheDefaultLocaleAndMarkupCannotEndAScript() throws Exception {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            view.night = "</script><b>night</b>\u2028";
            String script = LiveData.script(LiveData.of(threeSeconds(), Optional.empty(), Optional.empty()));
            assertFalse(script.contains("<") || script.contains(">") || script.contains("\u2028"), script);
            JsonNode d = parse(script);
            assertEquals("</script><b>night</b>\u2028", d.get("night").asText(), "the text itself is kept");
            assertTrue(script.contains("\"cpuPercent\":37.25"), "a decimal point, whatever the locale");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void needsAReading() {
        assertThrows(IllegalStateException.class, () -> LiveData.of(new LiveTimeline(2), Optional.empty(), Optional.empty()));
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
