package io.dropnight.runfolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The pages made from a run folder's files: a run's own report, its live page while the night runs,
 * and the list of runs and plans beside it. The report ({@code io.dropnight.report}) writes them; the harness, which writes the
 * files they are made from, finds the report at run time through this contract, so that it
 * depends on the run folder only, never on the report's classes.
 */
public interface RunPages {

    /**
     * Writes {@code <runDir>/index.html} and refreshes the list of runs in its parent folder.
     *
     * @return the written page
     * @throws RunFileException when the run folder is missing or holds a corrupt file; nothing is written
     */
    Path runPage(Path runDir) throws RunFileException, IOException;

    /**
     * Writes {@code <runDir>/live.html} ({@link RunFiles#LIVE_PAGE}), the night's live page: self-contained
     * (its scripts and styles inlined), it draws what {@link RunFiles#LIVE_DATA} beside it holds, reads
     * that again every second, and replaces itself with the report the data names once the night has ended.
     *
     * @param night the night's label, the page's title
     * @return the written page
     */
    Path livePage(Path runDir, String night) throws IOException;

    /** Rewrites {@code <reportsDir>/index.html}, the list of runs, plans and comparisons found there. */
    Path index(Path reportsDir) throws IOException;

    /**
     * The report on the classpath.
     *
     * @throws IllegalStateException naming the missing piece when no report is on the classpath
     */
    static RunPages load() {
        return ServiceLoader.load(RunPages.class, RunPages.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no report on the classpath (io.dropnight.report, registered in"
                        + " META-INF/services/" + RunPages.class.getName() + ")"));
    }
}
