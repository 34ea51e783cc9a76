package io.dropnight.capacity;

import java.util.PriorityQueue;

/**
 * A discrete-event clock for deterministic tests and offline capacity studies: time stands still
 * until {@link #runUntil} or {@link #runUntilIdle} moves it to the next due task. Tasks due at the
 * same instant run in the order they were scheduled.
 *
 * <p>Not thread-safe: schedule and run from one thread only.
 */
public final class VirtualClock implements ModelClock {
    private record Event(long atNanos, long sequence, Runnable task) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.sequence, b.sequence));
    private long nowNanos;
    private long sequence;

    /** A clock at time zero with nothing scheduled. */
    public VirtualClock() {
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        events.add(new Event(nowNanos + Math.max(0, delayNanos), sequence++, task));
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0);
    }

    /** Runs every task due up to {@code timeNanos} (including those they schedule), then sets the time to it. */
    public void runUntil(long timeNanos) {
        while (!events.isEmpty() && events.peek().atNanos <= timeNanos) {
            runNext();
        }
        nowNanos = Math.max(nowNanos, timeNanos);
    }

    /** Runs tasks until none is left; the time ends at the last one's. Returns how many ran. */
    public long runUntilIdle() {
        long ran = 0;
        while (!events.isEmpty()) {
            runNext();
            ran++;
        }
        return ran;
    }

    /** Tasks scheduled and not yet run. */
    public int pending() {
        return events.size();
    }

    private void runNext() {
        Event e = events.poll();
        nowNanos = e.atNanos;
        e.task.run();
    }
}
