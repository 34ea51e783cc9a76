package io.dropnight.shedding;

import io.dropnight.core.Endpoint;
import io.dropnight.core.Priority;
import io.dropnight.core.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed, priority and unbounded limiters on their own. */
class CountingLimitersTest {

    private static List<Permit> acquireAll(AdmissionLimiter limiter, Endpoint e, int n) {
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            limiter.acquire(e).ifPresent(permits::add);
        }
        return permits;
    }

    @Test
    void fixedLimiterRefusesAtItsBoundAndAdmitsAgainAfterRelease() {
        AdmissionLimiter limiter = AdmissionLimiters.forPolicy(OverloadPolicy.FIXED, 4, 6, () -> 0L);
        List<Permit> permits = acquireAll(limiter, Endpoint.PLAYBACK_START, 15);
        assertEquals(10, permits.size());
        assertEquals(5, limiter.rejected());
        assertEquals(10, limiter.currentLimit());
        permits.get(0).onSuccess();
        assertTrue(limiter.acquire(Endpoint.SEARCH).isPresent());
    }

    @Test
    void releasingAPermitTwiceCountsOnce() {
        AdmissionLimiter limiter = AdmissionLimiters.forPolicy(OverloadPolicy.FIXED, 1, 1, () -> 0L);
        Permit permit = limiter.acquire(Endpoint.HOME).orElseThrow();
        limiter.acquire(Endpoint.HOME).orElseThrow();
        permit.onSuccess();
        permit.onDropped();
        permit.onIgnore();
        assertEquals(1, limiter.inFlight());
    }

    @Test
    void noPolicyAdmitsEverythingAndReportsNoLimit() {
        AdmissionLimiter limiter = AdmissionLimiters.forPolicy(OverloadPolicy.NONE, 1, 0, () -> 0L);
        assertEquals(10_000, acquireAll(limiter, Endpoint.SEARCH, 10_000).size());
        assertEquals(AdmissionLimiter.UNBOUNDED, limiter.currentLimit());
        assertEquals(10_000, limiter.inFlight());
    }

    @ParameterizedTest(name = "{0} is refused from {1} in flight out of 100")
    @CsvSource({"SEARCH, 50", "HOME, 70", "TITLE, 85", "SESSION, 85", "PLAYBACK_START, 100", "HEARTBEAT, 100"})
    void priorityLimiterRefusesEachClassAtItsThreshold(Endpoint endpoint, int bound) {
        AdmissionLimiter limiter = AdmissionLimiters.forPolicy(OverloadPolicy.PRIORITY, 20, 80, () -> 0L);
        acquireAll(limiter, Endpoint.PLAYBACK_START, bound - 1);
        assertTrue(limiter.acquire(endpoint).isPresent(), "admitted just below the bound");
        assertEquals(Optional.empty(), limiter.acquire(endpoint), "refused at the bound");
    }

    @Test
    void priorityLimiterShedsSearchBeforeHomeBeforeTitleBeforePlayback() {
        AdmissionLimiter limiter = AdmissionLimiters.forPolicy(OverloadPolicy.PRIORITY, 20, 80, () -> 0L);
        Map<Endpoint, Integer> admitted = new EnumMap<>(Endpoint.class);
        // Offer the four classes in turn until nothing more fits.
        for (int round = 0; round < 200; round++) {
            for (Endpoint e : List.of(Endpoint.SEARCH, Endpoint.HOME, Endpoint.TITLE, Endpoint.PLAYBACK_START)) {
                if (limiter.acquire(e).isPresent()) {
                    admitted.merge(e, 1, Integer::sum);
                }
            }
        }
        assertEquals(100, limiter.inFlight());
        assertTrue(admitted.get(Endpoint.SEARCH) < admitted.get(Endpoint.HOME));
        assertTrue(admitted.get(Endpoint.HOME) < admitted.get(Endpoint.TITLE));
        assertTrue(admitted.get(Endpoint.TITLE) < admitted.get(Endpoint.PLAYBACK_START));
    }

    @Test
    void priorityThresholdsMustNotRiseForLessCriticalClasses() {
        Map<Priority, Double> thresholds = new EnumMap<>(PriorityLimiter.DEFAULT_THRESHOLDS);
        thresholds.put(Priority.SEARCH, 0.9);
        ConfigException e = assertThrows(ConfigException.class, () -> new PriorityLimiter(100, thresholds));
        assertTrue(e.getMessage().startsWith("shedding.thresholds.search = 0.9: must be in (0, 1]"), e.getMessage());
    }
}
