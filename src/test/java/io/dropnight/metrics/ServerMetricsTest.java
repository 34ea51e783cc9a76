package io.dropnight.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.core.Endpoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
    private final AtomicLong clockMillis = new AtomicLong(1_700_000_000_000L);
    private final ServerMetrics metrics = new ServerMetrics(new ScenarioLabels(), clockMillis::get);

    @Test
    void countsEveryRequestRecordedFromSeveralThreads() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        RequestOutcome outcome = i % 10 == 0 ? RequestOutcome.REJECTED : RequestOutcome.OK;
                        metrics.record("premiere", Endpoint.HOME, outcome, (i % 1000 + 1) * 1_000L);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        EndpointSnapshot home = metrics.snapshot().scenarios().get("premiere").get("home");
        assertEquals(threads * perThread, home.getCount());
        assertEquals(threads * perThread / 10, home.getRejected());
        assertEquals(home.getRejected(), home.getErrorPages());
        assertEquals(threads * perThread * 9 / 10, home.getOk());
        assertEquals(0.1, home.getErrorPageRate(), 1e-9);
    }

    @Test
    void reportsPercentilesInMicrosecondsWithThreeSignificantDigits() {
        for (int ms = 1; ms <= 1000; ms++) {
            metrics.record("s", Endpoint.PLAYBACK_START, RequestOutcome.OK, ms * 1_000_000L);
        }
        var latency = metrics.snapshot().scenarios().get("s").get("playback-start").getLatencyMicros();
        assertEquals(500_000, latency.get("p50Micros"), 500);
        assertEquals(900_000, latency.get("p90Micros"), 900);
        assertEquals(990_000, latency.get("p99Micros"), 990);
        assertEquals(999_000, latency.get("p999Micros"), 1_000);
        assertEquals(1_000_000, latency.get("maxMicros"), 1_000);
    }

    @Test
    void countsARejectionAsAnErrorPageAndAnErrorPageAloneAsNoRejection() {
        metrics.record("s", Endpoint.TITLE, RequestOutcome.REJECTED, 1_000);
        metrics.record("s", Endpoint.TITLE, RequestOutcome.ERROR_PAGE, 1_000);
        metrics.record("s", Endpoint.TITLE, RequestOutcome.CLIENT_ERROR, 1_000);
        metrics.record("s", Endpoint.TITLE, RequestOutcome.OK, 1_000);
        EndpointSnapshot title = metrics.snapshot().scenarios().get("s").get("title");
        assertEquals(4, title.getCount());
        assertEquals(2, title.getErrorPages());
        assertEquals(1, title.getRejected());
        assertEquals(1, title.getClientErrors());
        assertEquals(0.5, title.getErrorPageRate(), 1e-12);
    }

    @Test
    void clampsANegativeLatencyToZero() {
        // A clock stepping back by 5 ms: without the clamp, -5,000 µs cannot be recorded at all.
        metrics.record("s", Endpoint.SEARCH, RequestOutcome.OK, -5_000_000L);
        EndpointSnapshot search = metrics.snapshot().scenarios().get("s").get("search");
        assertEquals(1, search.getCount());
        assertEquals(0L, search.getLatencyMicros().get("p50Micros"));
        assertEquals(0L, search.getLatencyMicros().get("maxMicros"));
    }

    @Test
    void clampsAHugeLatencyToOneHour() {
        metrics.record("s", Endpoint.SEARCH, RequestOutcome.OK, Long.MAX_VALUE);
        metrics.record("s", Endpoint.HOME, RequestOutcome.OK, 7_200_000_000_000L); // two hours, in nanoseconds
        var scenario = metrics.snapshot().scenarios().get("s");
        // One hour, 3.6e9 µs, reads back as the top of its 3-digit bucket (2,097,152 µs wide there).
        assertEquals(3_600_809_983L, scenario.get("search").getLatencyMicros().get("maxMicros"));
        assertEquals(3_600_809_983L, scenario.get("home").getLatencyMicros().get("maxMicros"));
        assertEquals(1, scenario.get("search").getCount());
    }

    @Test
    void boundsUnsanitisedScenarioLabels() {
        ServerMetrics small = new ServerMetrics(new ScenarioLabels(2), clockMillis::get);
        for (int i = 0; i < 100; i++) {
            small.record("Hostile Label " + i, Endpoint.HOME, RequestOutcome.OK, 1_000);
        }
        var scenarios = small.snapshot().scenarios();
        assertEquals(List.of("hostile-label-0", "hostile-label-1", "other"), List.copyOf(scenarios.keySet()));
        assertEquals(98, scenarios.get("other").get("home").getCount());
    }

    @Test
    void serialisesTheSnapshotWithUnitsAndStablePercentileKeys() throws Exception {
        metrics.record("premiere", Endpoint.HOME, RequestOutcome.OK, 2_000_000);
        clockMillis.addAndGet(5_000);
        JsonNode json = new ObjectMapper().valueToTree(metrics.snapshot());
        assertEquals("microseconds", json.get("histogramUnit").asText());
        assertEquals(3, json.get("significantDigits").asInt());
        assertEquals("2023-11-14T22:13:20Z", json.get("since").asText());
        assertEquals("2023-11-14T22:13:25Z", json.get("takenAt").asText());
        JsonNode home = json.get("scenarios").get("premiere").get("home");
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = home.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(List.of("count", "ok", "clientErrors", "errorPages", "rejected", "errorPageRate",
                "p50Micros", "p90Micros", "p99Micros", "p999Micros", "maxMicros"), keys);
        assertEquals(2_000, home.get("p50Micros").asLong(), 2);
    }

    @Test
    void resetClearsCountsAndMovesTheSinceTimestamp() {
        metrics.record("s", Endpoint.HOME, RequestOutcome.OK, 1_000);
        clockMillis.addAndGet(60_000);
        metrics.reset();
        MetricsSnapshot after = metrics.snapshot();
        assertTrue(after.scenarios().isEmpty());
        assertEquals(after.takenAt(), after.since());
        metrics.record("s", Endpoint.HOME, RequestOutcome.OK, 3_000_000);
        EndpointSnapshot home = metrics.snapshot().scenarios().get("s").get("home");
        assertEquals(1, home.getCount());
        assertFalse(home.getLatencyMicros().get("p50Micros") < 2_990);
    }
}
