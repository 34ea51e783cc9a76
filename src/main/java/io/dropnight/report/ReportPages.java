package io.dropnight.report;

import io.dropnight.runfolder.AtomicFiles;
import io.dropnight.runfolder.RunFileException;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunPages;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** The report's side of {@link RunPages}, registered in {@code META-INF/services}. Stateless. */
public final class ReportPages implements RunPages {

    @Override
    public Path runPage(Path runDir) throws RunFileException, IOException {
        return ReportGenerator.generate(runDir);
    }

    @Override
    public Path livePage(Path runDir, String night) throws IOException {
        return AtomicFiles.write(runDir.resolve(RunFiles.LIVE_PAGE), LivePageShell.render(night));
    }

    @Override
    public Path index(Path reportsDir) throws IOException {
        return new ReportGenerator(Clock.systemUTC()).writeIndex(reportsDir);
    }
}
