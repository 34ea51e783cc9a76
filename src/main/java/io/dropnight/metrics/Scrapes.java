package io.dropnight.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the scrapes of a Prometheus endpoint so that, at the end, its owner can wait for one more:
 * a scraper polling every second then takes the final figures before the endpoint goes away (the
 * injectors' live metrics and the service's {@code /metrics/prometheus} alike). A scrape is counted
 * when it begins (its figures are collected after that instant) and when it has been answered.
 *
 * <p>Thread-safe.
 */
public final class Scrapes {
    private long begun;
    private long answeredUpTo;

    /** A scrape begins: its number, to be passed to {@link #answered(long)} once it is written. */
    public synchronized long begin() {
        return ++begun;
    }

    /** The scrape numbered {@code number} has been written. */
    public synchronized void answered(long number) {
        answeredUpTo = Math.max(answeredUpTo, number);
        notifyAll();
    }

    /** Scrapes begun so far. */
    public synchronized long count() {
        return begun;
    }

    /**
     * When anything has scraped, waits up to {@code bound} for a scrape begun after this call to be
     * answered; returns at once when nothing ever scraped (no one is watching).
     *
     * @return whether such a scrape was answered (false when nothing scraped, or the bound passed)
     */
    public synchronized boolean awaitOneMore(Duration bound) {
        long before = begun;
        if (before == 0) {
            return false;
        }
        long deadline = System.nanoTime() + bound.toNanos();
        long left;
        while (answeredUpTo <= before && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return answeredUpTo > before;
    }
}
