package io.dropnight.capacity;

import java.util.concurrent.Executor;

/**
 * The time and the thread the virtual backend's model runs on. All tasks given to
 * {@link #execute} and {@link #schedule} run one at a time on one thread (or, for
 * {@code VirtualClock}, on the thread that drives it), so the model's state needs no locks.
 * Modelled waiting is a scheduled task, never a blocked thread.
 */
public interface ModelClock extends Executor {

    /** The model's current time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Runs {@code task} on the model's thread after {@code delayNanos} nanoseconds (0 or less: soon). */
    void schedule(Runnable task, long delayNanos);

    /**
     * Runs {@code task} on the model's thread as soon as possible, after tasks already due.
     *
     * @throws java.util.concurrent.RejectedExecutionException once the clock is shut down
     */
    @Override
    void execute(Runnable task);
}
