package io.dropnight.reservations;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The first answer of every write, by (viewer, kind of write, idempotency key): a retry gets the
 * same answer without acting twice, and a retry that arrives while the first is still running
 * waits for it. A failure (an exceptional answer, such as a commit that failed) is not kept, so a
 * retry acts again. Entries older than {@code retainMillis} are forgotten by {@link #sweep}; a
 * confirm retried later is answered from the ledger. Thread-safe.
 */
final class IdempotencyKeys {
    enum Kind { HOLD, CONFIRM, CANCEL }

    private record Scope(String viewer, Kind kind, String key) {
    }

    private record Entry(String target, CompletableFuture<Answer> answer, long createdMillis) {
    }

    private final Map<Scope, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier millis;

    IdempotencyKeys(LongSupplier millis) {
        this.millis = millis;
    }

    /**
     * The first answer for this scope, running {@code action} only when there is none yet.
     *
     * @param target what the write is about (a screening id and seat count, a hold id): the same
     *               key for another target is refused with 422 {@link ReservationRoutes#KEY_REUSED}
     */
    CompletableFuture<Answer> once(String viewer, Kind kind, String key, String target,
                                   Supplier<CompletableFuture<Answer>> action) {
        Scope scope = new Scope(viewer, kind, key);
        Entry fresh = new Entry(target, new CompletableFuture<>(), millis.getAsLong());
        Entry first = entries.putIfAbsent(scope, fresh);
        if (first != null) {
            if (!first.target().equals(target)) {
                return CompletableFuture.completedFuture(Answer.refusal(422, ReservationRoutes.KEY_REUSED,
                        "this Idempotency-Key was used for another " + kind.name().toLowerCase(java.util.Locale.ROOT)
                                + " request; use a new key for a new request"));
            }
            return first.answer();
        }
        CompletableFuture<Answer> result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((answer, failure) -> {
            if (failure != null) {
                entries.remove(scope, fresh);
                fresh.answer().completeExceptionally(failure);
            } else {
                fresh.answer().complete(answer);
            }
        });
        return fresh.answer();
    }

    /** Forgets answered entries created before {@code beforeMillis}. */
    void sweep(long beforeMillis) {
        entries.values().removeIf(e -> e.createdMillis() < beforeMillis && e.answer().isDone());
    }

    int size() {
        return entries.size();
    }
}
