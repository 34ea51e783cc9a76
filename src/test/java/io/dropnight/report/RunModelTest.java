package io.dropnight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunModelTest {

    private static RunModel model(String runId) throws Exception {
        return RunModel.of(RunReader.read(Fixtures.run(runId)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"home", "title", "search", "playback-start"})
    void mergingTheIntervalsReproducesTheServersCumulativePercentiles(String endpoint) throws Exception {
        NightModel night = model(Fixtures.NONE).nights().get(0);
        JsonNode snapshot = new ObjectMapper().readTree(
                Fixtures.run(Fixtures.NONE).resolve("server-metrics.json").toFile()).at("/scenarios/premiere/" + endpoint);
        EndpointLatency e = night.endpoint(endpoint);
        assertEquals(snapshot.get("count").asLong(), e.serverAll().getTotalCount());
        assertEquals(snapshot.get("errorPages").asLong(), e.errorPages());
        for (String p : List.of("p50", "p90", "p99", "p999")) {
            double percentile = p.equals("p999") ? 99.9 : Double.parseDouble(p.substring(1));
            assertEquals(snapshot.get(p + "Micros").asLong(), e.serverAll().getValueAtPercentile(percentile), p);
        }
        assertEquals(snapshot.get("maxMicros").asLong(), e.serverAll().getMaxValue());
    }

    @Test
    void countsOkResponsesAsTheSavedPercentileDistributionDoes() throws Exception {
        String hgrm = Files.readString(Fixtures.run(Fixtures.NONE).resolve("server/premiere_home_ok.hgrm"));
        Matcher total = Pattern.compile("Total count\\s+=\\s+(\\d+)").matcher(hgrm);
        assertTrue(total.find(), hgrm);
        EndpointLatency home = model(Fixtures.NONE).nights().get(0).endpoint("home");
        assertEquals(Long.parseLong(total.group(1)), home.serverOk().getTotalCount());
    }

    @Test
    void buildsOneLoadPointPerSecondThatAddsUpToEveryRequest() throws Exception {
        NightModel night = model(Fixtures.NONE).nights().get(0);
        List<LoadSeries.Point> points = night.load().points();
        assertEquals(30, points.size());
        assertEquals(0.0, points.get(0).secondsSinceStart(), 1e-9);
        assertEquals(29.0, points.get(29).secondsSinceStart(), 1e-9);
        double requests = points.stream().mapToDouble(LoadSeries.Point::offeredPerSec).sum();
        long total = night.endpoints().stream().mapToLong(e -> e.serverAll().getTotalCount()).sum();
        assertEquals(total, requests, 1e-6);
        assertTrue(points.get(10).offeredPerSec() > 3 * points.get(5).offeredPerSec(), "the drop brings a spike");
    }

    @Test
    void placesTheDropInSecondsAfterTheServerLogStarted() throws Exception {
        assertEquals(10.0, model(Fixtures.NONE).dropAtSec().getAsDouble(), 1e-9);
    }

    @Test
    void readsTheClientSideAsTimeToPlayAndAsTheEndpointsClientCurve() throws Exception {
        RunModel model = model(Fixtures.NONE);
        NightModel night = model.nights().get(0);
        long playbackStarts = model.data().clientSummary().get("playbackStarts").asLong();
        assertEquals(playbackStarts, night.timeToPlay().getTotalCount());
        assertEquals(playbackStarts, night.endpoint("playback-start").client().getTotalCount());
        assertEquals(0, night.endpoint("home").client().getTotalCount());
    }

    @Test
    void showsRejectionsOnlyWhereThePriorityPolicyShed() throws Exception {
        NightModel night = model(Fixtures.PRIORITY).nights().get(0);
        assertTrue(night.endpoint("home").rejected() > 0);
        assertTrue(night.endpoint("search").rejected() > 0);
        assertEquals(0, night.endpoint("title").rejected());
        assertEquals(0, night.endpoint("playback-start").rejected());
        assertTrue(night.load().points().stream().anyMatch(p -> p.rejectedPerSec() > 0 && p.errorPagePercent() > 10));
    }

    @Test
    void ordersEndpointsAsTheServiceDeclaresThem() throws Exception {
        List<String> names = model(Fixtures.NONE).nights().get(0).endpoints().stream()
                .map(EndpointLatency::endpoint).toList();
        assertEquals(List.of("home", "title", "search", "playback-start"), names);
    }

    @Test
    void degradesToAnEmptyModelWhenOnlyRunJsonIsPresent(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.copy(Fixtures.run(Fixtures.NONE).resolve("run.json"), dir.resolve("run.json"));
        RunModel model = RunModel.of(RunReader.read(dir));
        assertTrue(model.nights().isEmpty());
        assertTrue(model.dropAtSec().isEmpty());
        assertEquals("NO SLOS", model.data().verdict());
        assertEquals(Fixtures.NONE, model.data().runId());
    }

    @Test
    void theHarnessOwnCallsAreNotANight(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        try (java.io.PrintStream out = new java.io.PrintStream(Files.newOutputStream(run.resolve("server.hlog")))) {
            org.HdrHistogram.HistogramLogWriter w = new org.HdrHistogram.HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(1_795_000_000_000L);
            w.setBaseTime(1_795_000_000_000L);
            w.outputBaseTime(1_795_000_000_000L);
            w.outputLegend();
            for (String tag : List.of("finale-drop/home/ok", "harness/metrics/ok", "harness/admin/ok")) {
                org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
                h.recordValue(1500);
                h.setStartTimeStamp(1_795_000_000_000L);
                h.setEndTimeStamp(1_795_000_001_000L);
                h.setTag(tag);
                w.outputIntervalHistogram(h);
            }
        }
        List<NightModel> nights = RunModel.of(RunReader.read(run)).nights();
        assertEquals(List.of("finale-drop"), nights.stream().map(NightModel::night).toList());
    }
}
