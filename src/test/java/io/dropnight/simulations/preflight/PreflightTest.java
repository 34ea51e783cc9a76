package io.dropnight.simulations.preflight;

import io.dropnight.simulations.nights.EpisodeChoice;
import java.util.SplittableRandom;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One viewer walks the journey before the night, step by step, and stops at the first step that is not as the profile says. */
class PreflightTest {

    @Test
    void walksTheWholeJourneyALockedEpisodeIsFine(@TempDir Path dir) throws Exception {
        try (RunningService s = RunningService.start(dir, b -> b.dropAt("2030-01-01T01:00:00Z"))) {
            List<String> lines = new ArrayList<>();
            Map<String, String> saved = new Preflight(s.uri("/"), TargetProfile.builtIn(), EpisodeChoice.FINAL, new SplittableRandom(1), lines::add).walk();
            assertEquals("2030-01-01T01:00:00Z", saved.get("dropAt"));
            assertTrue(saved.containsKey("token") && saved.containsKey("titleId") && saved.containsKey("episodeIds"), saved.toString());
            assertTrue(lines.get(0).startsWith("preflight: session POST "), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("preflight: play POST ") && l.contains("-> 403 locked")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("heartbeat not tried")), lines.toString());
        }
    }

    @Test
    void sendsOneHeartbeatWhenTheEpisodeIsOut(@TempDir Path dir) throws Exception {
        try (RunningService s = RunningService.start(dir, b -> b.dropAt("2020-01-01T01:00:00Z"))) {
            List<String> lines = new ArrayList<>();
            Map<String, String> saved = new Preflight(s.uri("/"), TargetProfile.builtIn(), EpisodeChoice.FINAL, new SplittableRandom(1), lines::add).walk();
            assertTrue(saved.containsKey("playbackId"), saved.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("preflight: heartbeat POST ") && l.contains("-> 20")), lines.toString());
        }
    }

    @Test
    void anUnreachableTargetNamesTheStepAndTheRequest() {
        Preflight.Failed e = assertThrows(Preflight.Failed.class,
                () -> new Preflight(URI.create("http://127.0.0.1:1"), TargetProfile.builtIn(), EpisodeChoice.FINAL, new SplittableRandom(1), l -> { }).walk());
        assertTrue(e.getMessage().startsWith("preflight failed at step session: POST http://127.0.0.1:1/api/session:"
                + " the target is unreachable"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aSaveThatFindsNothingNamesTheSaveAndItsExpression(@TempDir Path dir) throws Exception {
        String wrong = Files.readString(Path.of("docs/profiles/dropnight.yml")).replace("dropAt: { json: featured.dropAt }", "dropAt: { json: featured.premiere }");
        TargetProfile profile = ProfileReader.parse("wrong.yml", wrong);
        try (RunningService s = RunningService.start(dir, b -> { })) {
            Preflight.Failed e = assertThrows(Preflight.Failed.class, () -> new Preflight(s.uri("/"), profile, EpisodeChoice.FINAL, new SplittableRandom(1), l -> { }).walk());
            assertTrue(e.getMessage().startsWith("preflight failed at step home: GET " + s.uri("/api/home")), e.getMessage());
            assertTrue(e.getMessage().endsWith("status 200, but save dropAt (JMESPath 'featured.premiere') found nothing in the answer"),
                    e.getMessage());
        }
    }

    @Test
    void anUnexpectedStatusIsNamed(@TempDir Path dir) throws Exception {
        String wrong = Files.readString(Path.of("docs/profiles/dropnight.yml")).replace("path: /api/home", "path: /api/nowhere");
        TargetProfile profile = ProfileReader.parse("wrong.yml", wrong);
        try (RunningService s = RunningService.start(dir, b -> { })) {
            Preflight.Failed e = assertThrows(Preflight.Failed.class, () -> new Preflight(s.uri("/"), profile, EpisodeChoice.FINAL, new SplittableRandom(1), l -> { }).walk());
            assertTrue(e.getMessage().matches("preflight failed at step home: GET .*/api/nowhere: status 404, the profile expects \\[200\\]"),
                    e.getMessage());
        }
    }

    @Test
    void theAnnouncedDropIsAnIsoInstantOrNothing() {
        assertEquals(Instant.parse("2026-12-31T02:00:00Z"), Preflight.dropAt(Map.of("dropAt", "2026-12-31T02:00:00Z")).orElseThrow());
        assertTrue(Preflight.dropAt(Map.of("dropAt", "soon")).isEmpty());
        assertTrue(Preflight.dropAt(Map.of()).isEmpty());
    }
}
