package io.dropnight.shedding;

import io.dropnight.core.Endpoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library-backed adaptive limiter, driven by an injected clock. */
class AdaptiveLimiterTest {
    private static final int SLOTS = 16;
    private static final int MAX = 64;

    private final AtomicLong nanos = new AtomicLong();
    private final AdmissionLimiter limiter = AdmissionLimiters.forPolicy(OverloadPolicy.ADAPTIVE, SLOTS, MAX - SLOTS, nanos::get);

    /** Fills the limiter, then releases every permit after {@code rttNanos}. */
    private void saturatedRound(long rttNanos) {
        List<Permit> permits = new ArrayList<>();
        limiter.acquire(Endpoint.TITLE).ifPresent(permits::add);
        while (true) {
            var p = limiter.acquire(Endpoint.TITLE);
            if (p.isEmpty()) {
                break;
            }
            permits.add(p.get());
        }
        nanos.addAndGet(rttNanos);
        for (Permit p : permits) {
            p.onSuccess();
        }
    }

    @Test
    void startsAtSlotsPlusQueueAndRefusesBeyondIt() {
        assertEquals(MAX, limiter.currentLimit());
        saturatedRound(10_000_000);
        assertTrue(limiter.rejected() >= 1);
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void shrinksWhenRoundTripsRiseButNeverBelowTheSlots() {
        for (int i = 0; i < 50; i++) {
            saturatedRound(10_000_000);
        }
        int steady = limiter.currentLimit();
        for (int i = 0; i < 5; i++) {
            saturatedRound(60_000_000);
        }
        int slowed = limiter.currentLimit();
        assertTrue(slowed < steady, "limit " + steady + " -> " + slowed + " after round trips rose sixfold");
        for (int i = 0; i < 200; i++) {
            saturatedRound(500_000_000);
        }
        assertTrue(limiter.currentLimit() >= SLOTS, "floor at the slot count: " + limiter.currentLimit());
        assertTrue(limiter.currentLimit() <= MAX);
    }

    @Test
    void droppedPermitsAndIgnoredOnesGiveBackTheirPlace() {
        Permit a = limiter.acquire(Endpoint.HOME).orElseThrow();
        Permit b = limiter.acquire(Endpoint.HOME).orElseThrow();
        assertEquals(2, limiter.inFlight());
        a.onDropped();
        b.onIgnore();
        b.onSuccess();
        assertEquals(0, limiter.inFlight());
    }
}
