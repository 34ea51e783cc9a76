package io.dropnight.report;

import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness finds the report through RunPages, registered by this package: the run's page and the index. */
class ReportPagesTest {

    @Test
    void theReportIsFoundAndWritesTheRunsPageAndTheIndex(@TempDir Path reports) throws Exception {
        RunPages pages = RunPages.load();
        assertInstanceOf(ReportPages.class, pages);
        Path runs = Fixtures.copyRuns(reports);
        Path run = runs.resolve(Fixtures.NONE);
        Path page = pages.runPage(run);
        assertEquals(run.resolve(RunFiles.INDEX_PAGE).toAbsolutePath(), page.toAbsolutePath());
        assertTrue(Files.readString(page).contains("<html"), "a page was written");
        assertTrue(Files.exists(pages.index(runs)), "the index was written");
    }
}
