package io.dropnight.simulations.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;
import io.dropnight.simulations.plan.KnownCurveNight.Curve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/plan-check.sh's parts: the re-runs' tally, the pass-rate line, and what a plan can be checked for. */
class PlanCheckTest {
    @TempDir
    Path planDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PrintStream out() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static List<PassRate> twoCapacities() {
        return List.of(new PassRate(90, "answer", 0, 0, 0.99, 0.95), new PassRate(80, "one step below", 0, 0, 0.6, 0.3));
    }

    @Test
    void reRunsAlternateTheTwoCapacitiesAndCountEachPass() {
        // met half the time at 80 slots, nearly always at 90
        KnownCurveNight night = new KnownCurveNight(3, new Curve("errorPageRate", 80, 8, 0.3));
        PlanCheck.Tally t = PlanCheck.tally(twoCapacities(), 5, Duration.ofHours(1), night, () -> night.nanos, out());

        assertEquals(List.of(90.0, 80.0, 90.0, 80.0, 90.0, 80.0, 90.0, 80.0, 90.0, 80.0), night.tried);
        for (int k = 0; k < 2; k++) {
            PassRate r = t.rates().get(k);
            assertEquals(5, r.runs());
            assertEquals(t.verdicts().get(k).stream().filter("pass"::equals).count(), r.passes(), t.verdicts().toString());
        }
        assertEquals("", t.stopped());
        assertEquals(10, out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("plan check ")).count());
    }

    @Test
    void theBudgetEndsTheReRunsBeforeANightThatWouldOutlastItAndSaysSo() {
        KnownCurveNight night = new KnownCurveNight(3, new Curve("errorPageRate", 80, 8, 0.3)); // a minute a night
        PlanCheck.Tally t = PlanCheck.tally(twoCapacities(), 10, Duration.ofMinutes(3), night, () -> night.nanos, out());

        assertEquals(3, night.tried.size(), night.tried.toString());
        assertTrue(t.stopped().startsWith("out of time (budget 3m00s; elapsed 3m00s"), t.stopped());
    }

    @Test
    void anInconclusiveNightIsNoVote() {
        PlanSearch.Probe inconclusive = v -> new ProbeResult(v, RunVerdict.INCONCLUSIVE, List.of("load generator saturated"), List.of(),
                Optional.empty(), Duration.ofMinutes(1));
        PlanCheck.Tally t = PlanCheck.tally(twoCapacities(), 2, Duration.ofHours(1), inconclusive, () -> 0, out());

        assertEquals(0, t.rates().get(0).runs());
        assertEquals(List.of("inconclusive", "inconclusive"), t.verdicts().get(0));
    }

    @Test
    void aPassRateSaysHowLittleTenNightsTell() {
        PassRate r = new PassRate(86, "answer", 9, 10, 0.987, 0.95);
        double[] ci = r.interval();
        assertEquals(0.5958, ci[0], 1e-3); // Wilson's interval for 9 of 10
        assertEquals(0.9821, ci[1], 1e-3);
        assertEquals("answer, 86 slots: passed 9 of 10 (90 %; 95 % interval 59.6 %–98.2 %); the plan predicted 98.7 %, at least 95 %",
                r.line());
        assertEquals("one step below, 75 slots: no night ran; the plan predicted no probability (a votes' answer)",
                new PassRate(75, "one step below", 0, 0, Double.NaN, Double.NaN).line());
    }

    @Test
    void aPassRateSaysWhetherItsCountLiesWithinWhatThePlansDrawsExpect() {
        List<Double> even = java.util.Collections.nCopies(2000, 0.5);
        PassRate five = new PassRate(78, "passing half the time", 5, 10, 0.5, Double.NaN, even);
        assertTrue(java.util.Arrays.equals(new int[] {2, 8}, five.predictedPasses().orElseThrow()),
                java.util.Arrays.toString(five.predictedPasses().orElseThrow())); // binomial(10, 0.5): 5.5 % below 3, 5.5 % above 7
        assertEquals("passing half the time, 78 slots: passed 5 of 10 (50 %; 95 % interval 23.7 %–76.3 %); the plan predicted 50 %"
                + " and 2–8 of 10 passing with 90 %: as predicted", five.line());
        PassRate ten = new PassRate(78, "passing half the time", 10, 10, 0.5, Double.NaN, even);
        assertEquals(Optional.of(false), ten.asPredicted());
        assertTrue(ten.line().endsWith(": NOT as predicted"), ten.line());

        // a plan unsure of its curve: half its draws say 10 %, half 90 %: nearly any count is expected
        List<Double> unsure = java.util.stream.IntStream.range(0, 2000).mapToObj(k -> k % 2 == 0 ? 0.1 : 0.9).toList();
        int[] wide = new PassRate(78, "passing half the time", 10, 10, 0.5, Double.NaN, unsure).predictedPasses().orElseThrow();
        assertTrue(wide[0] <= 1 && wide[1] == 10, java.util.Arrays.toString(wide));
        assertEquals(Optional.empty(), new PassRate(78, "answer", 0, 0, 0.5, Double.NaN, even).predictedPasses(), "no night, no range");
    }

    @Test
    void aPlanWithItsProbesIsReadAgainForItsDraws() throws Exception {
        NightParameters n = night();
        JsonNode real = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                PlanCheckTest.class.getResourceAsStream("/plan-replay/plan-1706.json"));
        String probes = real.path("probes").toString();
        String json = """
                {"mode": "capacity", "night": "finale-drop", "compression": %s, "confidence": 0.95, "resolution": 0.05,
                 "searches": [{"policy": "fixed", "scale": 0.5, "answer": 161, "band": {"low": 77, "high": 161},
                 "estimate": {"supported": true, "atHalf": 77.2, "seed": 2026, "atAnswer": {"slots": 161, "expected": 0.99, "atLeast": 0.95},
                              "stepBelow": {"slots": 153, "expected": 0.98, "atLeast": 0.93}},
                 "probes": %s}]}
                """.formatted(PlanFormat.number(n.compression()), probes);
        CheckParameters check = new CheckParameters(plan(json), 10, Duration.ofHours(1), 0, List.of("half", "answer"));
        List<PassRate> rates = PlanCheck.target(check, n).rates();

        PassRate half = rates.get(0);
        assertEquals(77, half.slots());
        assertEquals(CapacityEstimator.DRAWS, half.drawn().size());
        assertTrue(half.predicted() > 0.35 && half.predicted() < 0.65, "the draws' mean at the half: " + half.predicted());
        PassRate answer = rates.get(1);
        assertTrue(answer.predicted() > 0.95 && answer.atLeast() >= 0.9, answer.toString().substring(0, 80));
    }

    private Path plan(String json) throws Exception {
        Files.writeString(planDir.resolve("plan.json"), json);
        return planDir;
    }

    private static NightParameters night(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return io.dropnight.simulations.params.NightInvocation.fromProperties(p).night();
    }

    private static final String ESTIMATED = """
            {"mode": "capacity", "night": "finale-drop", "compression": %s, "searches": [{"policy": "fixed", "scale": 1,
             "answer": 86, "band": {"low": 78, "high": 86},
             "estimate": {"supported": true, "atHalf": 77.6, "atAnswer": {"slots": 86, "expected": 0.987, "atLeast": 0.95},
                          "stepBelow": {"slots": 81, "expected": 0.9, "atLeast": 0.7}}}]}
            """;

    @Test
    void checksAnEstimatedAnswerAndOneStepBelowAgainstWhatThePlanPredicted() throws Exception {
        NightParameters n = night();
        CheckParameters check = new CheckParameters(plan(ESTIMATED.formatted(PlanFormat.number(n.compression()))), 10,
                Duration.ofHours(1), 0);
        List<PassRate> rates = PlanCheck.target(check, n).rates();

        assertEquals(new PassRate(86, "answer", 0, 0, 0.987, 0.95), rates.get(0));
        assertEquals(new PassRate(81, "one step below", 0, 0, 0.9, 0.7), rates.get(1));
    }

    @Test
    void checksTheCapacityPassingHalfTheTimeWhenAsked() throws Exception {
        NightParameters n = night();
        CheckParameters check = new CheckParameters(plan(ESTIMATED.formatted(PlanFormat.number(n.compression()))), 10,
                Duration.ofHours(1), 0, List.of("half", "answer"));
        List<PassRate> rates = PlanCheck.target(check, n).rates();

        assertEquals(List.of(new PassRate(78, "passing half the time", 0, 0, 0.5, Double.NaN),
                new PassRate(86, "answer", 0, 0, 0.987, 0.95)), rates);
        assertEquals("passing half the time, 78 slots: passed 5 of 10 (50 %; 95 % interval 23.7 %–76.3 %); the plan predicted 50 %",
                new PassRate(78, "passing half the time", 5, 10, 0.5, Double.NaN).line());
    }

    @Test
    void aVotesAnswerHasNoCapacityPassingHalfTheTime() throws Exception {
        NightParameters n = night();
        String votes = """
                {"mode": "capacity", "night": "finale-drop", "compression": %s, "searches": [{"policy": "fixed", "scale": 1,
                 "answer": 86, "band": {"low": 81, "high": 86}, "estimate": {"supported": false}}]}
                """.formatted(PlanFormat.number(n.compression()));
        CheckParameters check = new CheckParameters(plan(votes), 10, Duration.ofHours(1), 0, List.of("answer", "half"));
        ParameterException e = assertThrows(ParameterException.class, () -> PlanCheck.target(check, n));

        assertEquals("check.at = answer,half: half needs an estimate's capacity passing half the time, and this search was answered"
                + " by its votes", e.getMessage());
    }

    @Test
    void aPlanForAnotherNightIsRefusedInOneLine() throws Exception {
        CheckParameters check = new CheckParameters(plan(ESTIMATED.formatted("7")), 10, Duration.ofHours(1), 0);
        NightParameters n = night();
        ParameterException e = assertThrows(ParameterException.class, () -> PlanCheck.target(check, n));

        assertTrue(e.getMessage().startsWith("check.plan = " + planDir + ": was planned for night finale-drop at compression 7, not"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(": give the plan's night flags"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "check.runs|0|check.runs = 0: must be a whole number from 1 to 50",
        "check.runs|ten|check.runs = ten: must be a whole number",
        "check.budget|30s|check.budget = 30s: must be a duration from 1m to 24h, such as 60m",
        "check.budget|soon|check.budget = soon: must be a duration from 1m to 24h, such as 60m",
        "check.at|middle|check.at = middle: must name one or more of answer, below, half, such as answer,below",
        "check.at|half,half|check.at = half,half: must name one or more of answer, below, half, such as answer,below",
    })
    void badFlagsStopWithOneLine(String key, String value, String message) throws Exception {
        Properties p = new Properties();
        p.setProperty("check.plan", plan(ESTIMATED.formatted("20")).toString());
        p.setProperty(key, value);
        ParameterException e = assertThrows(ParameterException.class, () -> CheckParameters.fromProperties(p));
        assertEquals(message, e.getMessage());
    }

    @Test
    void withoutAPlanTheCheckSaysWhatItNeeds() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PlanCheck.run(new Properties(), "", out(), new PrintStream(err, true, StandardCharsets.UTF_8), () -> 0);
        assertEquals(Planner.EXIT_BAD_PARAMETER, status);
        assertEquals("dropnight plan-check: check.plan = (not set): must name a plan's folder, such as"
                + " reports/plan-20261207-140000-capacity" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
