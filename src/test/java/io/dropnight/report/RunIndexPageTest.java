package io.dropnight.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * reports/index.html lists every run newest first, by when it started (not by folder name), each
 * with its verdict from slo.json.
 */
class RunIndexPageTest {
    private static final Pattern ROW = Pattern.compile(
            "<tr><td><a href=\"([^\"]+)/index.html\">[^<]*</a></td><td>([^<]*)</td>.*?<span class=\"verdict (\\w+)\">");
    private static final String PASSED = "[{\"name\":\"errorPageRate\",\"passed\":true},"
            + "{\"name\":\"abandonment\",\"passed\":true}]";
    private static final String ONE_FAILED = "[{\"name\":\"errorPageRate\",\"passed\":true},"
            + "{\"name\":\"abandonment\",\"passed\":false}]";

    @TempDir
    Path reports;

    @Test
    void listsRunsNewestFirstWithTheirVerdicts() throws Exception {
        // Folder names sort the other way round from start times, so a sort by name fails.
        run("a-latest", "2026-11-24T03:00:00Z", PASSED);
        run("b-middle", "2026-11-24T02:00:00Z", ONE_FAILED);
        run("c-earliest", "2026-11-24T01:00:00Z", null);
        run("d-between", "2026-11-24T02:30:00Z", "[]");

        List<String> rows = rows(RunIndexPage.render(reports));

        assertEquals(List.of(
                "a-latest 2026-11-24T03:00:00Z pass",
                "d-between 2026-11-24T02:30:00Z none",
                "b-middle 2026-11-24T02:00:00Z fail",
                "c-earliest 2026-11-24T01:00:00Z none"), rows);
    }

    @Test
    void saysPassFailOrNoSlosInWords() throws Exception {
        run("r1", "2026-11-24T03:00:00Z", PASSED);
        run("r2", "2026-11-24T02:00:00Z", ONE_FAILED);
        run("r3", "2026-11-24T01:00:00Z", null);
        String html = RunIndexPage.render(reports);
        int pass = html.indexOf("</span> PASS</span>");
        int fail = html.indexOf("</span> FAIL</span>");
        int none = html.indexOf("</span> NO SLOS</span>");
        assertEquals(List.of(true, true, true), List.of(pass > 0, fail > pass, none > fail), html);
    }

    @Test
    void listsAnInconclusiveRunApartFromPassAndFail() throws Exception {
        run("r1", "2026-11-24T03:00:00Z", "{\"verdict\":\"inconclusive\",\"reasons\":[\"the load generator was saturated:"
                + " open files\"],\"slos\":" + ONE_FAILED + "}");
        run("r2", "2026-11-24T02:00:00Z", "{\"verdict\":\"fail\",\"reasons\":[],\"slos\":" + ONE_FAILED + "}");
        String html = RunIndexPage.render(reports);
        assertEquals(List.of("r1 2026-11-24T03:00:00Z inconclusive", "r2 2026-11-24T02:00:00Z fail"), rows(html));
        assertTrue(html.contains("</span> INCONCLUSIVE</span>"), html);
    }

    private void run(String folder, String startedAt, String slos) throws Exception {
        Path dir = Files.createDirectories(reports.resolve(folder));
        Files.writeString(dir.resolve("run.json"), "{\"runId\":\"" + folder + "\",\"night\":\"finale-drop\","
                + "\"policy\":\"fixed\",\"startedAt\":\"" + startedAt + "\"}");
        if (slos != null) {
            Files.writeString(dir.resolve("slo.json"), slos);
        }
    }

    private static List<String> rows(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        return out;
    }
}
