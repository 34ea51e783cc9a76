package io.dropnight.simulations.run;

import io.dropnight.simulations.params.Shard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sharded injectors started at different times aim at one drop, or refuse in one line. */
class DropAimTest {
    private static final Instant DROP = Instant.parse("2026-11-26T02:00:00Z");
    private static final Shard SECOND_OF_THREE = new Shard(1, 3);

    private static final Duration NIGHT_OFFSET = Duration.ofMillis(22_500);

    @Test
    void injectorsStartedAtDifferentTimesRunTheNightsTimelineEndingOnTheDrop() {
        for (long startedMillisBefore : new long[] {43_000, 43_001, 50_000, 61_234, 3_600_000}) {
            DropAim aim = DropAim.at(DROP.minusMillis(startedMillisBefore), Optional.of(DROP), SECOND_OF_THREE, NIGHT_OFFSET);
            assertEquals(Duration.ofSeconds(23), aim.dropOffset(), "whole seconds, as Gatling truncates: " + aim);
            assertEquals(DROP.minusSeconds(23), aim.injectionStartAt());
            assertFalse(aim.injectionStartAt().isBefore(DROP.minusMillis(startedMillisBefore).plus(DropAim.LEAD)),
                    "the simulation gets its lead to be built: " + aim);
        }
    }

    @Test
    void anInjectorStartedAfterTheDropRefusesInOneLine() {
        DropAim.Refused e = assertThrows(DropAim.Refused.class,
                () -> DropAim.at(DROP.plusMillis(12_300), Optional.of(DROP), SECOND_OF_THREE, NIGHT_OFFSET));
        assertEquals("injector 1 of 3 (0-based) started 12.300 s after the target's drop at 2026-11-26T02:00:00Z:"
                + " its share of the surge would land late and distort the night; start every injector before the drop",
                e.getMessage());
        assertThrows(DropAim.Refused.class, () -> DropAim.at(DROP, Optional.of(DROP), SECOND_OF_THREE, NIGHT_OFFSET));
    }

    @Test
    void anInjectorStartedTooCloseToTheDropToAimRefuses() {
        DropAim.Refused e = assertThrows(DropAim.Refused.class,
                () -> DropAim.at(DROP.minusMillis(42_999), Optional.of(DROP), SECOND_OF_THREE, NIGHT_OFFSET));
        assertEquals("injector 1 of 3 (0-based) started 42.999 s before the target's drop at 2026-11-26T02:00:00Z:"
                + " too late to run the night's 23.000 s before the drop (it needs 43.000 s, 20.000 s of them to start);"
                + " start every injector earlier", e.getMessage());
    }

    @Test
    void withoutAnAnnouncedDropOrWithOneOverAnHourAwayThereIsNothingCommonToAimAt() {
        assertTrue(assertThrows(DropAim.Refused.class, () -> DropAim.at(DROP, Optional.empty(), SECOND_OF_THREE, NIGHT_OFFSET))
                .getMessage().contains("announces no drop instant"));
        assertTrue(assertThrows(DropAim.Refused.class,
                () -> DropAim.at(DROP.minus(Duration.ofMinutes(61)), Optional.of(DROP), SECOND_OF_THREE, NIGHT_OFFSET))
                .getMessage().contains("wait over 1 h"));
    }

    @Test
    void anInjectionStartAlreadyPastIsReportedAsLatenessWithoutWaiting() throws InterruptedException {
        DropAim aim = DropAim.at(DROP.minusSeconds(50), Optional.of(DROP), SECOND_OF_THREE, NIGHT_OFFSET);
        Instant now = aim.injectionStartAt().plusMillis(42);
        assertEquals(Duration.ofMillis(42), aim.awaitInjectionStart(() -> now));
    }
}
