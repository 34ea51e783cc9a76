package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the SLOs can fail: a short finale drop against a service with a single backend slot must
 * end with Gatling's "assertions failed" status (2), the same status that fails
 * {@code mvn gatling:test -Dslo.enforce=true} and the CI night, and with failed SLOs in slo.json
 * and slo-junit.xml.
 */
@Tag("night")
class UnderProvisionedNightTest {
    private static final long BOUND_SECONDS = 240;

    @Test
    void aNightWithOneBackendSlotFailsItsSlos(@TempDir Path dir) throws Exception {
        Path run;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=finale-drop", "-Dscale=0.1", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=2",
                "-Dslots=1", "-DqueueLimit=0", "-Dslo.enforce=true"))) {
            int status = gatling.await(BOUND_SECONDS);
            assertEquals(2, status, "expected Gatling's 'assertions failed' status:\n" + gatling.log());
            run = gatling.onlyRunFolder();
        }

        JsonNode sloJson = new ObjectMapper().readTree(run.resolve("slo.json").toFile());
        assertEquals("fail", sloJson.get("verdict").asText(), sloJson.toString());
        JsonNode slos = sloJson.get("slos");
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
        String serverLog = Files.readString(run.resolve("server.log"));
        assertTrue(serverLog.contains("--admin-token (secret)"), "the service's admin token is not written: " + serverLog.lines().findFirst());
    }
}
