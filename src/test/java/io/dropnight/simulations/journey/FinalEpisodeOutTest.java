package io.dropnight.simulations.journey;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a viewer on the title page stops waiting for the drop. A string drop instant in the session
 * once made the loop's condition throw (String.valueOf picked its char[] overload), and Gatling
 * left the loop: viewers walked on to play before the drop, unseen.
 */
class FinalEpisodeOutTest {
    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    @Test
    void theTitleAnswerDecidesWhenThereIsOne() {
        assertFalse(Steps.finalEpisodeOut(false, "2026-12-07T01:00:00Z", NOW));
        assertTrue(Steps.finalEpisodeOut(true, "2026-12-07T03:00:00Z", NOW));
        assertFalse(Steps.finalEpisodeOut("false", null, NOW));
    }

    @Test
    void withoutOneTheAnnouncedDropDecidesAsTextOrInstant() {
        assertFalse(Steps.finalEpisodeOut(null, "2026-12-07T02:00:01Z", NOW), "a string instant still ahead");
        assertTrue(Steps.finalEpisodeOut(null, "2026-12-07T02:00:00Z", NOW), "at the drop");
        assertFalse(Steps.finalEpisodeOut(null, Instant.parse("2026-12-07T02:00:01Z"), NOW), "an Instant still ahead");
        assertTrue(Steps.finalEpisodeOut(null, Instant.parse("2026-12-07T01:59:59Z"), NOW));
    }

    @Test
    void nothingReadableMeansOutSoThatNoViewerWaitsForever() {
        assertTrue(Steps.finalEpisodeOut(null, null, NOW));
        assertTrue(Steps.finalEpisodeOut("maybe", "soon", NOW));
    }
}
