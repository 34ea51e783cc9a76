package io.dropnight.simulations.run;

import io.dropnight.runfolder.RunPages;
import io.dropnight.runfolder.RunFileException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a finished run folder's HTML report with the report found through {@link RunPages}, and
 * says in one line what happened. A report that cannot be written leaves the recorded files as
 * they are. Stateless.
 */
public final class ReportHook {
    private ReportHook() {
    }

    /** @return a one-line account of what happened, for the console */
    public static String generate(Path runDir) {
        try {
            return "report: " + RunPages.load().runPage(runDir);
        } catch (RunFileException e) {
            return "report: not written, the run folder cannot be read: " + e.getMessage();
        } catch (IOException | IllegalStateException e) {
            return "report: not written: " + e.getMessage();
        }
    }
}
