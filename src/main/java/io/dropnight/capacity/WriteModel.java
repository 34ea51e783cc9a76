package io.dropnight.capacity;

import io.dropnight.core.Checks;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The modelled booking writes: {@link WriteCost#slots()} (scaled) writes at a time, each for a
 * seeded draw from {@link WriteCost#time()}, the rest waiting in FIFO order. Unconstrained, a
 * write completes at once. Modelled waiting is a scheduled task on the {@link ModelClock}, never
 * a blocked thread.
 *
 * <p>Thread-safe: {@link #write} may be called from any thread; the state is confined to the
 * clock's thread.
 */
public final class WriteModel implements AutoCloseable {
    /** Name of the thread {@link #create} starts. */
    public static final String THREAD_NAME = "dropnight-writes";

    private final ModelClock clock;
    private final AutoCloseable ownedClock;
    private final SplittableRandom random;
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private volatile CapacityModel model;
    private volatile int busy;
    private volatile boolean closed;

    /** On a clock the caller owns (a {@code VirtualClock} in tests). */
    public WriteModel(CapacityModel model, ModelClock clock, long seed) {
        this(model, clock, null, seed);
    }

    private WriteModel(CapacityModel model, ModelClock clock, AutoCloseable ownedClock, long seed) {
        this.model = Checks.notNull("capacity", model);
        this.clock = Checks.notNull("clock", clock);
        this.ownedClock = ownedClock;
        this.random = new SplittableRandom(seed ^ 0x3717E5L);
    }

    /** The production model, on a daemon thread named {@value #THREAD_NAME} in wall-clock time. */
    public static WriteModel create(CapacityModel model, long seed) {
        EventLoopModelClock clock = new EventLoopModelClock(THREAD_NAME);
        return new WriteModel(model, clock, clock, seed);
    }

    /** Write slots after scaling, at least 1. */
    public static int effectiveSlots(CapacityModel model) {
        return (int) Math.max(1, Math.round(model.writes().slots() * model.scale()));
    }

    /**
     * One modelled write: completes (on the model's thread) after its queueing and service time,
     * at once when the model is unconstrained, exceptionally once closed.
     */
    public CompletableFuture<Void> write() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (model.unconstrained()) {
            done.complete(null);
            return done;
        }
        try {
            clock.execute(() -> admit(done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("the write model is closed"));
        }
        return done;
    }

    /** Replaces the model (admin); writes in service finish under the old one. */
    public void reconfigure(CapacityModel value) {
        this.model = Checks.notNull("capacity", value);
        clock.execute(this::dispatch);
    }

    /** Writes in service and waiting, for /metrics. */
    public int busy() {
        return busy;
    }

    private void admit(CompletableFuture<Void> done) {
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the write model is closed"));
            return;
        }
        waiting.addLast(done);
        dispatch();
    }

    private void dispatch() {
        CapacityModel m = model;
        while (busy < effectiveSlots(m) && !waiting.isEmpty()) {
            CompletableFuture<Void> next = waiting.pollFirst();
            busy++;
            clock.schedule(() -> {
                busy--;
                next.complete(null);
                dispatch();
            }, m.writes().time().sampleNanos(random));
        }
    }

    /** Fails the writes still waiting; stops the thread {@link #create} started. */
    @Override
    public void close() {
        closed = true;
        try {
            clock.execute(() -> {
                CompletableFuture<Void> w;
                while ((w = waiting.poll()) != null) {
                    w.completeExceptionally(new IllegalStateException("the write model is closed"));
                }
            });
        } catch (RejectedExecutionException e) {
            // already stopped: nothing waits
        }
        if (ownedClock != null) {
            try {
                ownedClock.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the " + THREAD_NAME + " thread", e);
            }
        }
    }
}
