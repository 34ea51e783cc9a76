package io.dropnight.simulations.run;

import io.dropnight.report.ReportGenerator;
import io.dropnight.report.ReportInputException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a finished run folder's HTML report with the service jar's {@link ReportGenerator}, and
 * says in one line what happened. A report that cannot be written leaves the recorded files as
 * they are. Stateless.
 */
public final class ReportHook {
    private ReportHook() {
    }

    /** @return a one-line account of what happened, for the console */
    public static String generate(Path runDir) {
        try {
            return "report: " + ReportGenerator.generate(runDir);
        } catch (ReportInputException e) {
            return "report: not written, the run folder cannot be read: " + e.getMessage();
        } catch (IOException e) {
            return "report: not written: " + e.getMessage();
        }
    }
}
