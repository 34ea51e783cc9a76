package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Episode ids are opaque: the choice returns one of the ids it was given, unchanged, and parses none. */
class EpisodeChoiceTest {
    private static final String UUID = "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03";
    private static final List<String> SEASON = List.of("ep-7c1e-aa", "e106", UUID, "e108");

    @Test
    void theFinalEpisodeIsSentAsGiven() {
        assertEquals("e108", EpisodeChoice.FINAL.pick("e108", SEASON, 3, new SplittableRandom(1)));
        assertEquals(UUID, EpisodeChoice.FINAL.pick(UUID, List.of(), 0, new SplittableRandom(1)));
    }

    @Test
    void aBingeWalksTheSeasonsStringIdsInOrderAndStaysOnTheLast() {
        SplittableRandom r = new SplittableRandom(1);
        assertEquals(List.of("ep-7c1e-aa", "e106", UUID, "e108", "e108"),
                Arrays.stream(new int[] {0, 1, 2, 3, 9}).mapToObj(i -> EpisodeChoice.NTH_OF_LAST_SEASON.pick("e108", SEASON, i, r)).toList());
    }

    @Test
    void oneOfTheLastThreeIsAlwaysOneOfThemAndEachComesUp() {
        SplittableRandom r = new SplittableRandom(2026);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(EpisodeChoice.ONE_OF_LAST_THREE.pick("e108", SEASON, 0, r));
        }
        assertEquals(Set.of("e106", UUID, "e108"), seen);
    }

    @Test
    void withoutTheSeasonEveryChoiceFallsBackToTheFinalEpisode() {
        for (EpisodeChoice c : EpisodeChoice.values()) {
            assertEquals("e108", c.pick("e108", List.of(), 1, new SplittableRandom(1)), c.name());
        }
    }

    @Test
    void numbersKeepTheirJsonTextAndStringsAreNotTouched() {
        assertEquals(List.of("4201", "4202", "12345678901234", "4.5", " e1 ", "0042"),
                EpisodeChoice.idTexts(Arrays.asList(4201, 4202L, 12345678901234L, new BigDecimal("4.5"), " e1 ", null, "0042")));
        assertEquals("4203", EpisodeChoice.idText(4203));
    }

    @ParameterizedTest
    @MethodSource("io.dropnight.simulations.params.NightTestSupport#builtInNights")
    void everyNightHasAFirstChoice(Night night) {
        assertTrue(Set.of(EpisodeChoice.values()).contains(EpisodeChoice.forNight(night)));
    }
}
