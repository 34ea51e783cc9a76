package io.dropnight.capacity;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;

/**
 * The production {@link ModelClock}: one dedicated Netty {@link EventExecutor} thread that owns
 * the model's state; wall-clock time from {@link System#nanoTime()}. Thread-safe: tasks may be
 * submitted from any thread.
 */
public final class EventLoopModelClock implements ModelClock, AutoCloseable {
    private final EventExecutor executor;

    /** Starts a daemon thread named {@code threadName} (lazily, on the first task). */
    public EventLoopModelClock(String threadName) {
        this.executor = new DefaultEventExecutor(new DefaultThreadFactory(threadName, true));
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** Whether the caller is the model's thread. */
    public boolean inModelThread() {
        return executor.inEventLoop();
    }

    /** Stops the thread once its queued tasks have run; waits up to two seconds for it. */
    @Override
    public void close() {
        executor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
