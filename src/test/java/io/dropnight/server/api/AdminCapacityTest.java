package io.dropnight.server.api;

import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static io.dropnight.testing.RunningService.ADMIN_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /admin/capacity reads service times and whole numbers with the config file's rules. */
class AdminCapacityTest {
    @TempDir
    Path runDir;

    @Test
    void refusesAServiceTimeForAnEndpointTheModelDoesNotServe() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            HttpResponse<String> r = s.post("/admin/capacity", ADMIN_TOKEN, "{\"serviceTimes\":{\"health\":\"fixed:5ms\"}}");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("serviceTimes = health: is not a modelled endpoint"), r.body());
        }
    }

    @Test
    void refusesAFractionalSlotCountAsTheConfigFileDoes() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            HttpResponse<String> r = s.post("/admin/capacity", ADMIN_TOKEN, "{\"slots\": 3.5}");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("slots = 3.5: must be a whole number"), r.body());
        }
    }

    @Test
    void acceptsAServiceTimeForAModelledEndpoint() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            HttpResponse<String> r = s.post("/admin/capacity", ADMIN_TOKEN, "{\"serviceTimes\":{\"search\":\"fixed:7ms\"}}");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"search\":\"fixed:7ms\""), r.body());
        }
    }
}
