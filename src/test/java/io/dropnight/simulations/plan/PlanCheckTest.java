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

        PassRate below = rates.get(0);
        PassRate above = rates.get(1);
        assertEquals(List.of(77.0, 78.0), List.of(below.slots(), above.slots()));
        assertEquals(CapacityEstimator.DRAWS, below.drawn().size());
        assertTrue(below.predicted() > 0.3 && below.predicted() < above.predicted() && above.predicted() < 0.7,
                "the draws' means either side of the half: " + below.predicted() + ", " + above.predicted());
        CoinToss toss = PlanCheck.target(check, n).coinToss().orElseThrow();
        assertTrue(toss.low() < 77.2 && toss.high() > 77.2 && toss.high() - toss.low() < 40, toss.toString());
        PassRate answer = rates.get(2);
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
    void checksTheWholeSlotsEitherSideOfTheCapacityPassingHalfTheTimeWhenAsked() throws Exception {
        NightParameters n = night();
        CheckParameters check = new CheckParameters(plan(ESTIMATED.formatted(PlanFormat.number(n.compression()))), 10,
                Duration.ofHours(1), 0, List.of("half", "answer"));
        PlanCheck.Target target = PlanCheck.target(check, n);

        // said 77.6: on a steep night one slot moves a night from failing to passing, so 77 and 78 are re-run, not 78 alone
        assertEquals(List.of(new PassRate(77, CoinToss.BELOW, 0, 0, Double.NaN, Double.NaN),
                new PassRate(78, CoinToss.ABOVE, 0, 0, Double.NaN, Double.NaN),
                new PassRate(86, "answer", 0, 0, 0.987, 0.95)), target.rates());
        assertEquals(new CoinToss(77.6, Double.NaN, Double.NaN), target.coinToss().orElseThrow());
        assertEquals("the whole slot below the half, 77 slots: passed 3 of 10 (30 %; 95 % interval 10.8 %–60.3 %); the plan predicted"
                + " no probability there (its draws could not be read again)",
                new PassRate(77, CoinToss.BELOW, 3, 10, Double.NaN, Double.NaN).line());
    }

    @Test
    void aHalfWithinAWholeSlotIsReRunThereAlone() {
        assertEquals(List.of(new PassRate(78, "passing half the time", 0, 0, 0.5, Double.NaN)), new CoinToss(78.03, 70, 85).capacities());
        assertEquals(List.of(new PassRate(1, CoinToss.BELOW, 0, 0, Double.NaN, Double.NaN),
                new PassRate(2, CoinToss.ABOVE, 0, 0, Double.NaN, Double.NaN)), new CoinToss(1.5, 1, 3).capacities());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // passes at 67 | at 68 (of 10) | where the re-runs put it; their own 95 % range (Wilson bounds' crossings) | the 67.8 said | observed
            "4 | 8 | at about 67.3 (95 %: 67 or below to 68 or above)                                    | within     | 67.25",
            "0 | 5 | at about 68 (95 %: 67.5 to 68 or above)                                              | within     | 68",
            "6 | 9 | at or below 67 (95 %: 67 or below to 67.7)                                           | NOT within | ",
            "0 | 2 | above 68 (95 %: 68 to 68 or above)                                                   | NOT within | ",
            "6 | 3 | between them (the slot above passed less often: the nights' noise) (95 %: 67 or below to 68 or above) | within | ",
            // the night measured: 67 passed 1 of 10 and 68 8 of 10 (docs/BENCHMARKS.md)
            "1 | 8 | at about 67.6 (95 %: 67.2 to 68 or above)                                            | within     | 67.5714285714"})
    void theReRunsEitherSideOfTheHalfSayWhereTheCoinTossLies(int below, int above, String where, String said, Double observed) {
        CoinToss toss = new CoinToss(67.79, 62.05, 72.22);
        PassRate at67 = new PassRate(67, CoinToss.BELOW, below, 10, 0.4, Double.NaN);
        PassRate at68 = new PassRate(68, CoinToss.ABOVE, above, 10, 0.52, Double.NaN);

        assertEquals("the coin toss: the plan said 67.8 slots (90 % of its draws: 62.1–72.2); at 67, " + below + " of 10 passed, at 68, "
                + above + " of 10: the re-runs put it " + where + ", within the plan's range; the 67.8 said lies " + said + " theirs",
                toss.line(at67, at68));
        assertEquals(observed == null, CoinToss.observed(at67, at68).isEmpty());
        if (observed != null) {
            assertEquals(observed, CoinToss.observed(at67, at68).orElseThrow(), 1e-9);
        }
        assertEquals("within".equals(said), toss.saidWithinObserved(at67, at68).orElseThrow());
    }

    @Test
    void aCoinTossOutsideThePlansRangeIsSaidToBe() {
        CoinToss narrow = new CoinToss(67.79, 67.5, 68.2);
        PassRate at67 = new PassRate(67, CoinToss.BELOW, 9, 10, 0.4, Double.NaN);
        PassRate at68 = new PassRate(68, CoinToss.ABOVE, 10, 10, 0.52, Double.NaN);

        assertEquals(Optional.of(false), narrow.withinRange(at67, at68));
        assertTrue(narrow.line(at67, at68).endsWith("at or below 67 (95 %: 67 or below), NOT within the plan's range; the 67.8 said"
                + " lies NOT within theirs"), narrow.line(at67, at68));
        assertTrue(narrow.line(new PassRate(67, CoinToss.BELOW, 0, 10, 0.4, Double.NaN), new PassRate(68, CoinToss.ABOVE, 1, 10, 0.5,
                Double.NaN)).endsWith("above 68 (95 %: 68 or above), within the plan's range; the 67.8 said lies NOT within theirs"));
        assertTrue(narrow.line(at67, new PassRate(68, CoinToss.ABOVE, 0, 0, 0.52, Double.NaN)).endsWith("too few nights to say where"));
        assertEquals(Optional.empty(), new CoinToss(67.79, Double.NaN, Double.NaN).withinRange(at67, at68));
    }

    @Test
    void checkJsonSaysWhereTheCoinTossLies() throws Exception {
        NightParameters n = night();
        CheckParameters check = new CheckParameters(plan(ESTIMATED.formatted(PlanFormat.number(n.compression()))), 2,
                Duration.ofHours(1), 0, List.of("half"));
        PlanCheck.Target target = PlanCheck.target(check, n);
        // met half the time at 77.5 slots, steeply
        KnownCurveNight night = new KnownCurveNight(3, new Curve("errorPageRate", 77.5, 40, 0.05));
        PlanCheck.Tally t = PlanCheck.tally(target.rates(), 2, Duration.ofHours(1), night, () -> night.nanos, out());
        JsonNode json = PlanCheck.json(check, target, t, Duration.ofMinutes(7));

        JsonNode toss = json.path("coinToss");
        assertEquals(77.6, toss.path("said").asDouble());
        assertEquals(77, toss.path("below").asDouble());
        assertEquals(78, toss.path("above").asDouble());
        assertTrue(toss.path("saidRange").isNull() && toss.path("withinRange").isNull(), toss.toString());
        assertEquals(List.of(0, 2), List.of(t.rates().get(0).passes(), t.rates().get(1).passes()), t.verdicts().toString());
        assertEquals(77.5, toss.path("observed").asDouble(), toss.toString());
        // 0 of 2 and 2 of 2 say little: the slot below may pass half its nights, the one above less
        assertEquals(List.of(77.0, 78.0), List.of(toss.path("observedRange").path(0).asDouble(), toss.path("observedRange").path(1).asDouble()));
        assertTrue(toss.path("openBelow").asBoolean() && toss.path("openAbove").asBoolean(), toss.toString());
        assertTrue(toss.path("saidWithinObserved").asBoolean(), toss.toString());
        assertEquals(List.of(CoinToss.BELOW, CoinToss.ABOVE), List.of(json.path("capacities").path(0).path("role").asText(),
                json.path("capacities").path(1).path("role").asText()));
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
