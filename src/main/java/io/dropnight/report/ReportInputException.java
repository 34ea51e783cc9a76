package io.dropnight.report;

/**
 * A run folder that cannot be reported on: missing, not a run folder, or holding a corrupt file. The
 * message is one line for a person, naming the file and what is wrong with it.
 */
public final class ReportInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
