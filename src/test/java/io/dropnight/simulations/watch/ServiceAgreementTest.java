package io.dropnight.simulations.watch;

import io.dropnight.runfolder.SloResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's latencies against the embedded service's own, from the two interval logs. */
class ServiceAgreementTest {
    private static final List<String> ENDPOINTS = List.of("playback-start", "home", "title");

    @TempDir
    Path dir;

    /** Writes a log of one interval per tag: {@code count} answers, all taking {@code ms}. */
    private Path log(String name, Map<String, long[]> answers) throws IOException {
        Path file = dir.resolve(name);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(1_000_000L);
            w.outputLegend();
            for (Map.Entry<String, long[]> e : answers.entrySet()) {
                Histogram h = new Histogram(3_600_000_000L, 3);
                h.recordValueWithCount(e.getValue()[1] * 1000, e.getValue()[0]);
                h.setStartTimeStamp(1_000_000L);
                h.setEndTimeStamp(1_001_000L);
                h.setTag(e.getKey());
                w.outputIntervalHistogram(h);
            }
        }
        return file;
    }

    @Test
    void agreesWhenTheClientSawWhatTheServiceMeasured() throws IOException {
        Path client = log("client.hlog", Map.of("finale-drop/playback-start/ok", new long[] {1000, 180}));
        Path server = log("server.hlog", Map.of("finale-drop/playback-start/ok", new long[] {1000, 150}));

        assertEquals(Optional.empty(), ServiceAgreement.check(client, server, "finale-drop", ENDPOINTS, 3, 100));
    }

    @Test
    void namesTheEndpointAndBothFiguresWhereTheClientSawFarMore() throws IOException {
        // the scale-4 run: the client's playback-start p99 was 4,432 ms, the service's own 95.7 ms
        Path client = log("client.hlog", Map.of("finale-drop/playback-start/ok", new long[] {5000, 4432},
                "finale-drop/home/ok", new long[] {5000, 900}));
        Path server = log("server.hlog", Map.of("finale-drop/playback-start/ok", new long[] {5000, 96},
                "finale-drop/home/ok", new long[] {5000, 40}));

        String why = ServiceAgreement.check(client, server, "finale-drop", ENDPOINTS, 3, 100).orElseThrow();
        assertTrue(why.startsWith("client and service disagree: playback-start p99 4,43"), why);
        assertTrue(why.matches(".* p99 4,4[34]\\d\\.\\d ms at the client against 9[56]\\.\\d ms at the service .*"), why); // 3 digits
        assertTrue(why.contains("(bound 3x + 100 ms)"), why);
    }

    @Test
    void holdsTheMarginAndTheFactor() throws IOException {
        Path server = log("server.hlog", Map.of("finale-drop/title/ok", new long[] {1000, 100}));
        // 3 x 100 + 100 = 400 ms is the bound
        assertEquals(Optional.empty(), ServiceAgreement.check(
                log("a.hlog", Map.of("finale-drop/title/ok", new long[] {1000, 390})), server, "finale-drop", ENDPOINTS, 3, 100));
        assertTrue(ServiceAgreement.check(
                log("b.hlog", Map.of("finale-drop/title/ok", new long[] {1000, 420})), server, "finale-drop", ENDPOINTS, 3, 100).isPresent());
    }

    @Test
    void comparesOnlyTheEndpointsItIsGivenAndOnlyTheSameAnswers() throws IOException {
        // session pays the viewer's TCP connect, which the service does not time: not judged
        Path client = log("client.hlog", Map.of("finale-drop/session/ok", new long[] {1000, 900},
                "finale-drop/title/ok", new long[] {1000, 900}));
        // the service counts title polls under title too: twice the answers, not the same requests
        Path server = log("server.hlog", Map.of("finale-drop/session/ok", new long[] {1000, 80},
                "finale-drop/title/ok", new long[] {2000, 80}));

        assertEquals(Optional.empty(), ServiceAgreement.check(client, server, "finale-drop", ENDPOINTS, 3, 100));
        assertTrue(ServiceAgreement.check(client, server, "finale-drop", List.of("session"), 3, 100).isPresent());
    }

    @Test
    void ignoresFewAnswersOtherNightsOtherOutcomesAndAMissingServiceLog() throws IOException {
        Path client = log("client.hlog", Map.of(
                "finale-drop/home/ok", new long[] {ServiceAgreement.MIN_ANSWERS - 1, 5000},
                "premiere/home/ok", new long[] {1000, 5000},
                "finale-drop/title/error-page", new long[] {1000, 5000}));
        Path server = log("server.hlog", Map.of(
                "finale-drop/home/ok", new long[] {ServiceAgreement.MIN_ANSWERS - 1, 10},
                "premiere/home/ok", new long[] {1000, 10},
                "finale-drop/title/error-page", new long[] {1000, 10}));

        assertEquals(Optional.empty(), ServiceAgreement.check(client, server, "finale-drop", ENDPOINTS, 3, 100));
        assertEquals(Optional.empty(), ServiceAgreement.check(client, dir.resolve("absent.hlog"), "finale-drop", ENDPOINTS, 3, 100));
    }

    private static final String GAP = "client and service disagree: playback-start p99 ...";
    private static final Set<String> LATENCY = Set.of("playbackStartP99", "timeToPlayP95");
    private static final SloResult LATENCY_FAILED = SloResult.atMost("timeToPlayP95", "p95", 3000, 3172, "ms");
    private static final SloResult LATENCY_PASSED = SloResult.atMost("playbackStartP99", "p99", 800, 584, "ms");
    private static final SloResult ERROR_PAGES_FAILED = SloResult.atMost("errorPageRate", "rate", 1, 1.8, "%");
    private static final SloResult ERROR_PAGES_PASSED = SloResult.atMost("errorPageRate", "rate", 1, 0.4, "%");

    @Test
    void aGapMakesTheRunInconclusiveOnlyWhenALatencySloFailedAndNothingCountedDid() {
        assertEquals(Optional.of(GAP + "; timeToPlayP95 failed on the client's figures"),
                ServiceAgreement.judge(GAP, List.of(LATENCY_PASSED, LATENCY_FAILED, ERROR_PAGES_PASSED), LATENCY));
        assertEquals(Optional.empty(), ServiceAgreement.judge(GAP, List.of(LATENCY_PASSED, ERROR_PAGES_FAILED), LATENCY),
                "an error-page rate is not timed: the verdict stands");
        assertEquals(GAP + "; no latency SLO failed, so the verdict stands",
                ServiceAgreement.stands(GAP, List.of(LATENCY_PASSED, ERROR_PAGES_PASSED), LATENCY));
    }

    @Test
    void aCountedSloThatFailedDecidesTheRunWhateverTheLatencies() {
        // the default night at 73 slots: 1.80 % error pages, time-to-play p95 3,172 ms, a gap at playback-start
        List<SloResult> results = List.of(LATENCY_PASSED, LATENCY_FAILED, ERROR_PAGES_FAILED);
        assertEquals(Optional.empty(), ServiceAgreement.judge(GAP, results, LATENCY));
        assertEquals(GAP + "; errorPageRate failed on the service's own answers (counted, not timed),"
                + " so the run fails whatever the latencies were", ServiceAgreement.stands(GAP, results, LATENCY));
    }
}
