package io.dropnight.reservations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every ledger call on one thread of its own ({@value #THREAD_NAME}), never on an event
 * loop. Bookings waiting when the thread is free are committed together in one transaction (a
 * group commit: one fsync for many bookings), and each caller's future completes after that commit.
 *
 * <p>The test-only unsafe mode ({@link #commitLater}) keeps bookings in memory and commits them
 * every {@link #UNSAFE_DELAY}: a SIGKILL loses what was acknowledged meanwhile. Thread-safe.
 */
public final class LedgerWriter implements AutoCloseable {
    public static final String THREAD_NAME = "dropnight-ledger";
    /** How long the unsafe mode keeps an acknowledged booking before committing it. */
    public static final Duration UNSAFE_DELAY = Duration.ofSeconds(5);
    private static final int MAX_BATCH = 512;
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    private record Pending(LedgerSnapshot.Booking booking, CompletableFuture<Set<String>> done) {
    }

    private final Ledger ledger;
    private final ScheduledExecutorService thread;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LedgerSnapshot.Booking> deferred = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    public LedgerWriter(Ledger ledger) {
        this.ledger = java.util.Objects.requireNonNull(ledger, "ledger");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        long delay = UNSAFE_DELAY.toMillis();
        thread.scheduleWithFixedDelay(this::flushDeferred, delay, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Commits {@code booking} durably. The future completes on the ledger thread with the ids not
     * written (its (viewer, key) already had a booking), or exceptionally with a {@link LedgerException}.
     */
    public CompletableFuture<Set<String>> commit(LedgerSnapshot.Booking booking) {
        Pending p = new Pending(booking, new CompletableFuture<>());
        pending.add(p);
        if (drainQueued.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainQueued.set(false);
                failPending("the ledger is closed");
            }
        }
        return p.done();
    }

    /** Unsafe, test-only: keeps {@code booking} to commit within {@link #UNSAFE_DELAY}; a kill loses it. */
    public void commitLater(LedgerSnapshot.Booking booking) {
        deferred.add(booking);
    }

    /** The booking of a viewer's confirm request ({@link Ledger#find}), read on the ledger thread. */
    public CompletableFuture<Optional<LedgerSnapshot.Booking>> find(String viewer, String confirmKey, String holdId) {
        CompletableFuture<Optional<LedgerSnapshot.Booking>> f = new CompletableFuture<>();
        submit(() -> {
            try {
                f.complete(ledger.find(viewer, confirmKey, holdId));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, f);
        return f;
    }

    private void submit(Runnable task, CompletableFuture<?> onRejected) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            onRejected.completeExceptionally(new LedgerException("the ledger is closed"));
        }
    }

    private void drain() {
        drainQueued.set(false);
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < MAX_BATCH && (p = pending.poll()) != null) {
            batch.add(p);
        }
        if (!batch.isEmpty()) {
            commitBatch(batch);
        }
        if (!pending.isEmpty() && drainQueued.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    private void commitBatch(List<Pending> batch) {
        List<LedgerSnapshot.Booking> bookings = new ArrayList<>(batch.size());
        for (Pending b : batch) {
            bookings.add(b.booking());
        }
        try {
            Set<String> notWritten = ledger.commit(bookings);
            for (Pending b : batch) {
                b.done().complete(notWritten.contains(b.booking().bookingId()) ? Set.of(b.booking().bookingId()) : Set.of());
            }
        } catch (RuntimeException e) {
            LOG.error("could not commit {} booking(s)", batch.size(), e);
            for (Pending b : batch) {
                b.done().completeExceptionally(e);
            }
        }
    }

    private void flushDeferred() {
        List<LedgerSnapshot.Booking> batch = new ArrayList<>();
        LedgerSnapshot.Booking b;
        while ((b = deferred.poll()) != null) {
            batch.add(b);
        }
        if (!batch.isEmpty()) {
            try {
                ledger.commit(batch);
            } catch (RuntimeException e) {
                LOG.error("unsafe mode: lost {} acknowledged booking(s)", batch.size(), e);
            }
        }
    }

    /** Commits what is pending and deferred, stops the thread and closes the ledger. */
    @Override
    public void close() {
        thread.execute(this::flushDeferred);
        thread.execute(this::drain);
        stopThread();
        ledger.close();
    }

    /**
     * A test's SIGKILL: drops the deferred bookings (what the unsafe mode acknowledged but had not
     * committed), fails what is pending, and closes the ledger without committing anything more.
     */
    public void kill() {
        deferred.clear();
        thread.shutdownNow();
        failPending("the service was killed");
        awaitThread();
        ledger.close();
    }

    private void failPending(String why) {
        Pending p;
        while ((p = pending.poll()) != null) {
            p.done().completeExceptionally(new LedgerException(why));
        }
    }

    private void stopThread() {
        thread.shutdown();
        awaitThread();
    }

    private void awaitThread() {
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the {} thread did not stop within 10 s", THREAD_NAME);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
