package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.ClientTags;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.simulations.live.InjectorCollector;
import io.dropnight.testing.PrometheusServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dropnight.simulations.LiveScrapes.INJECTORS;
import static io.dropnight.simulations.LiveScrapes.SERVICE;
import static io.dropnight.simulations.LiveScrapes.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Exact at the end" (issue 24), checked by a real Prometheus (Debian's {@code prometheus}, started
 * here with a 1 s scrape interval on loopback, its targets given once their ports are known): a
 * night run as {@code mvn gatling:test -Dmetrics.port=0} runs it (the default simulation, its
 * embedded service) is scraped while it runs, and the first scrape after its end holds the run's
 * own totals exactly: per endpoint and outcome as client.hlog counts them, and as
 * client-summary.json sums them. Three sharded injectors scraped together: {@link ShardedNightTest}.
 */
@Tag("night")
class PrometheusScrapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NIGHT = "finale-drop";
    /** The night's counters beside the requests, and client-summary.json's name for each. */
    private static final Map<String, String> COUNTERS = Map.of(InjectorCollector.ERROR_PAGES, "errorPagesSeen",
            InjectorCollector.VIEWERS_ARRIVED, "users", InjectorCollector.PLAYBACK_STARTS, "playbackStarts",
            InjectorCollector.VIEWERS_GAVE_UP, "abandonments");

    @TempDir
    Path dir;

    @Test
    void aNightScrapedWhileItRunsEndsWithItsOwnCountsExactly() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), LiveScrapes.JOBS)) {
            Path run;
            String instance;
            // Two backend slots and no queue: the surge is shed, so error pages are part of what is compared.
            try (GatlingProcess night = GatlingProcess.start(Files.createDirectories(dir.resolve("night")), List.of("-Dnight=" + NIGHT,
                    "-Dscale=0.05", "-Dcompression=200", "-DdropOffset=4s", "-DmaxRefreshes=2", "-Dslots=2", "-DqueueLimit=0",
                    "-Dslo.enforce=false", "-Dmetrics.port=0"))) {
                URI metrics = LiveScrapes.awaitLiveMetrics(night);
                JsonNode runJson = JSON.readTree(night.onlyRunFolder().resolve(RunFiles.RUN_INFO).toFile());
                assertEquals(metrics.toString(), runJson.get("liveMetrics").asText(), "run.json names the console's URL");
                prometheus.targets(SERVICE, Map.of(URI.create(runJson.get("target").asText()).getAuthority(), Map.of()));
                instance = LiveScrapes.scrape(prometheus, List.of(night)).get(0);
                assertEquals(metrics.getAuthority(), instance);
                assertEquals(0, night.await(240), night.log());
                run = night.onlyRunFolder();
            }
            InjectorScrapes scrapes = InjectorScrapes.read(prometheus, INJECTORS, instance);
            assertEquals(LiveScrapes.counts(run.resolve(RunFiles.CLIENT_LOG), NIGHT), scrapes.requests(),
                    "requests by endpoint/outcome: client.hlog vs the first scrape after the night");

            JsonNode summary = JSON.readTree(run.resolve(RunFiles.CLIENT_SUMMARY).toFile());
            long errorPages = scrapes.requests().entrySet().stream().filter(e -> e.getKey().endsWith("/" + ClientTags.ERROR_PAGE))
                    .mapToLong(Map.Entry::getValue).sum();
            assertTrue(summary.get("errorPagesSeen").asLong() > 0, "the surge was shed: " + summary);
            assertEquals(summary.get("errorPagesSeen").asLong(), errorPages, "client-summary.json's error pages vs the error-page outcome");
            assertEquals(summary.get("requests").asLong(), sum(scrapes.requests()), "client-summary.json's requests vs Prometheus' sum");
            for (Map.Entry<String, String> c : COUNTERS.entrySet()) {
                assertEquals(summary.get(c.getValue()).asLong(), scrapes.at(prometheus, INJECTORS, c.getKey() + "_total"),
                        c.getKey() + " vs client-summary.json's " + c.getValue());
            }
            assertEmbeddedServiceEndsWithItsLog(prometheus, run);
        }
    }

    /**
     * The embedded service, scraped while the night came, waits as it stops for one scrape begun
     * after the night (the service's own Scrapes, at most 3 s): Prometheus' last sample of each of
     * its counters is its server.hlog's count, exactly.
     */
    private static void assertEmbeddedServiceEndsWithItsLog(PrometheusServer prometheus, Path run) throws Exception {
        Map<String, Long> logged = LiveScrapes.counts(run.resolve(RunFiles.SERVER_LOG), NIGHT);
        Map<String, Long> last = LiveScrapes.byEndpointAndOutcome(prometheus, "max by (endpoint, outcome) (last_over_time("
                + LiveScrapes.SERVICE_REQUESTS + "{job=\"" + SERVICE + "\",scenario=\"" + NIGHT + "\"}[1h]))");
        last.values().removeIf(n -> n == 0); // every outcome is exposed from a (scenario, endpoint)'s first request on
        assertEquals(logged, last, "the service's requests by endpoint/outcome: server.hlog vs its last scrape");
    }
}
