package io.dropnight.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropnight.cli.ReportCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    Path reports;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void copyRuns() throws Exception {
        Fixtures.copyRuns(reports);
    }

    private int run(String... args) {
        return new CommandLine(new ReportCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    private String dir(String runId) {
        return reports.resolve(runId).toString();
    }

    @Test
    void rebuildsOneRunsReportAndTheListOfRuns() throws Exception {
        assertEquals(0, run(dir(Fixtures.NONE)), err::toString);
        String page = Files.readString(reports.resolve(Fixtures.NONE).resolve("index.html"));
        assertTrue(page.contains("Run 20261124-015950-premiere-none"));
        assertTrue(page.contains("Chart.js v"), "Chart.js is inlined");
        assertFalse(page.contains("src=\"http"), "no network");
        String index = Files.readString(reports.resolve("index.html"));
        assertTrue(index.indexOf(Fixtures.NONE) > 0 && index.indexOf(Fixtures.PRIORITY) > 0, index);
        assertEquals("", err.toString());
    }

    @Test
    void writesAComparisonWhereToldAndListsItInTheIndex() throws Exception {
        Path compare = reports.resolve("compare-night.html");
        assertEquals(0, run("--out", compare.toString(), dir(Fixtures.NONE), dir(Fixtures.PRIORITY)), err::toString);
        String page = Files.readString(compare);
        assertTrue(page.contains("Which runs meet the SLOs"));
        assertTrue(page.contains("href=\"" + Fixtures.PRIORITY + "/index.html\""), "links are relative");
        assertTrue(Files.readString(reports.resolve("index.html")).contains("compare-night.html"));
    }

    /** Any name given with --out: the index finds the page by its title, and lists no other page. */
    @Test
    void listsAComparisonWrittenUnderAnyNameButNoOtherPage() throws Exception {
        Files.writeString(reports.resolve("notes.html"), "<!DOCTYPE html><html><head><title>Notes</title></head></html>");
        Path compare = reports.resolve("policies-none-vs-priority.html");
        assertEquals(0, run("--out", compare.toString(), dir(Fixtures.NONE), dir(Fixtures.PRIORITY)), err::toString);
        String index = Files.readString(reports.resolve("index.html"));
        assertTrue(index.contains("<li><a href=\"policies-none-vs-priority.html\">"), index);
        assertFalse(index.contains("notes.html"), index);
        assertFalse(index.contains("href=\"index.html\""), index);
    }

    @Test
    void namesAComparisonAfterTheTimeWhenNotTold() throws Exception {
        assertEquals(0, run(dir(Fixtures.NONE), dir(Fixtures.PRIORITY)), err::toString);
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().matches("compare-\\d{8}-\\d{6}\\.html")).count());
        }
    }

    @Test
    void exitsWithTwoAndOneLineForAMissingRunFolder() {
        assertEquals(2, run(reports.resolve("no-such-run").toString()));
        assertEquals(1, err.toString().lines().count(), err::toString);
        assertTrue(err.toString().contains("no such run folder"), err::toString);
        assertFalse(Files.exists(reports.resolve("index.html")), "nothing written");
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("server.hlog", "#[StartTime: 1.0]\nTag=x,0.0,1.0,2.0,NOT-BASE64!!\n"),
                Arguments.of("client.hlog", "garbage, more garbage\n"),
                Arguments.of("run.json", "{\"runId\": "),
                Arguments.of("slo.json", "{\"not\": \"a list\"}"));
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void overwritesNothingWhenOneOfSeveralRunsIsCorrupt(String file, String content) throws Exception {
        assertEquals(0, run(dir(Fixtures.NONE)));
        byte[] runPage = Files.readAllBytes(reports.resolve(Fixtures.NONE).resolve("index.html"));
        byte[] index = Files.readAllBytes(reports.resolve("index.html"));
        Files.writeString(reports.resolve(Fixtures.PRIORITY).resolve(file), content);
        err.getBuffer().setLength(0);

        assertEquals(2, run(dir(Fixtures.NONE), dir(Fixtures.PRIORITY)));
        assertEquals(1, err.toString().lines().count(), err::toString);
        assertTrue(err.toString().contains(file), err::toString);
        assertArrayEquals(index, Files.readAllBytes(reports.resolve("index.html")));
        assertEquals(2, run(dir(Fixtures.PRIORITY)));
        assertArrayEquals(runPage, Files.readAllBytes(reports.resolve(Fixtures.NONE).resolve("index.html")));
        assertFalse(Files.exists(reports.resolve(Fixtures.PRIORITY).resolve("index.html")));
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("compare-")).count());
        }
    }

    @Test
    void rejectsAFolderWithoutRunFiles() throws Exception {
        Files.createDirectories(reports.resolve("empty"));
        assertEquals(2, run(reports.resolve("empty").toString()));
        assertTrue(err.toString().contains("not a run folder"), err::toString);
    }
}
