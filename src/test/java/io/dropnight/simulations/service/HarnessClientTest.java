package io.dropnight.simulations.service;

import io.dropnight.simulations.nights.EpisodeChoice;
import java.util.SplittableRandom;
import io.dropnight.simulations.preflight.Preflight;
import io.dropnight.profile.TargetProfile;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HarnessClientTest {

    /** The drop instant is read as a viewer reads it, through the built-in profile; the harness moves it. */
    @Test
    void movesTheDropInstantAViewerSees(@TempDir Path dir) throws Exception {
        try (RunningService s = RunningService.start(dir, b -> b.dropAt("2030-01-01T01:00:00Z"))) {
            HarnessClient harness = new HarnessClient(s.uri("/"));
            assertEquals(Instant.parse("2030-01-01T01:00:00Z"), viewersDrop(s.uri("/")));
            Instant moved = Instant.parse("2030-06-01T01:00:00Z");
            assertEquals(200, harness.moveDrop(moved, RunningService.ADMIN_TOKEN).orElseThrow());
            assertEquals(moved, viewersDrop(s.uri("/")));
            assertEquals(401, harness.moveDrop(moved, "not-the-admin-token").orElseThrow());
            assertTrue(harness.metrics().orElseThrow().has("backend"));
        }
    }

    @Test
    void anUnreachableServiceGivesNothing() {
        URI nothing = URI.create("http://127.0.0.1:1/");
        HarnessClient harness = new HarnessClient(nothing);
        assertTrue(new Preflight(nothing, TargetProfile.builtIn(), EpisodeChoice.FINAL, new SplittableRandom(1), line -> { }).announcedDrop().isEmpty());
        assertTrue(harness.moveDrop(Instant.now(), "t").isEmpty());
        assertTrue(harness.metrics().isEmpty());
    }

    private static Instant viewersDrop(URI target) {
        return new Preflight(target, TargetProfile.builtIn(), EpisodeChoice.FINAL, new SplittableRandom(1), line -> { }).announcedDrop().orElseThrow();
    }
}
