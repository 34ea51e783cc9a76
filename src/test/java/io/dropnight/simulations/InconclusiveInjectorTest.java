package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A saturated load generator makes a night inconclusive, not failed, with the cause: each cause is
 * provoked on purpose in a child Gatling JVM. Nothing recorded is lost: the run folder, the report
 * and Gatling's report are written.
 */
class InconclusiveInjectorTest {
    private static final long BOUND_SECONDS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 700 open files for the injector (and the service it starts): the finale's waiting viewers need more. */
    @Test
    void anInjectorOutOfFileDescriptorsIsInconclusiveWithTheFdCause(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) is needed to shrink the fd limit");
        Path run;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("/usr/bin/prlimit", "--nofile=700:700"), List.of(
                "-Dnight=finale-drop", "-Dscale=0.6", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=1",
                "-Dunconstrained=true", "-Dslo.enforce=true"))) {
            int status = gatling.await(BOUND_SECONDS);
            assertEquals(NightRun.INCONCLUSIVE_EXIT, status, "expected the inconclusive status:\n" + tail(gatling.log()));
            assertTrue(gatling.log().contains("VERDICT INCONCLUSIVE"), tail(gatling.log()));
            assertTrue(gatling.log().contains("soft limit 700, hard 700"), tail(gatling.log()));
            run = gatling.onlyRunFolder();
        }
        JsonNode slo = assertInconclusive(run, "open files: ");
        assertTrue(slo.get("slos").size() > 0, "the SLO results are kept: " + slo);
        // The connects that found no descriptor, from Gatling's own errors: a cause of their own.
        assertInconclusive(run, "out of open files: ");
        assertTrue(slo.toString().contains("Too many open files"), "with the error as raised: " + slo);
    }

    /** A CPU bound no injector meets (1 % of the cores for 1 s) stands for a CPU-starved injector. */
    @Test
    void anInjectorPastItsCpuBoundIsInconclusiveWithTheCpuCause(@TempDir Path dir) throws Exception {
        Path run;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=finale-drop", "-Dscale=0.05", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=1",
                "-Dinjector.cpuPercent=1", "-Dinjector.cpuSeconds=1"))) {
            int status = gatling.await(BOUND_SECONDS);
            assertEquals(0, status, "not enforced: the run ends normally:\n" + tail(gatling.log()));
            run = gatling.onlyRunFolder();
        }
        assertInconclusive(run, "CPU: ");
    }

    private static JsonNode assertInconclusive(Path run, String cause) throws Exception {
        JsonNode slo = JSON.readTree(run.resolve("slo.json").toFile());
        assertEquals("inconclusive", slo.get("verdict").asText(), slo.toString());
        boolean found = false;
        for (JsonNode r : slo.get("reasons")) {
            found |= r.asText().startsWith("the load generator was saturated: " + cause);
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

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
