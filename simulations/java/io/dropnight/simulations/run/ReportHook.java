package io.dropnight.simulations.run;

import io.dropnight.runfolder.RunPages;
import io.dropnight.runfolder.RunFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes a finished run folder's HTML report with the report found through {@link RunPages}, and
 * says in one line what happened. A report that cannot be written leaves the recorded files as
 * they are. Stateless.
 */
public final class ReportHook {
    private ReportHook() {
    }

    /**
     * What writing the report did.
     *
     * @param line a one-line account, for the console
     * @param page the written report; empty when it was not written ({@code line} says why)
     */
    public record Written(String line, Optional<Path> page) {
    }

    /** @return a one-line account of what happened, for the console */
    public static String generate(Path runDir) {
        return write(runDir).line();
    }

    /** Writes the report; never throws for a run folder that cannot be read or a page that cannot be written. */
    public static Written write(Path runDir) {
        try {
            Path page = RunPages.load().runPage(runDir);
            return new Written("report: " + page, Optional.of(page));
        } catch (RunFileException e) {
            return new Written("report: not written, the run folder cannot be read: " + e.getMessage(), Optional.empty());
        } catch (IOException | IllegalStateException e) {
            return new Written("report: not written: " + e.getMessage(), Optional.empty());
        }
    }
}
