package io.dropnight.shedding;

/**
 * Permission for one admitted request to use the backend. Released exactly once, with its outcome,
 * in a {@code finally}: {@link #onSuccess()} when the request was served, {@link #onDropped()} when
 * it was dropped after admission (a full queue, a timeout) and {@link #onIgnore()} when the outcome
 * says nothing about the backend's capacity (shutdown, a client gone). Later releases are ignored.
 *
 * <p>Thread-safe: may be released from any thread.
 */
public interface Permit {

    /** The request was served; adaptive limiters learn from its round-trip time. */
    void onSuccess();

    /** The request was dropped after admission; adaptive limiters treat it as a sign of overload. */
    void onDropped();

    /** The request ended for a reason unrelated to capacity; only the slot is given back. */
    void onIgnore();
}
