package io.dropnight.runfolder;

/**
 * A run folder that cannot be reported on: missing, not a run folder, or holding a corrupt file. The
 * message is one line for a person, naming the file and what is wrong with it.
 */
public final class RunFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunFileException(String message) {
        super(message);
    }

    public RunFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
