package io.dropnight.simulations.slo;

import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes SLO results as slo.json and slo-junit.xml through the service's {@link SloFiles}, the one
 * writer that {@code merge-runs} also uses for a merged run.
 */
public final class SloReportWriter {
    private SloReportWriter() {
    }

    public static void writeJson(Path file, List<SloResult> results) throws IOException {
        SloFiles.writeJson(file, results);
    }

    /** @param suite the JUnit suite name, such as {@code dropnight.slo.finale-drop} */
    public static void writeJUnit(Path file, String suite, List<SloResult> results) throws IOException {
        SloFiles.writeJUnit(file, suite, results);
    }

    /** slo.json with the run's verdict and reasons. */
    public static void writeJson(Path file, SloReport report) throws IOException {
        SloFiles.writeJson(file, report);
    }

    /** slo-junit.xml; an inconclusive run adds an {@code <error>}. */
    public static void writeJUnit(Path file, String suite, SloReport report) throws IOException {
        SloFiles.writeJUnit(file, suite, report);
    }

    /** One line per SLO, for people: {@code playbackStartP99: finale-drop/playback-start p99 = 812.0 ms, must be <= 800 ms: FAILED}. */
    public static String describe(SloResult r) {
        return SloFiles.describe(r);
    }

    static String escape(String s) {
        return SloFiles.escape(s);
    }
}
