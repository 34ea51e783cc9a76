package io.dropnight.learn.log;

/**
 * A log that cannot be learned from, or flags that do not fit it: one line for a person, naming the
 * file and what is wrong (a truncated gzip, too many lines that do not parse, no viewer key, a drop
 * outside the log). The command prints it and exits 2; no stack trace.
 */
public final class LogFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogFileException(String message) {
        super(message, null, false, false);
    }
}
