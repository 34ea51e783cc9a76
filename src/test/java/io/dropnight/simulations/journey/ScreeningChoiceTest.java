package io.dropnight.simulations.journey;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreeningChoiceTest {
    private static final List<ReservationCalls.Listed> LISTED = List.of(new ReservationCalls.Listed("scr-c", 3, 10),
            new ReservationCalls.Listed("scr-a", 1, 10), new ReservationCalls.Listed("scr-b", 2, 10));

    @Test
    void picksByPopularityOneOverRank() {
        SplittableRandom random = new SplittableRandom(2026);
        Map<String, Integer> picks = new HashMap<>();
        int draws = 110_000;
        for (int i = 0; i < draws; i++) {
            picks.merge(ScreeningChoice.byPopularity(LISTED, random).orElseThrow().id(), 1, Integer::sum);
        }
        // weights 1, 1/2, 1/3 of 11/6: shares 6/11, 3/11, 2/11 (60,000, 30,000, 20,000 of 110,000)
        assertEquals(60_000, picks.get("scr-a"), 1_000);
        assertEquals(30_000, picks.get("scr-b"), 1_000);
        assertEquals(20_000, picks.get("scr-c"), 1_000);
    }

    @Test
    void aScreeningShownSoldOutIsNeverPicked() {
        List<ReservationCalls.Listed> listed = List.of(new ReservationCalls.Listed("full", 1, 0),
                new ReservationCalls.Listed("free", 9, 2));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals("free", ScreeningChoice.byPopularity(listed, random).orElseThrow().id());
        }
    }

    @Test
    void nothingFreeNothingPicked() {
        assertEquals(Optional.empty(), ScreeningChoice.byPopularity(List.of(new ReservationCalls.Listed("full", 1, 0)),
                new SplittableRandom(1)));
        assertEquals(Optional.empty(), ScreeningChoice.byPopularity(List.of(), new SplittableRandom(1)));
    }

    @Test
    void theSameViewerSeedPicksTheSame() {
        assertEquals(ScreeningChoice.byPopularity(LISTED, new SplittableRandom(77)),
                ScreeningChoice.byPopularity(LISTED, new SplittableRandom(77)));
        assertTrue(ScreeningChoice.weight(LISTED.get(1)) > ScreeningChoice.weight(LISTED.get(2)));
    }
}
