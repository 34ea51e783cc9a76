package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;

import io.dropnight.runfolder.SloResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner lists its plan in reports/index.html each time it writes plan.json, read back from
 * the plan.json it wrote (PlanJson's schema, read by the report side without depending on it);
 * without a real plan run (PlannerTest runs one).
 */
class PlannerIndexTest {
    @TempDir
    Path reports;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static PlanEntry answered(Path planDir, int answer) {
        Path run = planDir.resolve("probes/fixed-scale-0.25/01-slots-" + answer + "/run");
        ProbeResult probe = new ProbeResult(answer, RunVerdict.PASS, List.of(), List.of(new SloResult("errorPageRate", "errorPageRate", "<=", 1.0, 0.5, "%", true)),
                Optional.of(run), Duration.ofSeconds(30));
        PlanResult r = new PlanResult(Axis.capacity(1, 4096), PlanResult.Outcome.ANSWER, OptionalDouble.of(answer),
                OptionalDouble.of(answer - 2), OptionalDouble.of(answer), true, "least passing slots", List.of(probe), Duration.ofMinutes(2));
        return new PlanEntry("fixed", 0.25, 64, r, Map.of());
    }

    private static PlanJson.Header header() {
        return new PlanJson.Header(PlanParameters.Mode.CAPACITY, "finale-drop", 20, 0.05, Optional.of(Duration.ofMinutes(12)), OptionalLong.empty(),
                Instant.parse("2026-11-25T07:00:00Z"), Duration.ofMinutes(4));
    }

    private PrintStream errStream() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    @Test
    void writingThePlanListsItInTheReportsIndexBesideTheRuns() throws Exception {
        Path run = Files.createDirectories(reports.resolve("20261124-030000-finale-drop"));
        Files.writeString(run.resolve("run.json"), "{\"runId\":\"r1\",\"night\":\"finale-drop\",\"policy\":\"fixed\","
                + "\"startedAt\":\"2026-11-24T03:00:00Z\"}");
        Path planDir = Files.createDirectories(reports.resolve("plan-20261125-070000-capacity"));

        Planner.writeFiles(planDir, header(), List.of(answered(planDir, 48)), errStream());

        String index = Files.readString(reports.resolve("index.html"));
        assertTrue(index.contains("<a href=\"plan-20261125-070000-capacity/plan.html\">"), index);
        assertTrue(index.contains("policy fixed, scale 0.25: <span class=\"outcome\">answer</span>, answer"
                + " <span class=\"answer\">48</span> slots"), index);
        assertTrue(index.contains("<a href=\"20261124-030000-finale-drop/index.html\">r1</a>"), "the runs are still listed");
        assertEquals("", err.toString(StandardCharsets.UTF_8));

        // after the next search, the index shows what plan.json now says
        Planner.writeFiles(planDir, header(), List.of(answered(planDir, 48), answered(planDir, 52)), errStream());
        assertTrue(Files.readString(reports.resolve("index.html")).contains("<span class=\"answer\">52</span>"));
    }

    @Test
    void anIndexThatCannotBeRewrittenIsOneLineAndThePlanStands() throws Exception {
        Files.createDirectories(reports.resolve("index.html").resolve("in-the-way"));
        Path planDir = Files.createDirectories(reports.resolve("plan-20261125-070000-capacity"));

        Planner.writeFiles(planDir, header(), List.of(answered(planDir, 48)), errStream());

        assertTrue(Files.isRegularFile(planDir.resolve("plan.json")) && Files.isRegularFile(planDir.resolve("plan.html")));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("dropnight plan: could not rewrite " + reports.toAbsolutePath().resolve("index.html") + ": "),
                lines.get(0));
    }
}
