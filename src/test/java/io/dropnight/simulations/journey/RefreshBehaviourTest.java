package io.dropnight.simulations.journey;

import io.dropnight.simulations.params.RefreshPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;


/**
 * The pause before a refresh, with the random source pinned: a person waits 1–3 s and ignores
 * {@code Retry-After}; {@code -Drefresh=backoff} is full jitter in [0, min(30 s, 1 s × 2^(n-1))]
 * with {@code Retry-After} as a floor. Expected pauses are literal milliseconds.
 */
class RefreshBehaviourTest {
    /** A policy with its random source pinned. */
    private record Pinned(RefreshPolicy policy, LongUnaryOperator random) {
        Duration pauseBefore(int refreshNumber, OptionalLong retryAfterSeconds) {
            return new RefreshBehaviour(policy).pauseBefore(refreshNumber, retryAfterSeconds, random);
        }
    }

    /** The largest value the source may return: bound - 1. */
    private static final LongUnaryOperator HIGHEST = bound -> bound - 1;
    private static final LongUnaryOperator LOWEST = bound -> 0;

    @Test
    void aPersonWaitsOneToThreeSecondsAndIgnoresRetryAfter() {
        List<Long> bounds = new ArrayList<>();
        Pinned low = new Pinned(RefreshPolicy.REFRESH, b -> {
            bounds.add(b);
            return 0;
        });
        Pinned high = new Pinned(RefreshPolicy.REFRESH, HIGHEST);
        assertEquals(Duration.ofMillis(1_000), low.pauseBefore(1, OptionalLong.empty()));
        assertEquals(Duration.ofMillis(3_000), high.pauseBefore(1, OptionalLong.empty()));
        assertEquals(Duration.ofMillis(3_000), high.pauseBefore(7, OptionalLong.empty()), "no growth with refreshes");
        assertEquals(Duration.ofMillis(1_000), low.pauseBefore(1, OptionalLong.of(10)), "Retry-After unseen");
        assertEquals(Duration.ofMillis(1_750), new Pinned(RefreshPolicy.REFRESH, b -> 750)
                .pauseBefore(1, OptionalLong.empty()));
        assertEquals(List.of(2_001L, 2_001L), bounds, "uniform over the 2,001 whole milliseconds of [1 s, 3 s]");
    }

    @ParameterizedTest(name = "refresh {0}: ceiling {1} ms")
    @CsvSource({"0, 1000", "1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 30000", "7, 30000",
        "40, 30000"})
    void backoffDoublesItsCeilingUpToThirtySeconds(int refreshNumber, long ceilingMillis) {
        List<Long> bounds = new ArrayList<>();
        Pinned backoff = new Pinned(RefreshPolicy.BACKOFF, b -> {
            bounds.add(b);
            return b - 1;
        });
        assertEquals(Duration.ofMillis(ceilingMillis), backoff.pauseBefore(refreshNumber, OptionalLong.empty()));
        assertEquals(List.of(ceilingMillis + 1), bounds, "full jitter: uniform over [0, ceiling]");
    }

    @Test
    void fullJitterMayRefreshAtOnceWithoutRetryAfter() {
        Pinned backoff = new Pinned(RefreshPolicy.BACKOFF, LOWEST);
        assertEquals(Duration.ZERO, backoff.pauseBefore(1, OptionalLong.empty()));
        assertEquals(Duration.ZERO, backoff.pauseBefore(9, OptionalLong.empty()));
        assertEquals(Duration.ofMillis(1_234), new Pinned(RefreshPolicy.BACKOFF, b -> 1_234)
                .pauseBefore(3, OptionalLong.empty()));
    }

    @Test
    void retryAfterIsAFloorNotACeiling() {
        Pinned low = new Pinned(RefreshPolicy.BACKOFF, LOWEST);
        Pinned high = new Pinned(RefreshPolicy.BACKOFF, HIGHEST);
        assertEquals(Duration.ofMillis(2_000), low.pauseBefore(1, OptionalLong.of(2)), "never sooner than asked");
        assertEquals(Duration.ofMillis(2_000), high.pauseBefore(1, OptionalLong.of(2)), "1 s ceiling, 2 s floor");
        assertEquals(Duration.ofMillis(4_000), high.pauseBefore(3, OptionalLong.of(2)), "a later draw wins");
        assertEquals(Duration.ofMillis(45_000), high.pauseBefore(9, OptionalLong.of(45)), "the floor beats the cap");
        assertEquals(Duration.ZERO, low.pauseBefore(1, OptionalLong.of(0)));
    }
}
