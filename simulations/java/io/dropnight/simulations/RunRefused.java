package io.dropnight.simulations;

/**
 * A night that must not run: a bad parameter, an injector that would distort the night, a service
 * that did not start. {@link NightRun} throws it instead of exiting the JVM, so that whatever hosts
 * the simulation (Gatling's launcher, an orchestrator, a test) ends the run with a non-zero status.
 * Its message is the one line a person reads; it carries no stack trace, which would bury that line.
 */
public final class RunRefused extends RuntimeException {
    /** A bad parameter, as the service's CLI exits. */
    public static final int BAD_PARAMETER = 2;
    /** The rehearsal could not be set up (run folder, embedded service). */
    public static final int CANNOT_START = 3;
    /** The preflight viewer could not walk the journey against the target (issue 8). */
    public static final int PREFLIGHT_FAILED = 4;
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    /**
     * @param exitStatus {@link #BAD_PARAMETER}, {@link #CANNOT_START} or {@link #PREFLIGHT_FAILED}
     * @param line       one sentence naming what, the value and the rule
     */
    public RunRefused(int exitStatus, String line) {
        super(line, null, false, false);
        this.exitStatus = exitStatus;
    }

    /** Reads a parameter; a bad one is this refusal, its line printed, before any load. */
    static <T> T valid(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (io.dropnight.simulations.params.ParameterException e) {
            throw new RunRefused(BAD_PARAMETER, "bad parameter: " + e.getMessage()).printed();
        } catch (io.dropnight.simulations.nights.NightFileException e) {
            throw new RunRefused(BAD_PARAMETER, e.getMessage()).printed();
        }
    }

    /** The status a launcher that exits on a refusal exits with. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Prints {@code dropnight: line} on standard error, where a person reads the run's console. */
    RunRefused printed() {
        System.err.println("dropnight: " + getMessage());
        System.err.flush();
        return this;
    }

    @Override
    public String toString() {
        // Gatling logs the exception that crashed a run: this keeps that line the same sentence.
        return "dropnight: " + getMessage();
    }
}
