package io.dropnight.reservations;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reservations: list screenings, hold seats, confirm, cancel. Seats are allocated in memory,
 * each screening under its own lock, so two holds never get one seat; the {@link Ledger} is the
 * truth for confirmed bookings, and at start the sold seats are rebuilt from it. Holds expire
 * {@code holdTtl} after they were made, on the injected clock; holds are not stored, so a restart
 * loses them (a confirm retried after it is answered from the ledger by its idempotency key).
 *
 * <p>Thread-safe and non-blocking: every method may be called from an event loop; the ledger is
 * only touched through the {@link LedgerWriter}'s thread, and at construction.
 */
public final class BoxOffice {
    private final Cinemas cinemas;
    private final LedgerWriter writer;
    private final ModelledWrite modelledWrite;
    private final Clock clock;
    private final Duration holdTtl;
    private final boolean unsafeAckBeforeCommit;
    private final Map<String, SeatMap> seatMaps;
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final IdempotencyKeys keys;
    private final SecureRandom random = new SecureRandom();

    /**
     * Reads the ledger's bookings (blocking: call at start, not on an event loop) and marks their seats sold.
     *
     * @param ledger                the ledger {@code writer} writes to, read once here
     * @param modelledWrite         the capacity model's cost of a booking write
     * @param unsafeAckBeforeCommit test only: answer a confirm before its commit, which is deferred
     */
    public BoxOffice(Cinemas cinemas, Ledger ledger, LedgerWriter writer, ModelledWrite modelledWrite, Clock clock,
                     Duration holdTtl, boolean unsafeAckBeforeCommit) {
        this.cinemas = Objects.requireNonNull(cinemas, "cinemas");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.modelledWrite = Objects.requireNonNull(modelledWrite, "modelledWrite");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.holdTtl = Objects.requireNonNull(holdTtl, "holdTtl");
        this.unsafeAckBeforeCommit = unsafeAckBeforeCommit;
        this.keys = new IdempotencyKeys(clock::millis);
        this.seatMaps = SeatMap.rebuild(cinemas, ledger);
    }

    public Cinemas cinemas() {
        return cinemas;
    }

    /** 200 with the region's screenings and their free seats, hottest first; 400 for an unknown region. */
    public Answer screenings(String region) {
        if (region == null || !cinemas.knowsRegion(region)) {
            return Answers.unknownRegion(cinemas.config().regionIds());
        }
        long now = clock.millis();
        return Answers.screenings(region, cinemas.inRegion(region), s -> {
            SeatMap map = seatMaps.get(s.id());
            synchronized (map) {
                return map.free(now);
            }
        });
    }

    /** 201 with the held seat numbers, 409 sold-out, 404 screening-unknown; once per (viewer, key). */
    public CompletableFuture<Answer> hold(String viewer, String key, String screeningId, int seats) {
        return keys.once(viewer, IdempotencyKeys.Kind.HOLD, key, screeningId + "/" + seats,
                () -> CompletableFuture.completedFuture(holdOnce(viewer, screeningId, seats)));
    }

    private Answer holdOnce(String viewer, String screeningId, int n) {
        SeatMap map = seatMaps.get(screeningId);
        if (map == null) {
            return Answers.unknownScreening(screeningId);
        }
        long now = clock.millis();
        Hold hold;
        synchronized (map) {
            int[] seats = map.take(n, now);
            if (seats == null) {
                return Answers.soldOut(screeningId, n);
            }
            hold = new Hold(newId("h-"), viewer, map, seats, now + holdTtl.toMillis());
            map.track(hold);
            holds.put(hold.id, hold);
        }
return Answers.held(hold);
    }

    /**
     * 200 with the booking once it is durably committed (and its modelled write is done); 409
     * hold-expired; 404 hold-unknown. Once per (viewer, key), and once per hold. Completes
     * exceptionally with a {@link LedgerException} when the commit failed (nothing was booked).
     */
    public CompletableFuture<Answer> confirm(String viewer, String key, String holdId) {
        return keys.once(viewer, IdempotencyKeys.Kind.CONFIRM, key, holdId, () -> confirmOnce(viewer, key, holdId));
    }

    private CompletableFuture<Answer> confirmOnce(String viewer, String key, String holdId) {
        Hold hold = holds.get(holdId);
        if (hold == null || !hold.viewer.equals(viewer)) {
            return fromLedger(viewer, key, holdId);
        }
        LedgerSnapshot.Booking booking;
        CompletableFuture<Answer> answer;
        synchronized (hold.screening) {
            hold.screening.expire(clock.millis());
            switch (hold.state) {
                case CONFIRMING, CONFIRMED:
                    return hold.confirmation;
                case EXPIRED:
                    return CompletableFuture.completedFuture(Answers.expired(holdId));
                case RELEASED:
                    return CompletableFuture.completedFuture(Answers.unknownHold(holdId));
                default:
                    hold.state = Hold.State.CONFIRMING;
                    hold.confirmation = new CompletableFuture<>();
                    answer = hold.confirmation;
                    booking = new LedgerSnapshot.Booking(newId("b-"), hold.screening.screening.id(), viewer, key,
                            holdId, hold.seatList(), clock.instant());
            }
        }
        // The modelled write only delays the answer: its failure (the model closing) never undoes a commit.
        CompletableFuture<Object> write = modelledWrite.write().toCompletableFuture().handle((w, f) -> null);
        if (unsafeAckBeforeCommit) {
            writer.commitLater(booking);
            write.whenComplete((w, f) -> settle(hold, booking, Set.of(), null));
        } else {
            writer.commit(booking).thenCombine(write, (notWritten, w) -> notWritten)
                    .whenComplete((notWritten, failure) -> settle(hold, booking, notWritten, failure));
        }
        return answer;
    }

    private void settle(Hold hold, LedgerSnapshot.Booking booking, Set<String> notWritten, Throwable failure) {
        CompletableFuture<Answer> answer;
        Answer result = null;
        synchronized (hold.screening) {
            answer = hold.confirmation;
            if (failure != null || !notWritten.isEmpty()) {
                hold.state = Hold.State.HELD; // not booked: the viewer may try again while it lasts
                hold.confirmation = null;
                hold.screening.track(hold);
                if (failure == null) {
                    result = Answers.keyMadeAnotherBooking();
                }
            } else {
                hold.state = Hold.State.CONFIRMED;
                hold.screening.sell(hold);
                result = Answers.booked(booking);
            }
        }
        if (result == null) {
            answer.completeExceptionally(failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : failure);
        } else {
            answer.complete(result);
        }
    }

    /** A confirm for a hold this process does not know: after a restart, its booking may be in the ledger. */
    private CompletableFuture<Answer> fromLedger(String viewer, String key, String holdId) {
        return writer.find(viewer, key, holdId).thenApply(found -> found
                .map(b -> b.holdId().equals(holdId) ? Answers.booked(b) : Answers.keyMadeAnotherBooking())
                .orElseGet(() -> Answers.unknownHold(holdId)));
    }

    /** 200 released; 409 hold-confirmed; 404 hold-unknown. Once per (viewer, key). */
    public CompletableFuture<Answer> cancel(String viewer, String key, String holdId) {
        return keys.once(viewer, IdempotencyKeys.Kind.CANCEL, key, holdId,
                () -> CompletableFuture.completedFuture(cancelOnce(viewer, holdId)));
    }

    private Answer cancelOnce(String viewer, String holdId) {
        Hold hold = holds.get(holdId);
        if (hold == null || !hold.viewer.equals(viewer)) {
            return Answers.unknownHold(holdId);
        }
        synchronized (hold.screening) {
            hold.screening.expire(clock.millis());
            if (hold.state == Hold.State.CONFIRMING || hold.state == Hold.State.CONFIRMED) {
                return Answers.confirmedNotReleased(holdId);
            }
            if (hold.state == Hold.State.HELD) {
                hold.state = Hold.State.RELEASED;
                hold.screening.release(hold);
            }
        }
return Answers.released(holdId);
    }

    /**
     * Forgets what no retry should need any more: holds that ended (expired, released, confirmed)
     * and idempotency answers older than {@code retain}. Call now and then from any thread.
     */
    public void sweep(Duration retain) {
        long now = clock.millis();
        long before = now - retain.toMillis();
        keys.sweep(before);
        holds.values().removeIf(h -> {
            synchronized (h.screening) {
                h.screening.expire(now);
                return h.state != Hold.State.HELD && h.state != Hold.State.CONFIRMING && h.expiresAtMillis < before;
            }
        });
    }

    /** Seats sold in memory for a screening (tests and metrics). */
    public Optional<Integer> sold(String screeningId) {
        SeatMap map = seatMaps.get(screeningId);
        if (map == null) {
            return Optional.empty();
        }
        synchronized (map) {
            return Optional.of(map.sold());
        }
    }

    private String newId(String prefix) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
