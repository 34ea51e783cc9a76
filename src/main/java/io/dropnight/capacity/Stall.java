package io.dropnight.capacity;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A deliberate stall, for the admin's test fault only: blocks the calling thread for a duration,
 * as a host that stops scheduling the service (another process, a long GC pause) would. Never
 * used for modelled waiting, which is always a scheduled task.
 */
public final class Stall {
    /** The longest stall the fault accepts. */
    public static final Duration MAX = Duration.ofSeconds(10);

    private Stall() {
    }

    /** Blocks the caller for {@code duration} (at most {@link #MAX}), whatever wakes it early. */
    public static void block(Duration duration) {
        long end = System.nanoTime() + Math.min(duration.toNanos(), MAX.toNanos());
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
