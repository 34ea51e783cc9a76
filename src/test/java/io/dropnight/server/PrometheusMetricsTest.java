package io.dropnight.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.testing.PrometheusText;
import io.dropnight.testing.PrometheusText.Sample;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dropnight.testing.RunningService.ADMIN_TOKEN;
import static io.dropnight.testing.RunningService.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics/prometheus} over a real socket: after a load that ends in every outcome
 * (served, client errors, shed, error pages), scraped while it ran, the exposition's counters and
 * histogram counts equal what {@code GET /metrics} says, exactly.
 */
class PrometheusMetricsTest {
    private static final String HARNESS = "harness";
    private static final List<String> SCENARIOS = List.of("finale-drop", "browse", "");

    @TempDir
    Path runDir;

    @Test
    void countersEqualTheJsonMetricsExactlyOnceTheLoadStops() throws Exception {
        // Two slots and no queue: concurrent playback starts are shed.
        try (RunningService s = RunningService.start(runDir, b -> b.slots(2).queueLimit(0)
                .serviceTime("playback-start", "fixed:150ms"))) {
            String token = s.login();
            AtomicInteger answered = new AtomicInteger(1); // the login
            ScrapeLoop scrapes = new ScrapeLoop(s);
            ExecutorService pool = Executors.newFixedThreadPool(17);
            try {
                Future<Integer> scraping = pool.submit(scrapes);
                List<Future<?>> load = new ArrayList<>();
                for (int i = 0; i < 480; i++) {
                    int n = i;
                    load.add(pool.submit(() -> {
                        request(s, token, n);
                        answered.incrementAndGet();
                        return null;
                    }));
                }
                for (Future<?> f : load) {
                    f.get(60, TimeUnit.SECONDS);
                }
                scrapes.stop();
                assertTrue(scraping.get(30, TimeUnit.SECONDS) > 0, "scraped during the load");
            } finally {
                pool.shutdownNow();
            }
            answered.addAndGet(errorPagesDuringAnOutage(s, token));

            // The server records a request once its answer is written, which the client may see first.
            await().atMost(Duration.ofSeconds(10)).until(() -> countOutsideHarness(jsonMetrics(s)) == answered.get());
            Map<Sample, Double> samples = PrometheusText.parse(scrape(s, null).body());
            JsonNode metrics = jsonMetrics(s);

            assertRequestsEqual(metrics.get("metrics").get("scenarios"), samples);
            assertBackendEquals(metrics.get("backend"), samples);
        }
    }

    @Test
    void answersOpenMetricsWhenAcceptAsksAndTextOtherwise() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            HttpResponse<String> open = scrape(s, "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertEquals(200, open.statusCode());
            assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                    open.headers().firstValue("content-type").orElse(""));
            assertTrue(open.body().endsWith("# EOF\n"), open.body());

            HttpResponse<String> text = scrape(s, null);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", text.headers().firstValue("content-type").orElse(""));
            assertFalse(text.body().contains("# EOF"), text.body());
            assertTrue(PrometheusText.parse(text.body()).containsKey(Sample.of("dropnight_service_policy_info", "policy", "fixed")));
        }
    }

    /** Every metric family the service exposes is documented in docs/SERVICE.md. */
    @Test
    void everyMetricIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("docs/SERVICE.md"));
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            s.get("/health", null);
            String body = scrape(s, "application/openmetrics-text; version=1.0.0").body();
            List<String> families = body.lines().filter(l -> l.startsWith("# TYPE "))
                    .map(l -> l.split(" ")[2]).toList();
            assertTrue(families.size() > 10, families::toString);
            for (String family : families) {
                assertTrue(doc.contains("`" + family), () -> family + " is not documented in docs/SERVICE.md");
            }
        }
    }

    /** One request of a mix that ends in every outcome but the error page, under three scenario labels. */
    private static void request(RunningService s, String token, int n) throws Exception {
        String scenario = SCENARIOS.get(n / 6 % SCENARIOS.size());
        HttpRequest.Builder r = switch (n % 6) {
            case 0, 1 -> HttpRequest.newBuilder(s.uri("/api/playback/10101")).POST(HttpRequest.BodyPublishers.noBody());
            case 2 -> HttpRequest.newBuilder(s.uri("/api/home")).GET();
            case 3 -> HttpRequest.newBuilder(s.uri("/api/titles/999999")).GET();
            case 4 -> HttpRequest.newBuilder(s.uri("/nowhere")).GET();
            default -> HttpRequest.newBuilder(s.uri("/title/1")).GET();
        };
        r.header("Authorization", "Bearer " + token);
        if (!scenario.isEmpty()) {
            r.header("X-Scenario", scenario);
        }
        s.send(r);
    }

    /** Error pages of an injected outage; returns how many requests were answered. */
    private static int errorPagesDuringAnOutage(RunningService s, String token) throws Exception {
        assertEquals(200, admin(s, "/admin/fault", "{\"outage\":true}").statusCode());
        int answered = 0;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/api/home")).GET()
                    .header("Authorization", "Bearer " + token).header("X-Scenario", "browse"));
            assertEquals(503, r.statusCode(), r.body());
            answered++;
        }
        assertEquals(200, admin(s, "/admin/fault", "{\"outage\":false}").statusCode());
        return answered;
    }

    private static void assertRequestsEqual(JsonNode scenarios, Map<Sample, Double> samples) {
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> sc = scenarios.fields(); sc.hasNext(); ) {
            Map.Entry<String, JsonNode> scenario = sc.next();
            if (scenario.getKey().equals(HARNESS)) {
                continue; // the scrapes and reads themselves, still counting while this test reads
            }
            for (Iterator<Map.Entry<String, JsonNode>> en = scenario.getValue().fields(); en.hasNext(); ) {
                Map.Entry<String, JsonNode> endpoint = en.next();
                String where = scenario.getKey() + "/" + endpoint.getKey();
                for (String outcome : List.of("ok", "client-error", "error-page", "rejected")) {
                    assertEquals((double) PrometheusText.jsonCount(endpoint.getValue(), outcome),
                            samples.get(Sample.of("dropnight_service_requests_total", "scenario", scenario.getKey(),
                                    "endpoint", endpoint.getKey(), "outcome", outcome)), where + " " + outcome);
                    compared++;
                }
                assertEquals(endpoint.getValue().get("count").asDouble(), samples.get(Sample.of(
                        "dropnight_service_request_duration_seconds_count", "scenario", scenario.getKey(),
                        "endpoint", endpoint.getKey())), where + " histogram count");
            }
        }
        PrometheusText.family(samples, "dropnight_service_requests_total").forEach((labels, value) -> {
            JsonNode endpoint = scenarios.path(labels.get("scenario")).path(labels.get("endpoint"));
            assertTrue(value == 0 || !endpoint.isMissingNode(), () -> labels + " is not in /metrics");
        });
        assertTrue(compared >= 4 * 3 * 5, "compared " + compared + " counters");
        for (String outcome : List.of("ok", "client-error", "error-page", "rejected")) {
            double total = PrometheusText.family(samples, "dropnight_service_requests_total").entrySet().stream()
                    .filter(e -> e.getKey().get("outcome").equals(outcome)).mapToDouble(Map.Entry::getValue).sum();
            assertTrue(total > 0, "the load ended in outcome " + outcome + " at least once");
        }
    }

    private static void assertBackendEquals(JsonNode backend, Map<Sample, Double> samples) {
        backend.get("rejectedByEndpoint").fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(),
                PrometheusText.family(samples, "dropnight_service_shed_total").entrySet().stream()
                        .filter(s -> s.getKey().get("endpoint").equals(e.getKey())).findFirst().orElseThrow().getValue(),
                "shed " + e.getKey()));
        assertTrue(backend.get("rejected").asLong() > 0, "some requests were shed");
        assertEquals(backend.get("admitted").asDouble(), samples.get(Sample.of("dropnight_service_backend_admitted_total")));
        assertEquals(backend.get("served").asDouble(), samples.get(Sample.of("dropnight_service_backend_served_total")));
        assertEquals(backend.get("failed").asDouble(), samples.get(Sample.of("dropnight_service_backend_failed_total")));
        assertEquals(backend.get("slots").asDouble(), samples.get(Sample.of("dropnight_service_slots")));
        assertEquals(backend.get("busySlots").asDouble(), samples.get(Sample.of("dropnight_service_slots_busy")));
        assertEquals(backend.get("queued").asDouble(), samples.get(Sample.of("dropnight_service_queue_depth")));
        assertEquals(backend.get("currentLimit").asDouble(), samples.get(Sample.of("dropnight_service_admission_limit")));
        assertEquals(1.0, samples.get(Sample.of("dropnight_service_policy_info", "policy", backend.get("policy").asText())));
        JsonNode cache = backend.get("cache");
        assertEquals(cache.get("hits").asDouble(), samples.get(Sample.of("dropnight_service_cache_lookups_total", "result", "hit")));
        assertEquals(cache.get("misses").asDouble(), samples.get(Sample.of("dropnight_service_cache_lookups_total", "result", "miss")));
    }

    private static long countOutsideHarness(JsonNode metrics) {
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> sc = metrics.get("metrics").get("scenarios").fields(); sc.hasNext(); ) {
            Map.Entry<String, JsonNode> scenario = sc.next();
            if (!scenario.getKey().equals(HARNESS)) {
                for (JsonNode endpoint : scenario.getValue()) {
                    total += endpoint.get("count").asLong();
                }
            }
        }
        return total;
    }

    private static JsonNode jsonMetrics(RunningService s) throws Exception {
        return json(s.send(HttpRequest.newBuilder(s.uri("/metrics")).GET().header("X-Scenario", HARNESS)));
    }

    private static HttpResponse<String> scrape(RunningService s, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(s.uri("/metrics/prometheus")).GET().header("X-Scenario", HARNESS);
        if (accept != null) {
            r.header("Accept", accept);
        }
        return s.send(r);
    }

    private static HttpResponse<String> admin(RunningService s, String path, String body) throws Exception {
        return s.send(HttpRequest.newBuilder(s.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("X-Scenario", HARNESS));
    }

    /** Scrapes until stopped (at most 500 times), checking each answer; returns how many it made. */
    private static final class ScrapeLoop implements java.util.concurrent.Callable<Integer> {
        private final RunningService service;
        private final AtomicBoolean stopped = new AtomicBoolean();

        ScrapeLoop(RunningService service) {
            this.service = service;
        }

        void stop() {
            stopped.set(true);
        }

        @Override
        public Integer call() throws Exception {
            int scrapes = 0;
            while (!stopped.get() && scrapes < 500) {
                HttpResponse<String> r = scrape(service, null);
                assertEquals(200, r.statusCode(), r.body());
                PrometheusText.parse(r.body());
                scrapes++;
            }
            return scrapes;
        }
    }
}
