package io.dropnight.simulations.plan;

import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;

import io.dropnight.runfolder.RunVerdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner end to end: bad flags stop with one line before any night runs; one short real
 * capacity plan (each probe a Gatling night in its own JVM) whose answer passed and whose step below
 * failed, read back from their own run folders.
 *
 * <p>Isolated: its probes' verdicts, near the threshold, decide the answer, so no other night shares
 * the machine with them (failsafe runs night classes two at a time).
 */
@Tag("night")
@Isolated
class PlannerTest {
    @TempDir
    Path reports;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("reportsDir", reports.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Planner.run(p, Planner.testClasspath(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "plan|foo|dropnight plan: plan = foo: must be capacity or breakpoint",
        "plan.resolution|0|dropnight plan: plan.resolution = 0: must be a fraction above 0 and at most 0.5, such as 0.05 (5 %)",
        "audience|-5|dropnight plan: audience = -5: must be a whole number of viewers, at least 1",
        "target|http://127.0.0.1:9|dropnight plan: plan = capacity: needs the embedded service (the harness cannot change an"
                + " external target's capacity): use -Dplan=breakpoint with -Dtarget",
        "scale|-1|dropnight plan: scale = -1: must be a number from 0.001 to 100",
        "plan.budget|0|dropnight plan: plan.budget = 0: must be a duration from 1m to 24h, such as 12m or 90m, or none",
        "plan.confidence|0.99.9|dropnight plan: plan.confidence = 0.99.9: must be a probability above 0.5 and below 1, such as 0.95",
        "rehearsal|0|dropnight plan: rehearsal = 0: must be a whole number of viewers from 1 to 100,000,000",
        "night|nowhere.yml|dropnight plan: night = nowhere.yml: the night file does not exist",
    })
    void badFlagsStopWithOneLineAndExitTwoBeforeAnyNight(String key, String value, String line) throws Exception {
        List<String> kv = new ArrayList<>(List.of("plan", "capacity"));
        kv.addAll(List.of(key, value));
        assertEquals(Planner.EXIT_BAD_PARAMETER, plan(kv.toArray(String[]::new)));
        assertEquals(line + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        try (Stream<Path> left = Files.list(reports)) {
            assertEquals(0, left.count(), "nothing written");
        }
    }

    @Test
    void withoutDashDPlanThePlannerSaysWhatItNeeds() {
        assertEquals(Planner.EXIT_BAD_PARAMETER, plan());
        assertEquals("dropnight plan: plan = (not set): must be capacity or breakpoint" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aShortRealCapacityPlanAnswersWithAPassAndAFailOneStepBelowFromTheirRunFolders() throws Exception {
        // A small, fast finale drop: 0.1 scale, compressed 100x, capacity near 128-256 full-size slots,
        // in a 1-minute budget, so that it ends at its first safe answer (a supported estimate or a
        // pass by two votes) rather than settling it: the parts are PlanSearchTest's, this is the whole.
        // Its latency SLOs are relaxed: at this compression the 2-core injector, not the service,
        // decides client-side latency (issue 9), while error pages and abandonment are the service's.
        int status = assertTimeoutPreemptively(Duration.ofMinutes(9), () -> plan("plan", "capacity",
                "night", "finale-drop", "scale", "0.1", "compression", "100", "dropOffset", "4s", "maxRefreshes", "2",
                "slots", "192", "plan.resolution", "0.3", "plan.maxSlots", "1024", "audience", "2000000",
                "slo.playbackStartP99Ms", "60000", "slo.timeToPlayP95Ms", "60000", "plan.budget", "1m"));
        String console = out.toString(StandardCharsets.UTF_8);
        System.out.print(console); // the plan's own lines, for the build log
        assertEquals(0, status, console + err.toString(StandardCharsets.UTF_8));

        Path planDir;
        try (Stream<Path> dirs = Files.list(reports)) {
            planDir = dirs.filter(d -> d.getFileName().toString().startsWith("plan-")).findFirst().orElseThrow();
        }
        JsonNode plan = new ObjectMapper().readTree(planDir.resolve("plan.json").toFile());
        JsonNode search = plan.path("searches").path(0);
        assertEquals("capacity", plan.path("mode").asText());
        // the least budget: the search stops at its first safe answer (PlanParametersTest holds the 6-minute default)
        assertEquals(60, plan.path("budgetSeconds").asDouble(), "the budget asked");
        String outcome = search.path("outcome").asText();
        assertTrue(List.of("estimate", "answer", "band").contains(outcome), search.toString());
        assertEquals(0.95, plan.path("confidence").asDouble(), "the default confidence");
        double answer = search.path("answer").asDouble();
        double below = search.path("band").path("low").asDouble();
        assertTrue(below < answer, search.toString());
        int passesAtAnswer = 0;
        int failsBelow = 0;
        int passes = 0;
        int fails = 0;
        for (JsonNode probe : search.path("probes")) {
            Path run = planDir.resolve(probe.path("runFolder").asText());
            SloReport reading = SloFiles.read(run.resolve("slo.json"));
            assertEquals(probe.path("verdict").asText(), reading.verdict().jsonName(), "plan.json agrees with " + run);
            assertTrue(Files.isRegularFile(run.resolve("index.html")), "each probe has its run page: " + run);
            passesAtAnswer += probe.path("value").asDouble() == answer && reading.verdict() == RunVerdict.PASS ? 1 : 0;
            failsBelow += probe.path("value").asDouble() == below && reading.verdict() == RunVerdict.FAIL ? 1 : 0;
            passes += reading.verdict() == RunVerdict.PASS ? 1 : 0;
            fails += reading.verdict() == RunVerdict.FAIL ? 1 : 0;
        }
        JsonNode estimate = search.path("estimate");
        if (outcome.equals("estimate")) {
            // the answer comes from the figures: its probability, the capacity passing half the time, both named
            assertTrue(estimate.path("supported").asBoolean() && passes >= 1 && fails >= 1, search.toString());
            assertTrue(estimate.path("atAnswer").path("atLeast").asDouble() >= 0.95, estimate.toString());
            assertTrue(console.contains(", scale 0.1: answer " + PlanFormat.number(answer) + " slots, passing 95 % of nights or more"),
                    console);
        } else {
            assertFalse(estimate.path("supported").asBoolean(), estimate.toString());
            assertTrue(search.path("summary").asText().startsWith("fallback to the votes (no fit: "), search.toString());
            assertTrue(passesAtAnswer >= 1 && failsBelow >= 1, "a pass at the answer and a fail one step below: " + search);
        }
        assertTrue(search.path("perThousandViewers").path("slots").asDouble() > 0, search.toString());
        assertTrue(search.path("projection").path("slots").asDouble() > 0, search.toString());
        assertTrue(console.contains("2,000,000 viewers need about"), console);
        long probeLines = console.lines().filter(l -> l.startsWith("plan probe ")).count();
        assertEquals(search.path("probes").size(), probeLines, console);

        String html = Files.readString(planDir.resolve("plan.html"));
        assertTrue(html.contains("<svg") && html.contains("/index.html\""), "charts and links to every run page");
        assertFalse(html.contains("<script src") || html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"),
                "self-contained");
    }
}
