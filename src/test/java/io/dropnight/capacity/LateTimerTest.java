package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.shedding.OverloadPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.dropnight.capacity.Models.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model thread that runs a timer late (a stalled host) frees the slot at the planned instant:
 * the work queued behind it starts then, so the model keeps its capacity through the stall
 * instead of shrinking by the time lost.
 */
class LateTimerTest {
    /** One slot, every request 10 ms: the queue behind the first waits its turn. */
    private static final CapacityModel ONE_SLOT = Models.uniform(1, 8, "fixed:10ms");

    /** Fires every task scheduled while {@link #lateNanos} is set that much later than asked. */
    private static final class StalledClock implements ModelClock {
        final VirtualClock clock = new VirtualClock();
        long lateNanos;

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            clock.schedule(task, delayNanos + lateNanos);
        }

        @Override
        public void execute(Runnable task) {
            clock.execute(task);
        }
    }

    @Test
    void theWorkQueuedBehindALateTimerStartsAtThePlannedInstant() {
        StalledClock stalled = new StalledClock();
        VirtualBackend backend = new VirtualBackend(OverloadPolicy.NONE, ONE_SLOT, stalled, 7);
        List<Long> answeredAt = new ArrayList<>();
        stalled.lateNanos = seconds(0.1); // the first job's timer fires 100 ms late
        backend.serve(Endpoint.TITLE, null, Runnable::run, v -> answeredAt.add(stalled.nanoTime()));
        stalled.clock.runUntil(0);
        stalled.lateNanos = 0;
        backend.serve(Endpoint.TITLE, null, Runnable::run, v -> answeredAt.add(stalled.nanoTime()));
        backend.serve(Endpoint.TITLE, null, Runnable::run, v -> answeredAt.add(stalled.nanoTime()));
        stalled.clock.runUntilIdle();
        // Planned: 10, 20 and 30 ms. The first is answered when its timer fires (110 ms); the two
        // behind it started at 10 and 20 ms in the model, so they are due at once, not at 120 and 130 ms.
        assertEquals(List.of(seconds(0.11), seconds(0.11), seconds(0.11)), answeredAt);
    }

    @Test
    void onTimeTimersKeepTheQueueAsBefore() {
        StalledClock onTime = new StalledClock();
        VirtualBackend backend = new VirtualBackend(OverloadPolicy.NONE, ONE_SLOT, onTime, 7);
        List<Long> answeredAt = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            backend.serve(Endpoint.TITLE, null, Runnable::run, v -> answeredAt.add(onTime.nanoTime()));
        }
        onTime.clock.runUntilIdle();
        assertEquals(List.of(seconds(0.01), seconds(0.02), seconds(0.03)), answeredAt);
    }
}
