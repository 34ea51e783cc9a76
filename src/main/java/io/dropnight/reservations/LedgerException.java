package io.dropnight.reservations;

/**
 * A ledger that cannot be opened, read or written, with one sentence naming the file and what is
 * wrong. Carries the JDBC cause for the log, never for the wire.
 */
public final class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
