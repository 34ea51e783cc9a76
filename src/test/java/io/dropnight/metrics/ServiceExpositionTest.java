package io.dropnight.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.core.Endpoint;
import io.dropnight.testing.PrometheusText;
import io.dropnight.testing.PrometheusText.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Prometheus exposition against the same metrics' JSON snapshot, number for number. */
class ServiceExpositionTest {
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong clockMillis = new AtomicLong(1_700_000_000_000L);
    private final ServerMetrics metrics = new ServerMetrics(new ScenarioLabels(), clockMillis::get);
    private final AtomicReference<BackendState> backend = new AtomicReference<>(backendState("fixed",
            OptionalInt.of(32), OptionalInt.of(48)));
    private final ServiceExposition exposition = new ServiceExposition(metrics, backend::get);

    @Test
    void countersAndHistogramsEqualTheJsonSnapshotExactly() throws IOException {
        Map<String, List<Long>> micros = recordMixedRequests(new SplittableRandom(20_261_207L), 5_000);

        Map<Sample, Double> samples = PrometheusText.parse(scrape(null));
        JsonNode scenarios = JSON.valueToTree(metrics.snapshot()).get("scenarios");
        int pairs = 0;
        for (var scenario : iterable(scenarios.fields())) {
            for (var endpoint : iterable(scenario.getValue().fields())) {
                pairs++;
                String s = scenario.getKey();
                String e = endpoint.getKey();
                JsonNode json = endpoint.getValue();
                long total = 0;
                for (RequestOutcome outcome : RequestOutcome.values()) {
                    double value = samples.get(Sample.of("dropnight_service_requests_total",
                            "scenario", s, "endpoint", e, "outcome", outcome.tagName()));
                    assertEquals(PrometheusText.jsonCount(json, outcome.tagName()), value, s + "/" + e + "/" + outcome);
                    total += (long) value;
                }
                assertEquals(json.get("count").asLong(), total, s + "/" + e);
                assertEquals(json.get("count").asLong(), samples.get(Sample.of(
                        "dropnight_service_request_duration_seconds_count", "scenario", s, "endpoint", e)));
                assertBucketsCount(samples, s, e, micros.get(s + "/" + e));
            }
        }
        assertEquals(micros.size(), pairs, "every (scenario, endpoint) recorded is in the snapshot");
        assertEquals(4 * pairs, PrometheusText.family(samples, "dropnight_service_requests_total").size(),
                "four outcomes of each (scenario, endpoint) recorded, no other");
    }

    /** Values are kept 1 % away from every bound, so HdrHistogram's 0.1 % precision cannot move one across it. */
    private static void assertBucketsCount(Map<Sample, Double> samples, String scenario, String endpoint, List<Long> micros) {
        for (double bound : PrometheusHistograms.BOUNDS_SECONDS) {
            long atMost = micros.stream().filter(v -> v <= bound * 1_000_000).count();
            String le = Double.isInfinite(bound) ? "+Inf" : Double.toString(bound);
            assertEquals(atMost, samples.get(Sample.of("dropnight_service_request_duration_seconds_bucket",
                    "scenario", scenario, "endpoint", endpoint, "le", le)), scenario + "/" + endpoint + " le " + le);
        }
        double sumSeconds = micros.stream().mapToLong(Long::longValue).sum() / 1e6;
        assertEquals(sumSeconds, samples.get(Sample.of("dropnight_service_request_duration_seconds_sum",
                "scenario", scenario, "endpoint", endpoint)), sumSeconds * 1e-3);
    }

    @Test
    void scrapesBetweenRecordingsLoseNoValue() throws IOException {
        for (int ms = 1; ms <= 50; ms++) {
            metrics.record("night", Endpoint.HOME, RequestOutcome.OK, ms * 1_000_000L);
            if (ms % 7 == 0) {
                scrape(null);
                scrape(null); // nothing recorded in between: the second leaves the histogram alone
            }
        }
        Map<Sample, Double> samples = PrometheusText.parse(scrape(null));
        assertEquals(50.0, samples.get(Sample.of("dropnight_service_request_duration_seconds_count",
                "scenario", "night", "endpoint", "home")));
        assertEquals(25.0, samples.get(Sample.of("dropnight_service_request_duration_seconds_bucket",
                "scenario", "night", "endpoint", "home", "le", "0.025")), "1 ms to 25 ms");
        assertEquals(50, metrics.snapshot().scenarios().get("night").get("home").getCount());
        assertEquals(50_000, metrics.snapshot().scenarios().get("night").get("home").getLatencyMicros().get("maxMicros"),
                50, "the JSON snapshot's histogram has every value too");
    }

    @Test
    void aResetZeroesTheCountsKeepsTheSeriesAndSaysWhen() throws IOException {
        metrics.record("night", Endpoint.HOME, RequestOutcome.OK, 2_000_000L);
        clockMillis.set(1_700_000_123_456L);
        metrics.reset();

        Map<Sample, Double> samples = PrometheusText.parse(scrape(null));
        assertEquals(0.0, samples.get(Sample.of("dropnight_service_requests_total",
                "scenario", "night", "endpoint", "home", "outcome", "ok")));
        assertEquals(0.0, samples.get(Sample.of("dropnight_service_request_duration_seconds_count",
                "scenario", "night", "endpoint", "home")));
        assertEquals(1_700_000_123.456, samples.get(Sample.of("dropnight_service_requests_since_timestamp_seconds")), 1e-6);
    }

    @Test
    void givesTheBackendsStateAsGaugesCountersAndThePolicy() throws IOException {
        Map<Sample, Double> samples = PrometheusText.parse(scrape(null));
        assertEquals(1.0, samples.get(Sample.of("dropnight_service_policy_info", "policy", "fixed")));
        assertEquals(16.0, samples.get(Sample.of("dropnight_service_slots")));
        assertEquals(12.0, samples.get(Sample.of("dropnight_service_slots_busy")));
        assertEquals(7.0, samples.get(Sample.of("dropnight_service_queue_depth")));
        assertEquals(19.0, samples.get(Sample.of("dropnight_service_in_flight")));
        assertEquals(32.0, samples.get(Sample.of("dropnight_service_queue_limit")));
        assertEquals(48.0, samples.get(Sample.of("dropnight_service_admission_limit")));
        assertEquals(1600.0, samples.get(Sample.of("dropnight_service_capacity_requests_per_second")));
        assertEquals(9.0, samples.get(Sample.of("dropnight_service_shed_total", "endpoint", "search", "priority", "search")));
        assertEquals(2.0, samples.get(Sample.of("dropnight_service_shed_total",
                "endpoint", "playback-start", "priority", "playback")));
        assertEquals(java.util.Arrays.stream(Endpoint.values()).filter(Endpoint::modelled).count(),
                PrometheusText.family(samples, "dropnight_service_shed_total").size(), "every modelled endpoint");
        assertEquals(100.0, samples.get(Sample.of("dropnight_service_backend_admitted_total")));
        assertEquals(80.0, samples.get(Sample.of("dropnight_service_backend_served_total")));
        assertEquals(1.0, samples.get(Sample.of("dropnight_service_backend_failed_total")));
        assertEquals(Map.of(Map.of("result", "hit"), 50.0, Map.of("result", "miss"), 5.0, Map.of("result", "coalesced"), 3.0),
                PrometheusText.family(samples, "dropnight_service_cache_lookups_total"));
        assertEquals(2.5, samples.get(Sample.of("dropnight_service_fault_slowdown_factor")));
        assertEquals(0.0, samples.get(Sample.of("dropnight_service_fault_outage")));
    }

    @Test
    void leavesOutTheBoundsAPolicyDoesNotHave() throws IOException {
        backend.set(backendState("none", OptionalInt.empty(), OptionalInt.empty()));
        Map<Sample, Double> samples = PrometheusText.parse(scrape(null));
        assertEquals(1.0, samples.get(Sample.of("dropnight_service_policy_info", "policy", "none")));
        assertFalse(samples.containsKey(Sample.of("dropnight_service_queue_limit")));
        assertFalse(samples.containsKey(Sample.of("dropnight_service_admission_limit")));
        assertTrue(samples.containsKey(Sample.of("dropnight_service_slots")));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"*/*", "text/plain", "text/plain;version=0.0.4", "application/json"})
    void answersPrometheusTextByDefault(String accept) throws IOException {
        metrics.record("night", Endpoint.HOME, RequestOutcome.OK, 2_000_000L);
        assertEquals(TEXT_004, exposition.negotiate(accept).contentType());
        String body = scrape(accept);
        assertTrue(body.contains("# TYPE dropnight_service_requests_total counter\n"), body);
        assertFalse(body.contains("# EOF"), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/openmetrics-text; version=1.0.0; charset=utf-8",
            // what Prometheus 2.x sends
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                    + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"})
    void answersOpenMetricsWhenAcceptAsksForIt(String accept) throws IOException {
        metrics.record("night", Endpoint.HOME, RequestOutcome.OK, 2_000_000L);
        assertEquals(OPENMETRICS, exposition.negotiate(accept).contentType());
        String body = scrape(accept);
        assertTrue(body.endsWith("# EOF\n"), body);
        assertTrue(body.contains("# TYPE dropnight_service_requests counter\n"), body);
        assertTrue(body.contains("# UNIT dropnight_service_request_duration_seconds seconds\n"), body);
        assertEquals(1.0, PrometheusText.parse(body).get(Sample.of("dropnight_service_requests_total",
                "scenario", "night", "endpoint", "home", "outcome", "ok")));
    }

    /** What Prometheus asks for first when its native histograms are on: the library answers it too. */
    @Test
    void answersPrometheusProtobufWhenAcceptAsksForIt() throws IOException {
        metrics.record("night", Endpoint.HOME, RequestOutcome.OK, 2_000_000L);
        String accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,"
                + "text/plain;version=0.0.4;q=0.3";
        assertTrue(exposition.negotiate(accept).contentType().startsWith("application/vnd.google.protobuf"),
                exposition.negotiate(accept).contentType());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exposition.write(exposition.negotiate(accept), out);
        assertTrue(out.toString(StandardCharsets.ISO_8859_1).contains("dropnight_service_requests_total"));
    }

    @Test
    void collectingRecordsNothing() throws IOException {
        metrics.record("night", Endpoint.HOME, RequestOutcome.OK, 2_000_000L);
        String first = scrape(null);
        assertEquals(first, scrape(null), "a second scrape with nothing recorded in between reads the same");
        assertEquals(1, metrics.snapshot().scenarios().get("night").get("home").getCount());
    }

    private String scrape(String accept) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exposition.write(exposition.negotiate(accept), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@code n} requests over three scenarios, four endpoints and every outcome, latencies from
     * 0.1 ms to 100 s (beyond the last finite bound), each at least 1 % away from a bucket bound.
     * Returns the values recorded, microseconds, by {@code scenario/endpoint}.
     */
    private Map<String, List<Long>> recordMixedRequests(SplittableRandom random, int n) {
        String[] scenarios = {"finale-drop", "browse", "unlabelled"};
        Endpoint[] endpoints = {Endpoint.HOME, Endpoint.TITLE, Endpoint.PLAYBACK_START, Endpoint.METRICS};
        RequestOutcome[] outcomes = RequestOutcome.values();
        Map<String, List<Long>> recorded = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String scenario = scenarios[random.nextInt(scenarios.length)];
            Endpoint endpoint = endpoints[random.nextInt(endpoints.length)];
            long micros = awayFromBounds((long) Math.pow(10, 2 + random.nextDouble() * 6));
            metrics.record(scenario, endpoint, outcomes[random.nextInt(outcomes.length)], micros * 1_000L);
            recorded.computeIfAbsent(scenario + "/" + endpoint.metricName(), k -> new ArrayList<>()).add(micros);
        }
        return recorded;
    }

    private static long awayFromBounds(long micros) {
        for (double bound : PrometheusHistograms.BOUNDS_SECONDS) {
            double b = bound * 1_000_000;
            if (Math.abs(micros - b) < b * 0.01) {
                return (long) (b * 1.02);
            }
        }
        return micros;
    }

    private static BackendState backendState(String policy, OptionalInt queueLimit, OptionalInt admissionLimit) {
        Map<Endpoint, Long> shed = new HashMap<>();
        for (Endpoint e : Endpoint.values()) {
            if (e.modelled()) {
                shed.put(e, 0L);
            }
        }
        shed.put(Endpoint.SEARCH, 9L);
        shed.put(Endpoint.PLAYBACK_START, 2L);
        return new BackendState(policy, 16, queueLimit, 12, 7, 19, admissionLimit, 1600.0, 100, 80, 1, shed,
                new BackendState.Cache(50, 5, 3), new BackendState.Fault(2.5, false));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
