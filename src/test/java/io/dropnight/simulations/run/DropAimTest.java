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

    @Test
    void injectorsStartedAtDifferentTimesStartTheirSurgesOnTheDrop() {
        for (long startedMillisBefore : new long[] {4_000, 4_001, 9_999, 60_000, 61_234, 3_599_000}) {
            DropAim aim = DropAim.at(DROP.minusMillis(startedMillisBefore), Optional.of(DROP), SECOND_OF_THREE);
            assertEquals(0, aim.dropOffset().getNano(), "Gatling truncates to whole seconds: " + aim);
            assertTrue(aim.dropOffset().compareTo(Duration.ofSeconds(1)) >= 0, aim.toString());
            assertEquals(DROP, aim.injectionStartAt().plus(aim.dropOffset()));
            assertFalse(aim.injectionStartAt().isBefore(DROP.minusMillis(startedMillisBefore).plus(DropAim.LEAD)),
                    "the simulation gets its lead to be built: " + aim);
        }
    }

    @Test
    void anInjectorStartedAfterTheDropRefusesInOneLine() {
        DropAim.Refused e = assertThrows(DropAim.Refused.class,
                () -> DropAim.at(DROP.plusMillis(12_300), Optional.of(DROP), SECOND_OF_THREE));
        assertEquals("injector 1 of 3 (0-based) started 12.300 s after the target's drop at 2026-11-26T02:00:00Z:"
                + " its share of the surge would land late and distort the night; start every injector before the drop",
                e.getMessage());
        assertThrows(DropAim.Refused.class, () -> DropAim.at(DROP, Optional.of(DROP), SECOND_OF_THREE));
    }

    @Test
    void anInjectorStartedTooCloseToTheDropToAimRefuses() {
        DropAim.Refused e = assertThrows(DropAim.Refused.class,
                () -> DropAim.at(DROP.minusMillis(3_500), Optional.of(DROP), SECOND_OF_THREE));
        assertTrue(e.getMessage().contains("started 3.500 s before the target's drop"), e.getMessage());
        assertTrue(e.getMessage().contains("it needs 4.000 s"), e.getMessage());
    }

    @Test
    void withoutAnAnnouncedDropOrWithOneOverAnHourAwayThereIsNothingCommonToAimAt() {
        assertTrue(assertThrows(DropAim.Refused.class, () -> DropAim.at(DROP, Optional.empty(), SECOND_OF_THREE))
                .getMessage().contains("announces no drop instant"));
        assertTrue(assertThrows(DropAim.Refused.class,
                () -> DropAim.at(DROP.minus(Duration.ofMinutes(62)), Optional.of(DROP), SECOND_OF_THREE))
                .getMessage().contains("more than 1 h"));
    }

    @Test
    void anInjectionStartAlreadyPastIsReportedAsLatenessWithoutWaiting() throws InterruptedException {
        DropAim aim = DropAim.at(DROP.minusSeconds(10), Optional.of(DROP), SECOND_OF_THREE);
        Instant now = aim.injectionStartAt().plusMillis(42);
        assertEquals(Duration.ofMillis(42), aim.awaitInjectionStart(() -> now));
    }
}
