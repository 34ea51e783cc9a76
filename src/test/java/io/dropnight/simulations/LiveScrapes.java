package io.dropnight.simulations;

import io.dropnight.metrics.HistogramTags;
import io.dropnight.runfolder.IntervalLog;
import io.dropnight.testing.PrometheusServer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Prometheus pointed at nights as they run (issue 24's "exact at the end"): the injectors'
 * live metrics found from their consoles, the service's exposition, and what Prometheus stored of
 * both read back by {@code <endpoint>/<outcome>}, the key the run's histogram logs count by.
 */
final class LiveScrapes {
    /** The scrape job of the injectors' {@code -Dmetrics.port} and the service's exposition, and their paths. */
    static final String INJECTORS = "injector";
    static final String SERVICE = "service";
    static final Map<String, String> JOBS = Map.of(INJECTORS, "/metrics", SERVICE, "/metrics/prometheus");
    static final String SERVICE_REQUESTS = "dropnight_service_requests_total";
    /** From the targets file written to Prometheus' first scrape: the file is re-read and its targets scraped every second. */
    private static final Duration FIRST_SCRAPE_WITHIN = Duration.ofSeconds(20);
    private static final Pattern LIVE_LINE = Pattern.compile("dropnight: live metrics at (http://\\S+/metrics) ");

    private LiveScrapes() {
    }

    /** The injector's metrics URL, from its console's line (printed once the port is bound, before any load). */
    static URI awaitLiveMetrics(GatlingProcess night) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> !night.running() || LIVE_LINE.matcher(night.log()).find());
        String log = night.log();
        Matcher m = LIVE_LINE.matcher(log);
        assertTrue(m.find(), () -> "no live metrics line before the night ended:\n" + log);
        return URI.create(m.group(1));
    }

    /**
     * Has Prometheus scrape {@code injectors} (labelled {@code injector=<index>}) once each has
     * printed its metrics URL, and waits until it has scraped all of them while they run.
     *
     * @return each injector's scraped target ({@code host:port}), by its index
     */
    static List<String> scrape(PrometheusServer prometheus, List<GatlingProcess> injectors) throws Exception {
        List<String> instances = new ArrayList<>();
        Map<String, Map<String, String>> targets = new LinkedHashMap<>();
        for (int i = 0; i < injectors.size(); i++) {
            String instance = awaitLiveMetrics(injectors.get(i)).getAuthority();
            instances.add(instance);
            targets.put(instance, PrometheusServer.labels("injector", Integer.toString(i)));
        }
        prometheus.targets(INJECTORS, targets);
        await().atMost(FIRST_SCRAPE_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<PrometheusServer.Sample> up = prometheus.query("up{job=\"" + INJECTORS + "\"} == 1");
            assertEquals(injectors.size(), up.size(), () -> "injectors scraped: " + up);
            assertTrue(injectors.stream().allMatch(GatlingProcess::running), "the injectors still ran when first scraped");
        });
        return instances;
    }

    /** Waits for a scrape of the service begun after now: once the load has stopped, it holds the final counts. */
    static void awaitServiceScrapedFromNow(PrometheusServer prometheus) {
        double now = System.currentTimeMillis() / 1000.0;
        // timestamp() of a plain selector is the scrape's time; of any other expression, the query's
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                prometheus.query("timestamp(up{job=\"" + SERVICE + "\"})").stream().anyMatch(s -> s.value() > now));
    }

    /** The service's requests of {@code night} at its latest scrape, by endpoint/outcome, the outcomes it never gave left out. */
    static Map<String, Long> serviceRequests(PrometheusServer prometheus, String night) throws Exception {
        Map<String, Long> scraped = byEndpointAndOutcome(prometheus, "sum by (endpoint, outcome) (" + SERVICE_REQUESTS
                + "{job=\"" + SERVICE + "\",scenario=\"" + night + "\"})");
        scraped.values().removeIf(n -> n == 0); // every outcome is exposed from a (scenario, endpoint)'s first request on
        return scraped;
    }

    /** The injectors' requests at their last scrapes, summed over the injectors: {@code sum by (endpoint, outcome)}. */
    static Map<String, Long> injectorRequestsSummed(PrometheusServer prometheus) throws Exception {
        return byEndpointAndOutcome(prometheus, "sum by (endpoint, outcome) (last_over_time(" + InjectorScrapes.REQUESTS_TOTAL
                + "{job=\"" + INJECTORS + "\"}[1h]))");
    }

    /** An instant query's result (evaluated now) by {@code <endpoint>/<outcome>}, each value a count. */
    static Map<String, Long> byEndpointAndOutcome(PrometheusServer prometheus, String promql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (PrometheusServer.Sample s : prometheus.query(promql)) {
            String key = s.labels().get("endpoint") + "/" + s.labels().get("outcome");
            assertFalse(out.containsKey(key), () -> "one value per endpoint and outcome: " + promql);
            out.put(key, InjectorScrapes.whole(key, s.value()));
        }
        return out;
    }

    /**
     * A histogram log's count of every {@code <night>/<endpoint>/<outcome>} tag (client.hlog's and
     * server.hlog's scheme), by {@code <endpoint>/<outcome>}, read with the run folder's reader.
     */
    static Map<String, Long> counts(Path hlog, String night) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        IntervalLog.read(hlog).mergedByTag().forEach((tag, h) -> {
            String[] parts = HistogramTags.split(tag);
            if (parts.length == 3 && parts[0].equals(night)) {
                counts.put(parts[1] + "/" + parts[2], h.getTotalCount());
            }
        });
        assertFalse(counts.isEmpty(), () -> hlog + " has the night's requests");
        return counts;
    }

    static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
