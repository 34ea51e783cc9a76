package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.simulations.service.ServiceClasspath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the SLOs can fail: a short finale drop against a service with a single backend slot must
 * end with Gatling's "assertions failed" status (2), the same status that fails
 * {@code mvn gatling:test}, and with failed SLOs in slo.json and slo-junit.xml.
 *
 * <p>Gatling runs in a child JVM ({@code io.gatling.app.Gatling}, which exits with the run's
 * status), as the Maven plugin runs it: an in-process run would share surefire's paranoid leak
 * detector and could not be bounded by a timeout.
 */
class UnderProvisionedNightTest {
    private static final long BOUND_SECONDS = 120;

    @Test
    void aNightWithOneBackendSlotFailsItsSlos(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        Path results = dir.resolve("gatling");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // as the Gatling Maven plugin's default JVM arguments: Gatling's stats writer needs it
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dnight=finale-drop", "-Dscale=0.1", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=2",
                "-Dslots=1", "-DqueueLimit=0",
                "-DreportsDir=" + reports, "-DgatlingResults=" + results,
                "-cp", testClasspath(),
                "io.gatling.app.Gatling", "-s", ReleaseNightSimulation.class.getName(), "-rf", results.toString(),
                "-rd", "under-provisioned"));
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gatling.log").toFile()).start();
        boolean exited = gatling.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            gatling.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("gatling.log"));
        assertTrue(exited, "Gatling did not finish within " + BOUND_SECONDS + " s:\n" + log);
        assertEquals(2, gatling.exitValue(), "expected Gatling's 'assertions failed' status:\n" + log);

        Path run = onlyRunFolder(reports);
        JsonNode slos = new ObjectMapper().readTree(run.resolve("slo.json").toFile());
        boolean anyFailed = false;
        for (JsonNode slo : slos) {
            anyFailed |= !slo.get("passed").asBoolean();
        }
        assertTrue(anyFailed, "no SLO failed in " + slos);
        String junit = Files.readString(run.resolve("slo-junit.xml"));
        assertTrue(junit.contains("<failure"), junit);
        JsonNode summary = new ObjectMapper().readTree(run.resolve("client-summary.json").toFile());
        assertTrue(summary.get("errorPagesSeen").asLong() > 0, summary.toString());
        assertTrue(Files.exists(run.resolve("client.hlog")));
    }

    private static String testClasspath() throws IOException {
        // The full test classpath (Gatling, simulations, gatling.conf), expanded from a manifest jar if any.
        String raw = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        for (String e : raw.split(File.pathSeparator)) {
            List<String> expanded = ServiceClasspath.manifestClassPath(e);
            out.addAll(expanded.isEmpty() ? List.of(e) : expanded);
        }
        return String.join(File.pathSeparator, out);
    }

    private static Path onlyRunFolder(Path reports) throws IOException {
        try (Stream<Path> runs = Files.list(reports)) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            assertFalse(Files.exists(all.get(0).resolve("nothing")));
            return all.get(0);
        }
    }
}
