package io.dropnight.simulations.slo;

import io.dropnight.simulations.params.SloThresholds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An SLO is lost only when no rest of the night could bring it back within its bound. */
class SloLossTest {
    private static final SloThresholds DEFAULTS = new SloThresholds(800, 3000, 1, 0.5);

    @Test
    void errorPagesAreLostOnlyWhenEveryRequestStillPossibleCouldNotDiluteThem() {
        // 101 error pages: over 1 % of 10,000 requests at most, lost.
        assertEquals(List.of("errorPageRate: 101 error pages already exceed 1 % of the 10,000 requests the night can send at most"),
                SloLoss.lost(new SloLoss.SoFar(2_000, 101, 0, 500, 0, 0), new SloLoss.Remaining(8_000, 100), DEFAULTS));
        // 100 of 10,000 at most is exactly the bound: it could still pass.
        assertEquals(List.of(), SloLoss.lost(new SloLoss.SoFar(2_000, 100, 0, 500, 0, 0), new SloLoss.Remaining(8_000, 100), DEFAULTS));
        // A 50 % rate so far is not lost while the rest of the night could dilute it.
        assertEquals(List.of(), SloLoss.lost(new SloLoss.SoFar(100, 50, 0, 10, 0, 0), new SloLoss.Remaining(10_000, 100), DEFAULTS));
    }

    @Test
    void givingUpAndLatencyPercentilesHaveTheirOwnBounds() {
        List<String> lost = SloLoss.lost(new SloLoss.SoFar(5_000, 0, 6, 900, 11, 51), new SloLoss.Remaining(0, 100), DEFAULTS);
        assertEquals(3, lost.size(), lost.toString());
        assertTrue(lost.get(0).startsWith("abandonment: 6 viewers who gave up already exceed 0.5 % of the 1,006 intents"), lost.get(0));
        assertTrue(lost.get(1).startsWith("playbackStartP99: 11 playback starts over 800 ms already exceed 1 % of the 1,000"), lost.get(1));
        assertTrue(lost.get(2).startsWith("timeToPlayP95: 51 times to play over 3,000 ms already exceed 5 % of the 1,000"), lost.get(2));
        // One fewer of each is still within reach.
        assertEquals(List.of(), SloLoss.lost(new SloLoss.SoFar(5_000, 0, 5, 900, 10, 50), new SloLoss.Remaining(0, 106), DEFAULTS));
    }

    @Test
    void aNightThatHasSentNothingHasLostNothing() {
        assertEquals(List.of(), SloLoss.lost(new SloLoss.SoFar(0, 0, 0, 0, 0, 0), new SloLoss.Remaining(0, 0), DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> new SloLoss.Remaining(-1, 0));
    }
}
