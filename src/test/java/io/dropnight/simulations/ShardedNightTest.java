package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.cli.Main;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.IntervalLog;
import io.dropnight.report.RunReader;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.params.NightParameters;
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
 * start together at the drop. One run merged alone is that run's own.
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
        List<Path> runs = new ArrayList<>();
        JsonNode serverCounts;
        // The drop leaves the three JVMs time to start (10-20 s together on two cores, this class
        // running alone), plus the night's 5 s offset and the 20 s lead each needs.
        try (RunningService service = RunningService.start(dir.resolve("service"), b -> b.dropIn("60s").scale(0.05))) {
            List<GatlingProcess> injectors = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    List<String> flags = new ArrayList<>(NIGHT_FLAGS);
                    flags.addAll(List.of("-Dtarget=" + service.uri("/").toString().replaceAll("/$", ""),
                            "-Dinjectors=3", "-Dinjector=" + i));
                    injectors.add(GatlingProcess.start(Files.createDirectories(dir.resolve("injector-" + i)), flags));
                }
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
        }
        Path merged = dir.resolve("merged");
        assertEquals(0, mergeRuns(merged, runs));

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
