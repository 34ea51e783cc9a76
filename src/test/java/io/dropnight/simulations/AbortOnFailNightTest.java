package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.VerdictRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -Dslo.abortOnFail=true} (issue 24): a night that can no longer pass an SLO stops there,
 * failed with where and why, its run folder complete for what ran; a night that passes runs to its
 * end. Each in a child Gatling JVM.
 */
@Tag("night")
class AbortOnFailNightTest {
    private static final long BOUND_SECONDS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STOPPED = Pattern.compile("stopped at \\+(\\d+) s: (\\w+) lost \\(.+\\)");
    /**
     * The failing night's injection: the drop at +4 s, the drop step (80 s / 20), the tail's four
     * halvings (200 s / 20 each): 48 s of arrivals, heartbeats after.
     */
    private static final int PLANNED_INJECTION_SECONDS = 4 + 4 + 4 * 10;

    /** One backend slot and no queue: the viewers give up within seconds of arriving, and the night stops soon after. */
    @Test
    void aNightThatCannotPassStopsEarlyFailedWithWhereAndWhy(@TempDir Path dir) throws Exception {
        Path run;
        String log;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=finale-drop", "-Dscale=0.05", "-Dcompression=20", "-DdropOffset=4s", "-DmaxRefreshes=2",
                "-Dslots=1", "-DqueueLimit=0", "-Dslo.abortOnFail=true"))) {
            int status = gatling.await(BOUND_SECONDS);
            log = gatling.log();
            assertEquals(0, status, "not enforced: a stopped night ends normally:\n" + InconclusiveInjectorTest.tail(log));
            run = gatling.onlyRunFolder();
        }
        JsonNode slo = JSON.readTree(run.resolve(RunFiles.SLO_RESULTS).toFile());
        assertEquals("fail", slo.get("verdict").asText(), slo.toString());
        String reason = slo.get("reasons").get(0).asText();
        Matcher m = STOPPED.matcher(reason);
        assertTrue(m.matches(), reason);
        int second = Integer.parseInt(m.group(1));
        String lostSlo = m.group(2);
        System.out.println("stopped night's reasons: " + slo.get("reasons")); // the figures, kept in the test's output file
        assertTrue(second < PLANNED_INJECTION_SECONDS / 2, "stopped well before the plan's " + PLANNED_INJECTION_SECONDS + " s: " + reason);
        // the SLO named lost is one that failed on what ran (a lost SLO cannot pass on any part of the night)
        boolean failed = false;
        for (JsonNode r : slo.get("slos")) {
            failed |= r.get("name").asText().equals(lostSlo) && !r.get("passed").asBoolean();
        }
        assertTrue(failed, lostSlo + " failed: " + slo);
        assertTrue(log.contains("dropnight: " + reason + "; -Dslo.abortOnFail=true: the injection stops"), "said as it happens");
        assertTrue(log.contains("dropnight: VERDICT FAIL: " + reason), "and on the verdict's line");

        // it ran clearly less than planned: one injector.csv line per second, fewer viewers than planned
        long seconds = Files.readAllLines(run.resolve(RunFiles.INJECTOR_LOG)).size() - 1;
        assertTrue(seconds < PLANNED_INJECTION_SECONDS * 3 / 4, seconds + " s of the plan's " + PLANNED_INJECTION_SECONDS + " s");
        JsonNode runJson = JSON.readTree(run.resolve(RunFiles.RUN_INFO).toFile());
        JsonNode client = JSON.readTree(run.resolve(RunFiles.CLIENT_SUMMARY).toFile());
        assertTrue(client.get("users").asLong() < runJson.get("parameters").get("arrivals").asLong(), client + " of " + runJson.get("parameters"));

        // the run folder and the reports are complete for what ran
        assertEquals("fail", runJson.get("verdict").asText());
        assertEquals(reason, runJson.get("verdictReasons").get(0).asText());
        String junit = Files.readString(run.resolve(RunFiles.SLO_JUNIT));
        assertTrue(junit.contains("name=\"" + SloFiles.STOPPED_EARLY + "\">\n    <failure message=\"" + SloFiles.escape(reason)), junit);
        assertTrue(Files.size(run.resolve(RunFiles.CLIENT_LOG)) > 0);
        assertTrue(Files.exists(run.resolve(RunFiles.SERVER_LOG)), "the service was stopped and wrote its histograms");
        assertTrue(Files.readString(run.resolve(RunFiles.INDEX_PAGE)).contains("Stopped early (-Dslo.abortOnFail):</strong> "
                + SloFiles.escape(reason)), "the run page says so");
        assertTrue(Files.exists(run.resolve(RunFiles.GATLING_REPORT)), "Gatling's report of what ran is kept");
    }

    /** Ample capacity for a small, short control night: the watch checks each second and never stops it. */
    @Test
    void aNightThatPassesRunsToItsEnd(@TempDir Path dir) throws Exception {
        Path run;
        String log;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=christmas-volume", "-Dscale=0.01", "-Dcompression=100", "-Dslots=6400", "-Dslo.abortOnFail=true"))) {
            int status = gatling.await(BOUND_SECONDS);
            log = gatling.log();
            assertEquals(0, status, InconclusiveInjectorTest.tail(log));
            run = gatling.onlyRunFolder();
        }
        assertTrue(log.contains("dropnight: -Dslo.abortOnFail=true: the SLOs are checked each second"), "the watch ran");
        Matcher checks = Pattern.compile("dropnight: -Dslo.abortOnFail=true: no SLO was lost in (\\d+) checks; the night ran to its end")
                .matcher(log);
        assertTrue(checks.find(), InconclusiveInjectorTest.tail(log));
        assertTrue(Integer.parseInt(checks.group(1)) >= 10, "about one a second through the night: " + checks.group());
        assertFalse(log.contains(VerdictRules.STOPPED), InconclusiveInjectorTest.tail(log));
        JsonNode slo = JSON.readTree(run.resolve(RunFiles.SLO_RESULTS).toFile());
        assertEquals("pass", slo.get("verdict").asText(), slo.toString());
        JsonNode runJson = JSON.readTree(run.resolve(RunFiles.RUN_INFO).toFile());
        JsonNode client = JSON.readTree(run.resolve(RunFiles.CLIENT_SUMMARY).toFile());
        assertEquals(runJson.get("parameters").get("arrivals").asLong(), client.get("users").asLong(), "every planned viewer came");
        assertFalse(Files.readString(run.resolve(RunFiles.SLO_JUNIT)).contains(SloFiles.STOPPED_EARLY));
    }
}
