package io.dropnight.learn.journey;

/**
 * A recording that cannot be drafted from, or flags that do not fit it: one line for a person,
 * naming the file, the value and the rule (not JSON, not HAR 1.2, no request left to draft). The
 * command prints it and exits 2; no stack trace. Never carries a recorded value that could be a
 * secret.
 */
public final class HarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarException(String message) {
        super(message, null, false, false);
    }
}
