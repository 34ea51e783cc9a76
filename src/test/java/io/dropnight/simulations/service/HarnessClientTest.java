package io.dropnight.simulations.service;

import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HarnessClientTest {

    @Test
    void readsTheDropInstantAViewerSeesAndMovesIt(@TempDir Path dir) throws Exception {
        try (RunningService s = RunningService.start(dir, b -> b.dropAt("2030-01-01T01:00:00Z"))) {
            HarnessClient harness = new HarnessClient(s.uri("/"));
            assertEquals(Instant.parse("2030-01-01T01:00:00Z"), harness.dropAt().orElseThrow());
            Instant moved = Instant.parse("2030-06-01T01:00:00Z");
            assertEquals(200, harness.moveDrop(moved, RunningService.ADMIN_TOKEN).orElseThrow());
            assertEquals(moved, harness.dropAt().orElseThrow());
            assertEquals(401, harness.moveDrop(moved, "not-the-admin-token").orElseThrow());
            assertTrue(harness.metrics().orElseThrow().has("backend"));
        }
    }

    @Test
    void anUnreachableServiceGivesNothing() {
        HarnessClient harness = new HarnessClient(URI.create("http://127.0.0.1:1/"));
        assertTrue(harness.dropAt().isEmpty());
        assertTrue(harness.metrics().isEmpty());
    }
}
