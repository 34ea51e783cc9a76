package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.cli.Main;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.IntervalLog;
import io.dropnight.report.RunReader;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.testing.PrometheusServer;
import io.dropnight.testing.RunningService;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proof on one machine: one service, three injector JVMs sharded 0..2 against it, their runs
 * merged. The shares add up to the unsharded plan, the merged counts are the service's own, the
 * merged percentiles are those of one histogram of the three logs' values, and the three surges
 * start together at the drop. One run merged alone is that run's own. A real Prometheus scrapes the
 * three injectors and the service every second: the injectors' counters summed by endpoint and
 * outcome are the merged run's, the service's its own server.hlog's (issue 24, "exact at the end").
 *
 * <p>Isolated: its four JVMs must start and surge together within 100 ms, so no other night runs
 * beside it (failsafe runs night classes two at a time).
 */
@Tag("night")
@Isolated
class ShardedNightTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NIGHT = "finale-drop";
    private static final List<String> NIGHT_FLAGS = List.of("-Dnight=" + NIGHT, "-Dscale=0.05", "-Dcompression=200",
            "-Dslo.enforce=false");
    private static final long SURGE_SPREAD_BOUND_MS = 100;

    @TempDir
    Path dir;

    @Test
    void threeShardedInjectorsAddUpToTheNightTheServiceSawAndSurgeTogether() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), LiveScrapes.JOBS)) {
            threeShardedInjectorsScrapedBy(prometheus);
        }
    }

    private void threeShardedInjectorsScrapedBy(PrometheusServer prometheus) throws Exception {
        List<Path> runs = new ArrayList<>();
        List<String> scraped;
        JsonNode serverCounts;
        Map<String, Long> scrapedService;
        // The drop leaves the three JVMs time to start (10-25 s together on two cores, this class
        // running alone), plus the night's 5 s offset and the 20 s lead each needs.
        Path serviceRun = dir.resolve("service");
        try (RunningService service = RunningService.start(serviceRun, b -> b.dropIn("60s").scale(0.05))) {
            prometheus.targets(LiveScrapes.SERVICE, Map.of(service.uri("/").getAuthority(), Map.of()));
            List<GatlingProcess> injectors = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    List<String> flags = new ArrayList<>(NIGHT_FLAGS);
                    flags.addAll(List.of("-Dtarget=" + service.uri("/").toString().replaceAll("/$", ""),
                            "-Dinjectors=3", "-Dinjector=" + i, "-Dmetrics.port=0"));
                    injectors.add(GatlingProcess.start(Files.createDirectories(dir.resolve("injector-" + i)), flags));
                }
                scraped = LiveScrapes.scrape(prometheus, injectors);
                for (GatlingProcess g : injectors) {
                    assertEquals(0, g.await(300), g.log());
                    runs.add(g.onlyRunFolder());
                }
            } finally {
                for (GatlingProcess g : injectors) {
                    g.close();
                }
            }
            serverCounts = JSON.readTree(service.get("/metrics", null).body()).at("/metrics/scenarios/" + NIGHT);
            LiveScrapes.awaitServiceScrapedFromNow(prometheus);
            scrapedService = LiveScrapes.serviceRequests(prometheus, NIGHT);
        }
        Path merged = dir.resolve("merged");
        assertEquals(0, mergeRuns(merged, runs));
        assertPrometheusAddsUpToTheMergedRunAndTheServicesLog(prometheus, runs, scraped, merged, scrapedService,
                serviceRun.resolve(RunFiles.SERVER_LOG));

        int planned = Nights.plan(NightParameters.fromProperties(properties())).totalArrivals();
        long shares = 0;
        long started = 0;
        List<Instant> surges = new ArrayList<>();
        for (Path run : runs) {
            JsonNode info = JSON.readTree(run.resolve("run.json").toFile());
            shares += info.at("/parameters/arrivals").asLong();
            assertEquals(planned, info.at("/injector/nightArrivals").asInt());
            started += JSON.readTree(run.resolve("client-summary.json").toFile()).get("users").asLong();
            surges.add(Instant.parse(info.at("/injector/surgeAt").asText()));
        }
        assertEquals(planned, shares, "the three shares are the unsharded plan");
        assertEquals(planned, started, "every planned viewer started, on one injector only");

        JsonNode summary = JSON.readTree(merged.resolve("client-summary.json").toFile());
        long serverRequests = 0;
        long serverErrorPages = 0;
        for (JsonNode endpoint : serverCounts) {
            serverRequests += endpoint.get("count").asLong();
            serverErrorPages += endpoint.get("errorPages").asLong();
        }
        assertEquals(serverRequests, summary.get("requests").asLong(), "merged requests = the service's count");
        assertEquals(serverErrorPages, summary.get("errorPagesSeen").asLong(), "merged error pages = the service's");
        assertEquals(serverCounts.at("/playback-start/ok").asLong(), summary.get("playbackStarts").asLong());

        Histogram oneRecorder = new Histogram(3);
        for (Path run : runs) {
            oneRecorder.add(IntervalLog.read(run.resolve(RunFiles.CLIENT_LOG)).mergedByTag().get(NIGHT + "/playback-start"));
        }
        Histogram mergedPlaybackStart = IntervalLog.read(merged.resolve(RunFiles.CLIENT_LOG)).mergedByTag().get(NIGHT + "/playback-start");
        for (double p : new double[] {50, 99}) {
            assertEquals(oneRecorder.getValueAtPercentile(p), mergedPlaybackStart.getValueAtPercentile(p), "p" + p);
        }
        assertEquals(oneRecorder.getMaxValue(), mergedPlaybackStart.getMaxValue());
        assertEquals(oneRecorder.getValueAtPercentile(99) / 1000.0,
                JSON.readTree(merged.resolve("slo.json").toFile()).get("slos").get(0).get("actual").asDouble());

        long spread = surges.stream().mapToLong(Instant::toEpochMilli).max().orElseThrow()
                - surges.stream().mapToLong(Instant::toEpochMilli).min().orElseThrow();
        assertTrue(spread <= SURGE_SPREAD_BOUND_MS, "surges at " + surges);
        assertEquals(spread, JSON.readTree(merged.resolve("run.json").toFile()).at("/merged/startSkewSpreadMs").asLong(), 1);

        assertMergedAloneIsItsOwn(runs.get(0));
    }

    /**
     * What a real Prometheus scraped, every second, of the three injectors' live metrics and of the
     * service (issue 24, "exact at the end"): each injector's first scrape after its night ended
     * holds its client.hlog's counts; {@code sum by (endpoint, outcome)} over the three is the merged
     * run's client.hlog; the service's counters at a scrape after the load stopped are its server.hlog.
     */
    private static void assertPrometheusAddsUpToTheMergedRunAndTheServicesLog(PrometheusServer prometheus, List<Path> runs,
            List<String> scraped, Path merged, Map<String, Long> scrapedService, Path serverLog) throws Exception {
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(LiveScrapes.counts(runs.get(i).resolve(RunFiles.CLIENT_LOG), NIGHT),
                    InjectorScrapes.read(prometheus, LiveScrapes.INJECTORS, scraped.get(i)).requests(),
                    "injector " + i + ": client.hlog vs its first scrape after its night");
        }
        Map<String, Long> summed = LiveScrapes.injectorRequestsSummed(prometheus);
        assertEquals(LiveScrapes.counts(merged.resolve(RunFiles.CLIENT_LOG), NIGHT), summed,
                "sum by (endpoint, outcome) over the injectors vs the merged client.hlog");
        assertEquals(JSON.readTree(merged.resolve(RunFiles.CLIENT_SUMMARY).toFile()).get("requests").asLong(), LiveScrapes.sum(summed));
        assertEquals(LiveScrapes.counts(serverLog, NIGHT), scrapedService, "the service's counters after the load vs its server.hlog");
        assertEquals(LiveScrapes.sum(summed), LiveScrapes.sum(scrapedService), "requests the injectors ended = requests the service answered");
    }

    /** One injector's run merged alone is that run's own (here injector 0 of the sharded night). */
    private void assertMergedAloneIsItsOwn(Path run) throws Exception {
        Path merged = dir.resolve("merged-alone");
        assertEquals(0, mergeRuns(merged, List.of(run)));
        assertEquals(JSON.readTree(run.resolve("slo.json").toFile()), JSON.readTree(merged.resolve("slo.json").toFile()));
        assertEquals(JSON.readTree(run.resolve("client-summary.json").toFile()),
                JSON.readTree(merged.resolve("client-summary.json").toFile()));
        Map<String, Histogram> own = IntervalLog.read(run.resolve(RunFiles.CLIENT_LOG)).mergedByTag();
        Map<String, Histogram> mergedTags = IntervalLog.read(merged.resolve(RunFiles.CLIENT_LOG)).mergedByTag();
        assertEquals(own.keySet(), mergedTags.keySet());
        own.forEach((tag, h) -> assertEquals(h, mergedTags.get(tag), tag));
        assertEquals(RunReader.read(run).verdict(), RunReader.read(merged).verdict());
    }

    private static Properties properties() {
        Properties p = new Properties();
        for (String flag : NIGHT_FLAGS) {
            String[] kv = flag.substring(2).split("=", 2);
            p.setProperty(kv[0], kv[1]);
        }
        return p;
    }

    private static int mergeRuns(Path out, List<Path> runs) {
        List<String> args = new ArrayList<>(List.of("merge-runs", "--out", out.toString()));
        runs.forEach(r -> args.add(r.toString()));
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals("", err.toString());
        return code;
    }
}
