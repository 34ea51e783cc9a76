package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Viewers recognise the error page by its marker even when a deployment serves it with status
 * 200: an under-provisioned night against a service that does so still counts error pages and
 * refreshes, and as many as the service says it shed.
 */
@Tag("night")
class ErrorPageWithStatus200Test {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void viewersCountErrorPagesServedWith200(@TempDir Path dir) throws Exception {
        Path run;
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=finale-drop", "-Dscale=0.05", "-Dcompression=100", "-DdropOffset=4s", "-DmaxRefreshes=2",
                "-Dslots=2", "-DqueueLimit=0", "-DerrorPageStatus=200", "-Dslo.enforce=false"))) {
            assertEquals(0, gatling.await(240), gatling.log());
            run = gatling.onlyRunFolder();
        }
        JsonNode client = JSON.readTree(run.resolve("client-summary.json").toFile());
        long seen = client.get("errorPagesSeen").asLong();
        assertTrue(seen > 0, "error pages served with 200 were recognised: " + client);
        assertTrue(client.get("refreshes").asLong() > 0, client.toString());

        long shed = 0;
        for (JsonNode endpoints : JSON.readTree(run.resolve("server-metrics.json").toFile()).get("scenarios")) {
            for (JsonNode e : endpoints) {
                shed += e.get("errorPages").asLong();
            }
        }
        assertEquals(shed, seen, "every error page the service served was seen by a viewer");

        // Where the surge landed against the drop is recorded (the embedded service's nights keep today's timing).
        assertTrue(JSON.readTree(run.resolve("run.json").toFile()).get("surge").has("skewMs"));
    }
}
