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
 * with its verdict from slo.json; and every plan the same way, each search with its outcome and
 * answer from plan.json.
 */
class RunIndexPageTest {
    private static final Pattern ROW = Pattern.compile(
            "<tr><td><a href=\"([^\"]+)/index.html\">[^<]*</a></td><td>([^<]*)</td>.*?<span class=\"verdict (\\w+)\">");
    private static final Pattern PLAN_ROW = Pattern.compile(
            "<tr><td><a href=\"([^\"]+)/plan.html\">[^<]*</a></td><td>(.*?)</tr>");
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

    @Test
    void listsPlansNewestFirstWithEachSearchsOutcomeAndAnswerBesideTheRuns() throws Exception {
        run("r1", "2026-11-24T03:00:00Z", PASSED);
        // Start times in neither order of the folder names, so a sort by name either way fails.
        plan("plan-20261125-070000-capacity", "capacity", "2026-11-25T06:00:00Z",
                search("fixed", "0.25", "slots", "answer", "96.0") + "," + search("adaptive", "0.25", "slots", "never-passes", "null"));
        plan("plan-20261125-060000-breakpoint", "breakpoint", "2026-11-25T07:00:00Z",
                search("fixed", "0.5", "audience", "band", "2.8284271247461903"));
        plan("plan-20261125-080000-capacity", "capacity", "2026-11-25T06:30:00Z", "");
        Files.createDirectories(reports.resolve("plan-20261125-090000-capacity")); // no plan.json yet: not a plan

        String html = RunIndexPage.render(reports);

        assertEquals(List.of("r1 2026-11-24T03:00:00Z pass"), rows(html), "runs are still listed, and plans are not runs");
        assertEquals(List.of(
                "plan-20261125-060000-breakpoint 2026-11-25T07:00:00Z breakpoint finale-drop"
                        + " | policy fixed, scale 0.5: band, answer 2.828 audience",
                "plan-20261125-080000-capacity 2026-11-25T06:30:00Z capacity finale-drop no search finished yet",
                "plan-20261125-070000-capacity 2026-11-25T06:00:00Z capacity finale-drop"
                        + " | policy fixed, scale 0.25: answer, answer 96 slots | policy adaptive, scale 0.25: never-passes, no answer"),
                plans(html));
        assertTrue(html.contains("1 runs and 3 plans, newest first."), html);
    }

    @Test
    void aPlanWhosePlanJsonCannotBeReadIsListedAsUnreadableWithoutHidingTheOthers() throws Exception {
        run("r1", "2026-11-24T03:00:00Z", PASSED);
        plan("plan-20261125-070000-capacity", "capacity", "2026-11-25T07:00:00Z", search("fixed", "1", "slots", "answer", "40"));
        Files.createDirectories(reports.resolve("plan-20261125-080000-capacity"));
        Files.writeString(reports.resolve("plan-20261125-080000-capacity/plan.json"), "{\"mode\":\"capacity\",\"searches\":[");
        Files.createDirectories(reports.resolve("plan-20261125-090000-capacity"));
        Files.writeString(reports.resolve("plan-20261125-090000-capacity/plan.json"), "[]");

        String html = RunIndexPage.render(reports);

        assertEquals(List.of("r1 2026-11-24T03:00:00Z pass"), rows(html));
        assertEquals(List.of(
                "plan-20261125-070000-capacity 2026-11-25T07:00:00Z capacity finale-drop | policy fixed, scale 1: answer, answer 40 slots",
                "plan-20261125-080000-capacity ? ? ? UNREADABLE",
                "plan-20261125-090000-capacity ? ? ? UNREADABLE"), plans(html));
    }

    private static String search(String policy, String scale, String axis, String outcome, String answer) {
        return "{\"policy\":\"" + policy + "\",\"scale\":" + scale + ",\"axis\":\"" + axis + "\",\"outcome\":\"" + outcome
                + "\",\"answer\":" + answer + ",\"band\":{\"low\":null,\"high\":null},\"confirmed\":false,"
                + "\"summary\":\"s\",\"elapsedSeconds\":61.2,\"perThousandViewers\":{\"slots\":null},\"projection\":null,"
                + "\"probes\":[]}";
    }

    /** A plan folder with plan.json as PlanJson writes it (README, "Plan capacity"). */
    private void plan(String folder, String mode, String startedAt, String searches) throws Exception {
        Path dir = Files.createDirectories(reports.resolve(folder));
        Files.writeString(dir.resolve("plan.json"), "{\"mode\":\"" + mode + "\",\"night\":\"finale-drop\",\"compression\":20.0,"
                + "\"resolution\":0.05,\"startedAt\":\"" + startedAt + "\",\"elapsedSeconds\":240.0,\"audience\":null,"
                + "\"searches\":[" + searches + "],\"scaleCheck\":[]}");
        Files.writeString(dir.resolve("plan.html"), "<!DOCTYPE html>");
    }

    /** Each plan row as "folder started mode night | search | search", its text without markup. */
    private static List<String> plans(String html) {
        int at = html.indexOf("<h2 id=\"plans\">Plans</h2>");
        assertTrue(at >= 0, html);
        String table = html.substring(at, html.indexOf("</table>", at));
        List<String> out = new ArrayList<>();
        Matcher m = PLAN_ROW.matcher(table);
        while (m.find()) {
            String cells = m.group(2).replace("</td><td>", " ").replace("<div class=\"search\">", " | ").replaceAll("<[^>]+>", "")
                    .replaceAll("[\u2013\u2714\u2718]", "").replaceAll("\\s+", " ").trim();
            out.add(m.group(1) + " " + cells);
        }
        return out;
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
