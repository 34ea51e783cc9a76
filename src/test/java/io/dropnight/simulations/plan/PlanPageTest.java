package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;

import io.dropnight.runfolder.SloResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * plan.json's per-1,000 figures, projection and two-scale check from known probes, and plan.html
 * from it: escaped, self-contained, and opened in headless Chromium.
 */
class PlanPageTest {
    @TempDir
    Path planDir;

    /** A capacity search answered at {@code answer} slots over {@code below}, its probes' figures given. */
    private PlanEntry entry(double scale, int answer, int below, long arrivals, double peak, String reason) {
        List<ProbeResult> probes = new ArrayList<>();
        Map<Path, ProbeFigures> figures = new HashMap<>();
        int n = 0;
        for (int v : new int[] {answer, below, answer, below}) {
            boolean pass = v == answer;
            Path run = planDir.resolve("probes/fixed-scale-" + scale + "/" + (++n) + "/run");
            probes.add(new ProbeResult(v, pass ? RunVerdict.PASS : RunVerdict.FAIL, List.of(reason),
                    List.of(new SloResult("errorPageRate", "errorPageRate", "<=", 1.0, pass ? 0.5 : 2.0, "%", pass)), Optional.of(run), Duration.ofSeconds(30)));
            figures.put(run, new ProbeFigures(OptionalLong.of(arrivals), OptionalDouble.of(peak)));
        }
        PlanResult r = new PlanResult(Axis.capacity(1, 4096), PlanResult.Outcome.ANSWER, OptionalDouble.of(answer),
                OptionalDouble.of(below), OptionalDouble.of(answer), true, "least passing slots <b>", probes, Duration.ofMinutes(2));
        return new PlanEntry("fixed", scale, 64, r, figures);
    }

    private ObjectNode plan() {
        List<PlanEntry> entries = List.of(entry(0.25, 48, 46, 2_500, 3_000, "<script>alert(1)</script>"),
                entry(1, 40, 38, 10_000, 11_000, "ok"));
        return PlanJson.of(new PlanJson.Header(PlanParameters.Mode.CAPACITY, "finale-drop", 20, 0.05, Optional.of(Duration.ofMinutes(12)), OptionalLong.of(5_000_000),
                Instant.parse("2026-11-25T07:00:00Z"), Duration.ofMinutes(4)), entries, planDir);
    }

    @Test
    void statesPerThousandFiguresTheProjectionAndTheTwoScaleRatio() {
        JsonNode plan = plan();
        JsonNode small = plan.path("searches").path(0);
        // 48 full-size slots for 2,500 arrivals at scale 0.25, that is 10,000 full-size viewers
        assertEquals(4.8, small.path("perThousandViewers").path("slots").asDouble(), 1e-9);
        assertEquals(1200, small.path("perThousandViewers").path("requestsPerSecondAtPeak").asDouble(), 1e-9);
        assertEquals(24_000, small.path("projection").path("slots").asDouble(), 1e-9);
        assertEquals(6_000_000, small.path("projection").path("requestsPerSecondAtPeak").asDouble(), 1e-6);
        JsonNode check = plan.path("scaleCheck").path(0);
        assertEquals(4.8, check.path("slotsPerThousandAtSmall").asDouble(), 1e-9);
        assertEquals(4.0, check.path("slotsPerThousandAtLarge").asDouble(), 1e-9);
        assertEquals(1.2, check.path("ratio").asDouble(), 1e-9);
        assertEquals("probes/fixed-scale-0.25/1/run", small.path("probes").path(0).path("runFolder").asText());
        assertEquals(20, plan.path("compression").asDouble());
    }

    /** A capacity search answered by its estimate, on a simulated night: one SLO near its bound, one far below it. */
    private static PlanEntry estimated() {
        KnownCurveNight night = new KnownCurveNight(4, new KnownCurveNight.Curve("errorPageRate", 78, 8, 0.46),
                new KnownCurveNight.Curve("p99<script>", 20, 4, 0.1));
        PlanResult r = new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, night, line -> { }, () -> night.nanos,
                Optional.of(Duration.ofMinutes(7)), Optional.of(new CapacityEstimator(0.95, 0.05, CurvePrior.DEFAULT, 2026))).run();
        return new PlanEntry("fixed", 1, 64, r, Map.of());
    }

    private ObjectNode estimatedPlan() {
        return PlanJson.of(new PlanJson.Header(PlanParameters.Mode.CAPACITY, "finale-drop", 20, 0.05, Optional.of(Duration.ofMinutes(7)),
                OptionalLong.empty(), Instant.parse("2026-12-07T07:00:00Z"), Duration.ofMinutes(7), 0.95), List.of(estimated()), planDir);
    }

    @Test
    void planJsonGivesTheEstimatePerSloWithEveryFigureAndBothCapacities() {
        JsonNode plan = estimatedPlan();
        JsonNode search = plan.path("searches").path(0);
        JsonNode e = search.path("estimate");
        assertEquals(0.95, plan.path("confidence").asDouble());
        assertEquals("estimate", search.path("outcome").asText(), search.toString());
        assertTrue(e.path("supported").asBoolean() && e.path("reason").isNull(), e.toString());
        assertEquals(search.path("answer").asDouble(), e.path("answer").asDouble());
        assertEquals(Math.round(e.path("atHalf").asDouble()), search.path("band").path("low").asDouble());
        assertTrue(e.path("atAnswer").path("atLeast").asDouble() >= 0.95, e.toString());
        assertTrue(e.path("stepBelow").path("slots").asDouble() < e.path("answer").asDouble(), e.toString());
        assertEquals(2026, e.path("seed").asLong());
        assertEquals(0.5, e.path("prior").path("scatterScale").asDouble());
        assertEquals(0.85, e.path("prior").path("sloCorrelation").asDouble(), "the SLOs' shared scatter, stated");
        JsonNode rate = e.path("slos").path(0);
        assertEquals("errorPageRate", rate.path("name").asText());
        assertTrue(rate.path("modelled").asBoolean());
        assertTrue(rate.path("slope").path("low").asDouble() < rate.path("slope").path("median").asDouble(), rate.toString());
        assertTrue(rate.path("scatter").path("median").asDouble() > 0, rate.toString());
        assertEquals(search.path("probes").size(), rate.path("figures").size(), "every probe's figure");
        assertTrue(rate.path("atHalf").asDouble() < rate.path("atConfidence").asDouble(), rate.toString());
        JsonNode p99 = e.path("slos").path(1);
        assertFalse(p99.path("modelled").asBoolean());
        assertTrue(p99.path("note").asText().contains("counted as passing"), p99.toString());
    }

    @Test
    void thePageSaysWhatTheEstimateMeansWithOneFittedChartPerModelledSlo() {
        JsonNode plan = estimatedPlan();
        String html = PlanPage.render(plan);
        JsonNode e = plan.path("searches").path(0).path("estimate");
        assertTrue(html.contains("<h2>Estimate from the figures: policy fixed, scale 1</h2>"), html);
        assertTrue(html.contains("<p><b>" + PlanPage.num(e.path("answer").asDouble()) + " slots</b>: a night passes every SLO"
                + " with probability at least 95 %"), html);
        assertTrue(html.contains("p99&lt;script&gt;") && !html.contains("<script"), "escaped, and still no script");
        assertEquals(3, html.split("<svg", -1).length - 1, "one chart per SLO's figures, and the fitted one of errorPageRate");
        assertTrue(html.contains("errorPageRate: actual / bound against slots (log scales)"));
        assertTrue(html.contains("The SLOs are read as sharing one night's scatter with correlation 0.85"), html);
        // the coin toss to a tenth of a slot, and how it is checked
        assertTrue(html.contains("About half the nights pass at " + PlanPage.num(Math.round(e.path("atHalf").asDouble() * 10) / 10.0)
                + " slots (plan-check's <code>-Dcheck.at=half</code> re-runs the whole slots either side); across the band "
                + PlanPage.num(Math.round(e.path("atHalf").asDouble())) + "–"), html);
    }

    @Test
    void thePageEscapesWhatItShowsAndFetchesNothing() {
        String html = PlanPage.render(plan());
        assertTrue(html.contains("least passing slots &lt;b&gt;"), "a summary's markup is escaped, not dropped");
        assertFalse(html.contains("<script"), "no script at all");
        assertFalse(html.contains("src=") || html.contains("<link"), "nothing fetched");
        assertEquals(1, html.split("<svg", -1).length - 1, "one chart per SLO");
        assertTrue(html.contains("5,000,000 viewers need"));
        assertTrue(html.contains("href=\"probes/fixed-scale-0.25/1/run/index.html\""));
    }

    @Test
    void opensInHeadlessChromiumWithEveryChartAndNoConsoleOutput() throws Exception {
        // skipped without a browser, failed under CI=true (as the report pages' browser test)
        Path chromium = ExternalTool.require("chromium", "chromium", "chromium-browser", "google-chrome");
        Path page = planDir.resolve("plan.html");
        PlanPage.write(page, plan());
        Path profile = Files.createTempDirectory(planDir, "profile");
        Path stdout = planDir.resolve("dom.html");
        Path stderr = planDir.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        assertEquals(0, p.exitValue(), Files.readString(stderr));
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        assertEquals(1, dom.split("<svg", -1).length - 1, "the chart is in the rendered DOM");
        assertTrue(dom.contains("<circle"), "probes are drawn");
        List<String> console = Files.readString(stderr).lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertTrue(console.isEmpty(), () -> "console output: " + console);
    }
}
