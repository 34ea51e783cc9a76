package io.dropnight.report;

import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness finds the report through RunPages, registered by this package: the run's page, its live page and the index. */
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

    @Test
    void writesTheLivePageWithTheNightsLabelEscaped(@TempDir Path run) throws Exception {
        Path page = RunPages.load().livePage(run, "<script>alert(1)</script>");
        assertEquals(run.resolve(RunFiles.LIVE_PAGE).toAbsolutePath(), page.toAbsolutePath());
        String html = Files.readString(page);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the label, escaped");
        assertFalse(html.contains("<script>alert(1)"), "never as markup");
        assertEquals(2, html.split("</script>", -1).length - 1, "Chart.js and the page's script, inlined");
        assertTrue(html.contains("data-live-source=\"" + RunFiles.LIVE_DATA + "\""), "it reads the data file beside it");
        assertEquals(LivePageShell.CHARTS.size(), html.split("<canvas ", -1).length - 1);
    }
}
