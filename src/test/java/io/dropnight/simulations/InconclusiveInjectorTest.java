package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.VerdictRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is not the service never passes as the service's verdict: a saturated load generator, the
 * harness failing inside the viewers' journeys, a host that stalls the service each make a night
 * inconclusive, not failed, with the cause named. Each cause is provoked on purpose in a child
 * Gatling JVM. Nothing recorded is lost: the run folder, the report and Gatling's report are written.
 *
 * The fd-starved injector, which saturates the host on purpose, runs alone in
 * {@link FdStarvedInjectorTest}; these two nights are light and share the machine.
 */
@Tag("night")
class InconclusiveInjectorTest {
    private static final long BOUND_SECONDS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A journey step that throws (the test-only fault) stops its viewers; the night is never a FAIL of the service. */
    @Test
    void aJourneyStepThatThrowsIsInconclusiveNamingTheInjectorErrorNeverFail(@TempDir Path dir) throws Exception {
        Path run;
        String log;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=finale-drop", "-Dscale=0.05", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=1",
                "-Dtest.injectorFault=true", "-Dslo.enforce=true"))) {
            int status = gatling.await(BOUND_SECONDS);
            log = gatling.log();
            assertEquals(io.dropnight.simulations.run.InconclusiveExit.STATUS, status, "inconclusive, not Gatling's 2 for failed SLOs:\n" + tail(log));
            run = gatling.onlyRunFolder();
        }
        assertTrue(log.contains("dropnight: FIRST injector error in choose-episode: IllegalStateException: deliberate test fault"),
                "the first one is printed as it happens:\n" + tail(log));
        JsonNode slo = assertInconclusive(run, VerdictRules.INJECTOR_ERRORS, "");
        assertTrue(slo.get("reasons").get(0).asText().contains("first: injector error in choose-episode"), slo.toString());
        // The same night as the stalled one below, without the stall: the host is not named.
        slo.get("reasons").forEach(r -> assertFalse(r.asText().startsWith(VerdictRules.HOST_STALLED), slo.toString()));
        JsonNode client = JSON.readTree(run.resolve("client-summary.json").toFile());
        long stopped = client.get("injectorErrors").asLong();
        assertTrue(stopped > 0, client.toString());
        // Every viewer either gave up on error pages before choosing (maxRefreshes=1) or was stopped by
        // the harness at the choice, and is counted once: a stopped viewer is not one who gave up.
        assertEquals(client.get("users").asLong(), stopped + client.get("abandonments").asLong(), client.toString());
        assertEquals(0, client.get("playbackStarts").asLong(), client.toString());
        JsonNode requests = JSON.readTree(run.resolve("run.json").toFile()).get("requests");
        assertFalse(requests.has("playback-start"), "no play was sent, so none is counted as the target's: " + requests);
    }

    /**
     * The service's loops blocked 2 s at the drop (its admin's test fault), and a CPU bound no
     * injector meets (1 % of the cores for 1 s, standing for a CPU-starved injector), in one night:
     * each cause is named, the host's and the injector's.
     */
    @Test
    void aStalledServiceAndAnInjectorPastItsCpuBoundAreEachNamed(@TempDir Path dir) throws Exception {
        Path run;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=finale-drop", "-Dscale=0.05", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=1",
                "-Dtest.serviceStall=2s", "-Dinjector.cpuPercent=1", "-Dinjector.cpuSeconds=1"))) {
            int status = gatling.await(BOUND_SECONDS);
            assertEquals(0, status, "not enforced: the run ends normally:\n" + tail(gatling.log()));
            assertTrue(gatling.log().contains("TEST FAULT: the service's loops will be blocked 2000 ms at the drop (HTTP 200)"),
                    tail(gatling.log()));
            run = gatling.onlyRunFolder();
        }
        assertInconclusive(run, "CPU: ");
        JsonNode slo = assertInconclusive(run, VerdictRules.HOST_STALLED, "its loops ran ");
        String reason = java.util.stream.StreamSupport.stream(slo.get("reasons").spliterator(), false).map(JsonNode::asText)
                .filter(r -> r.startsWith(VerdictRules.HOST_STALLED)).findFirst().orElseThrow();
        long lateMs = Long.parseLong(reason.replaceAll(".*its loops ran ([0-9,]+) ms late.*", "$1").replace(",", ""));
        assertTrue(lateMs >= 1850 && lateMs < 5000, "about the 2 s stall, less up to one 100 ms probe period: " + reason);
        assertTrue(Files.readString(run.resolve("index.html")).contains("its loops ran"), "the run page names it");
    }

    static JsonNode assertInconclusive(Path run, String cause) throws Exception {
        return assertInconclusive(run, VerdictRules.SATURATED, cause);
    }

    static JsonNode assertInconclusive(Path run, String prefix, String cause) throws Exception {
        JsonNode slo = JSON.readTree(run.resolve("slo.json").toFile());
        assertEquals("inconclusive", slo.get("verdict").asText(), slo.toString());
        boolean found = false;
        for (JsonNode r : slo.get("reasons")) {
            found |= r.asText().startsWith(prefix + cause);
        }
        assertTrue(found, "no " + cause + "reason in " + slo);
        assertTrue(Files.readString(run.resolve("slo-junit.xml")).contains("<error message=\"INCONCLUSIVE: "));
        assertEquals("inconclusive", JSON.readTree(run.resolve("run.json").toFile()).get("verdict").asText());
        System.out.println(cause + " run's reasons: " + slo.get("reasons")); // the figures, kept in the test's output file
        List<String> csv = Files.readAllLines(run.resolve("injector.csv"));
        assertTrue(csv.size() > 2, "injector.csv has a line per second: " + csv);
        assertTrue(Files.exists(run.resolve("client.hlog")));
        assertTrue(Files.exists(run.resolve("server.hlog")), "the service's histograms are kept");
        String page = Files.readString(run.resolve("index.html"));
        assertTrue(page.contains("INCONCLUSIVE"), "the run page's header says so");
        assertTrue(Files.exists(run.resolve("gatling/index.html")), "Gatling's report is kept");
        return slo;
    }

    static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
