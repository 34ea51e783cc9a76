package io.dropnight.simulations.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The surge's viewers all wait the same time: what the first one measured between its arrival and the drop. */
class SurgeAlignmentTest {
    private static final Instant DROP = Instant.parse("2026-12-31T02:00:00Z");

    @Test
    void theFirstSurgeViewerFixesOneDelayForAll() {
        AtomicReference<Instant> now = new AtomicReference<>(DROP.minusMillis(1_200)); // injected 2 s early, started 0.8 s late
        SurgeAlignment a = new SurgeAlignment(now::get);
        a.aimAt(DROP);
        assertEquals(1_200, a.delayMillis());
        now.set(DROP.minusMillis(700)); // a later viewer of the ramp keeps its place in the ramp
        assertEquals(1_200, a.delayMillis());
    }

    @Test
    void aLateOrUnaimedSurgeDoesNotWait() {
        SurgeAlignment late = new SurgeAlignment(() -> DROP.plusMillis(300));
        late.aimAt(DROP);
        assertEquals(0, late.delayMillis());
        assertEquals(0, new SurgeAlignment(() -> DROP).delayMillis());
    }

    @Test
    void injectsAtMostTheWaitEarlyInWholeSeconds() {
        assertEquals(Duration.ofSeconds(2), SurgeAlignment.early(Duration.ofSeconds(45)));
        assertEquals(Duration.ofSeconds(1), SurgeAlignment.early(Duration.ofSeconds(1)));
        assertEquals(Duration.ZERO, SurgeAlignment.early(Duration.ZERO));
    }
}
