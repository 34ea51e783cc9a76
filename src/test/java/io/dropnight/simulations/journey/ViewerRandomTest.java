package io.dropnight.simulations.journey;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code -Dseed} fixes each viewer's draws; injectors and viewers draw apart. */
class ViewerRandomTest {
    private static long[] draws(SplittableRandom random) {
        return random.longs(8, 0, 30_001).toArray();
    }

    @Test
    void theSameSeedDrawsTheSamePausesForTheSameViewer() {
        assertArrayEquals(draws(new ViewerRandom(2026, 0).forViewer(7)), draws(new ViewerRandom(2026, 0).forViewer(7)));
    }

    @Test
    void viewersInjectorsAndSeedsDrawApart() {
        long[] viewer7 = draws(new ViewerRandom(2026, 0).forViewer(7));
        assertFalse(Arrays.equals(viewer7, draws(new ViewerRandom(2026, 0).forViewer(8))), "another viewer");
        assertFalse(Arrays.equals(viewer7, draws(new ViewerRandom(2026, 1).forViewer(7))), "the same user id on another injector");
        assertFalse(Arrays.equals(viewer7, draws(new ViewerRandom(2027, 0).forViewer(7))), "another seed");
    }
}
