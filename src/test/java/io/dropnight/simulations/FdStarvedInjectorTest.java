package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.dropnight.simulations.InconclusiveInjectorTest.assertInconclusive;
import static io.dropnight.simulations.InconclusiveInjectorTest.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An injector out of file descriptors is inconclusive with the cause named, never the service's
 * failure (the other causes: {@link InconclusiveInjectorTest}). Isolated: this night saturates the
 * host on purpose (scale 0.6, unconstrained), and would make a night beside it the host's.
 */
@Tag("night")
@Isolated
class FdStarvedInjectorTest {
    private static final long BOUND_SECONDS = 240;

    /** 700 open files for the injector (and the service it starts): the finale's waiting viewers need more. */
    @Test
    void anInjectorOutOfFileDescriptorsIsInconclusiveWithTheFdCause(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) is needed to shrink the fd limit");
        Path run;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("/usr/bin/prlimit", "--nofile=700:700"), List.of(
                "-Dnight=finale-drop", "-Dscale=0.6", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=1",
                "-Dunconstrained=true", "-Dslo.enforce=true"))) {
            int status = gatling.await(BOUND_SECONDS);
            assertEquals(io.dropnight.simulations.run.InconclusiveExit.STATUS, status, "expected the inconclusive status:\n" + tail(gatling.log()));
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

}
