package io.dropnight.simulations.client;

import io.dropnight.simulations.nights.Journey;
import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.watch.PlannedArrivals;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A population's own figures, and its arrivals per second planned and started. */
class PopulationFiguresTest {
    @Test
    void countsItsOwnAndPlacesArrivalsInTheSecondsOfTheInjection() {
        long start = System.nanoTime() - 2_500_000_000L; // the injection began 2.5 s ago: these arrivals are in second 2
        PopulationFigures f = new PopulationFigures(() -> start, 4);
        f.userStarted();
        f.userStarted();
        f.requestSent();
        f.errorPageSeen();
        f.refreshed();
        f.playbackStarted(1_500_000_000L);
        f.abandoned();
        PopulationFigures.Snapshot s = f.snapshot();
        assertEquals(2, s.users());
        assertEquals(100.0, s.errorPageRatePercent(), 1e-9);
        assertEquals(1, s.refreshes());
        assertEquals(1, s.abandonments());
        assertEquals(1500, s.timeToPlayP95Ms(), 1.5, "3 significant digits");
        assertArrayEquals(new int[] {0, 0, 2}, s.arrivalsPerSecond(), "trimmed after the last second with an arrival");
        PopulationFigures notStarted = new PopulationFigures(() -> 0L, 4);
        notStarted.userStarted();
        assertArrayEquals(new int[0], notStarted.snapshot().arrivalsPerSecond(), "before the injection, nowhere to place it");
    }

    @Test
    void plannedArrivalsPerSecondFollowThePhases() {
        Population p = new Population("n/web", Journey.PLAY_NOW, List.of(Phase.nothing("before-drop", Duration.ofSeconds(2)),
                Phase.ramp("surge", 30, Duration.ofSeconds(3)), Phase.stressPeak("peak", 7, Duration.ofSeconds(1))), 1, 0,
                Duration.ofSeconds(1));
        assertArrayEquals(new long[] {0, 0, 10, 10, 10, 7, 0}, PlannedArrivals.perSecond(p, 7));
    }
}
