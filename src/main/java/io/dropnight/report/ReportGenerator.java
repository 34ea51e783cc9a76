package io.dropnight.report;

import io.dropnight.runfolder.AtomicFiles;

import io.dropnight.runfolder.RunFileException;

import io.dropnight.runfolder.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the self-contained HTML reports: a run's {@code index.html}, comparison pages and the
 * {@code reports/index.html} list of runs. Every input is read and validated before anything is
 * written, and each page is written to a temporary file then moved into place, so a bad input
 * leaves every existing page as it was. Stateless apart from its clock; thread-safe.
 */
public final class ReportGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(ReportGenerator.class);
    private static final DateTimeFormatter COMPARE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;

    /** @param clock names comparison pages ({@code compare-<UTC timestamp>.html}) */
    public ReportGenerator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes {@code <runDir>/index.html} and refreshes the run list in the run folder's parent; what
     * the simulations call after a run.
     *
     * @return the written page
     * @throws RunFileException when the run folder is missing or holds a corrupt file; nothing is written
     * @throws IOException          when a page cannot be written
     */
    public static Path generate(Path runDir) throws RunFileException, IOException {
        return new ReportGenerator(Clock.systemUTC()).runReport(runDir);
    }

    /** As {@link #generate(Path)}. */
    public Path runReport(Path runDir) throws RunFileException, IOException {
        RunData data = RunReader.read(runDir);
        String html = RunPage.render(RunModel.of(data));
        Path page = AtomicFiles.write(runDir.resolve(RunFiles.INDEX_PAGE), html);
        writeIndex(reportsRoot(runDir));
        LOG.info("wrote {}", page);
        return page;
    }

    /**
     * Writes a comparison of several runs and refreshes the run list next to it.
     *
     * @param out the page to write, or null for {@code compare-<UTC timestamp>.html} in the first
     *            run's parent folder
     */
    public Path comparison(List<Path> runDirs, Path out) throws RunFileException, IOException {
        if (runDirs.isEmpty()) {
            throw new RunFileException("no run folders to compare");
        }
        List<RunModel> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            runs.add(RunModel.of(RunReader.read(dir)));
        }
        Path target = out != null ? out
                : reportsRoot(runDirs.get(0)).resolve("compare-" + COMPARE_STAMP.format(clock.instant()) + ".html");
        Path outDir = target.toAbsolutePath().getParent();
        String html = ComparisonPage.render(runs, outDir);
        Path page = AtomicFiles.write(target, html);
        writeIndex(outDir);
        LOG.info("wrote {}", page);
        return page;
    }

    /** Rewrites {@code <reportsRoot>/index.html} from the run folders found there. */
    public Path writeIndex(Path reportsRoot) throws IOException {
        return AtomicFiles.write(reportsRoot.resolve(RunFiles.INDEX_PAGE), RunIndexPage.render(reportsRoot));
    }

    private static Path reportsRoot(Path runDir) {
        return runDir.toAbsolutePath().normalize().getParent();
    }
}
