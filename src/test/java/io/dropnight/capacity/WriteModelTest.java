package io.dropnight.capacity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteModelTest {
    private final VirtualClock clock = new VirtualClock();

    private static CapacityModel model(int writeSlots, double scale, String writeTime) {
        return Models.uniform(64, 256, "fixed:1ms").withScale(scale)
                .withWrites(new WriteCost(writeSlots, ServiceTimeDistribution.parse("test", writeTime)));
    }

    @Test
    void writesTakeTheirSlotsForTheirTimeAndTheRestWaitInOrder() {
        WriteModel writes = new WriteModel(model(2, 1.0, "fixed:10ms"), clock, 1);
        List<Long> doneAtMillis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            writes.write().thenRun(() -> doneAtMillis.add(clock.nanoTime() / 1_000_000));
        }
        clock.runUntilIdle();

        assertEquals(List.of(10L, 10L, 20L, 20L, 30L), doneAtMillis, "two at a time, 10 ms each");
    }

    @Test
    void theWriteSlotsScaleLikeTheBackendSlots() {
        assertEquals(4, WriteModel.effectiveSlots(model(16, 0.25, "fixed:1ms")));
        assertEquals(1, WriteModel.effectiveSlots(model(16, 0.001, "fixed:1ms")), "at least one");
        WriteModel writes = new WriteModel(model(16, 0.0625, "fixed:5ms"), clock, 1); // one slot
        CompletableFuture<Void> first = writes.write();
        CompletableFuture<Void> second = writes.write();
        clock.runUntil(5_000_000L);
        assertTrue(first.isDone() && !second.isDone());
        clock.runUntil(10_000_000L);
        assertTrue(second.isDone());
    }

    @Test
    void unconstrainedWritesAreDoneAtOnceAndAClosedModelFailsTheWaiting() {
        WriteModel free = new WriteModel(model(1, 1.0, "fixed:1s").withUnconstrained(true), clock, 1);
        assertTrue(free.write().isDone());

        WriteModel writes = new WriteModel(model(1, 1.0, "fixed:1s"), clock, 1);
        writes.write();
        CompletableFuture<Void> waiting = writes.write();
        clock.runUntil(0);
        writes.close();
        clock.runUntil(0);
        assertTrue(waiting.isCompletedExceptionally());
    }
}
