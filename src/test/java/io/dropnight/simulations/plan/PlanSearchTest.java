package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;

import io.dropnight.simulations.plan.PlanResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planner's search against fake nights whose threshold is known. */
class PlanSearchTest {
    private final List<String> lines = new ArrayList<>();

    private PlanResult search(Axis axis, double start, FakeNight night) {
        return new PlanSearch(axis, start, PlanSearch.DEFAULT_RESOLUTION, night, lines::add, () -> night.nanos).run();
    }

    @ParameterizedTest(name = "threshold {0} slots, start {1}")
    @CsvSource({"47, 64", "47, 8", "130, 64", "3, 64", "200, 200", "64, 64"})
    void findsTheLeastPassingCapacityWithinFivePerCentAndConfirmsIt(int threshold, int start) {
        FakeNight night = FakeNight.capacity(threshold);
        PlanResult r = search(Axis.capacity(1, 4096), start, night);

        assertEquals(Outcome.ANSWER, r.outcome(), r.summary());
        double answer = r.answer().getAsDouble();
        double below = r.bandLow().getAsDouble();
        assertTrue(answer >= threshold && answer <= Math.ceil(threshold * 1.05), "answer " + answer);
        assertTrue(below < threshold, "the step below fails: " + below);
        assertTrue(answer - below <= 0.05 * answer || answer - below == 1, "within the resolution: " + below + ".." + answer);
        assertEquals(answer, r.bandHigh().getAsDouble());
        assertTrue(r.confirmed());
        assertTrue(night.timesTried(answer) >= 2, "the answer was re-run: " + night.tried);
        assertEquals(1, night.timesTried(below), "the step below failed once, so it is not re-run: " + night.tried);
        assertTrue(r.probes().size() <= 12, "bisection, not a scan: " + night.tried);
        assertEquals(r.probes().size(), lines.size(), "one progress line per probe");
    }

    @Test
    void findsTheLargestAudienceAtItsCapacity() {
        FakeNight night = FakeNight.audience(3.3);
        PlanResult r = search(Axis.audience(0.01, 100), 1, night);

        assertEquals(Outcome.ANSWER, r.outcome(), r.summary());
        double answer = r.answer().getAsDouble();
        assertTrue(answer <= 3.3 && answer >= 3.3 / 1.05, "answer " + answer);
        assertEquals(answer, r.bandLow().getAsDouble());
        assertTrue(r.bandHigh().getAsDouble() > 3.3, "the step above fails");
        assertTrue(r.confirmed());
    }

    /** A noiseless search for a threshold of 47 slots from 64. */
    private static FakeNight noiseless() {
        FakeNight night = FakeNight.capacity(47);
        new PlanSearch(Axis.capacity(1, 4096), 64, PlanSearch.DEFAULT_RESOLUTION, night, s -> { }, () -> night.nanos).run();
        return night;
    }

    /** The passing values a noiseless search tried, least first: its answer, then the next ones up. */
    private static List<Double> noiselessPasses() {
        return noiseless().tried.stream().filter(v -> v >= 47).distinct().sorted().toList();
    }

    private static double noiselessStepBelow() {
        return noiseless().tried.stream().filter(v -> v < 47).mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    @Test
    void reRunsOnceWhereAConfirmationDisagreesAndTakesTheMajority() {
        double answer = noiselessPasses().get(0);
        FakeNight night = FakeNight.capacity(47).script(answer, RunVerdict.PASS, RunVerdict.FAIL, RunVerdict.PASS);
        PlanResult r = search(Axis.capacity(1, 4096), 64, night);

        assertEquals(Outcome.ANSWER, r.outcome(), r.summary());
        assertEquals(answer, r.answer().getAsDouble());
        assertEquals(3, night.timesTried(answer), "pass, fail, then once more: " + night.tried);
        assertEquals(1, night.timesTried(noiselessStepBelow()), "the step below is not re-run: " + night.tried);
        assertTrue(r.summary().contains("passed 2 of 3 at " + (int) answer), r.summary());
    }

    @Test
    void searchesOnceMoreWhenAConfirmationOverturnsTheAnswer() {
        // the answer passed during the search, then failed twice: a pass further up becomes the answer
        double flipped = noiselessPasses().get(0);
        FakeNight night = FakeNight.capacity(47).script(flipped, RunVerdict.PASS, RunVerdict.FAIL, RunVerdict.FAIL, RunVerdict.FAIL);
        PlanResult r = search(Axis.capacity(1, 4096), 64, night);

        assertEquals(Outcome.ANSWER, r.outcome(), r.summary());
        double answer = r.answer().getAsDouble();
        assertTrue(answer > flipped && answer - flipped <= Math.max(1, 0.05 * answer), "the next pass up: " + night.tried);
        assertEquals(flipped, r.bandLow().getAsDouble(), "the overturned value is the step below now");
        assertTrue(r.confirmed());
        assertEquals(3, night.timesTried(flipped), "pass, fail, fail decides; as the step below it is not re-run: " + night.tried);
        assertTrue(night.timesTried(answer) >= 2, "the new answer was confirmed too: " + night.tried);
    }

    @Test
    void givesABandNotAPointWhereTheProbesStayAmbiguous() {
        // from 47 to 61 slots a probe passes the first time and fails every time after: every answer
        // found there is overturned by its confirmation, and after two rounds the result is a band
        FakeNight truth = FakeNight.capacity(47);
        List<Double> tried = new ArrayList<>();
        PlanSearch.Probe flaky = v -> {
            boolean first = !tried.contains(v);
            tried.add(v);
            truth.nanos += FakeNight.PROBE_TIME.toNanos();
            ProbeResult r = truth.run(v);
            RunVerdict verdict = v < 47 ? RunVerdict.FAIL : v >= 62 ? RunVerdict.PASS : first ? RunVerdict.PASS : RunVerdict.FAIL;
            return new ProbeResult(v, verdict, List.of(), r.slos(), r.runFolder(), r.elapsed());
        };
        PlanResult r = new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, flaky, lines::add, () -> truth.nanos).run();

        assertEquals(Outcome.BAND, r.outcome(), r.summary() + " " + tried);
        assertFalse(r.confirmed());
        double low = r.bandLow().getAsDouble();
        double high = r.bandHigh().getAsDouble();
        assertTrue(low >= 47 && low < 62, "the band's low end failed by majority: " + low + " " + tried);
        assertTrue(high > low && r.probes().stream().filter(p -> p.value() == high).allMatch(p -> p.verdict() == RunVerdict.PASS),
                "the band's high end passed every time it was tried: " + high + " " + tried);
        assertEquals(high, r.answer().getAsDouble(), "the answer is the safe end of the band");
        assertTrue(r.summary().startsWith("probes near the threshold disagreed: the threshold lies between"), r.summary());
    }

    private PlanResult search(Axis axis, double start, FakeNight night, Duration budget) {
        return new PlanSearch(axis, start, PlanSearch.DEFAULT_RESOLUTION, night, lines::add, () -> night.nanos,
                Optional.of(budget)).run();
    }

    @Test
    void stopsBeforeAProbeThatWouldEndPastTheBudgetAndGivesTheSafeEndOfABand() {
        // the confirmation at the answer disagrees, so a third run would decide: the budget has no room for it
        int noiselessProbes = noiseless().tried.size();
        double flipped = noiselessPasses().get(0);
        double nextUp = noiselessPasses().get(1);
        Duration budget = FakeNight.PROBE_TIME.multipliedBy(noiselessProbes).plusSeconds(30);
        FakeNight night = FakeNight.capacity(47).script(flipped, RunVerdict.PASS, RunVerdict.FAIL, RunVerdict.PASS);
        PlanResult r = search(Axis.capacity(1, 4096), 64, night, budget);

        assertEquals(noiselessProbes, night.tried.size(), "no third run at " + flipped + ": " + night.tried);
        assertTrue(r.elapsed().compareTo(budget) <= 0, r.elapsed() + " within " + budget);
        assertEquals(Outcome.BAND, r.outcome(), r.summary());
        assertFalse(r.confirmed());
        assertEquals(nextUp, r.answer().getAsDouble(), "a split value is not an answer: the next pass up is. " + night.tried);
        assertEquals(noiselessStepBelow(), r.bandLow().getAsDouble());
        assertEquals(nextUp, r.bandHigh().getAsDouble());
        assertTrue(r.summary().startsWith("out of time (budget " + PlanFormat.duration(budget) + "; elapsed "
                + PlanFormat.duration(FakeNight.PROBE_TIME.multipliedBy(noiselessProbes)) + ", a probe takes up to 1m00s):"
                + " probes near the threshold disagreed"), r.summary());
        assertTrue(lines.get(lines.size() - 1).endsWith("at most 30s left (the " + PlanFormat.duration(budget)
                + " budget; 1 probe would take 1m00s)"), lines.get(lines.size() - 1));
    }

    @Test
    void aBudgetWithRoomForTheSearchChangesNothing() {
        FakeNight unbounded = noiseless();
        FakeNight night = FakeNight.capacity(47);
        PlanResult r = search(Axis.capacity(1, 4096), 64, night,
                FakeNight.PROBE_TIME.multipliedBy(unbounded.tried.size()));

        assertEquals(unbounded.tried, night.tried);
        assertEquals(Outcome.ANSWER, r.outcome(), r.summary());
        assertTrue(r.confirmed());
    }

    @Test
    void aBudgetSpentBeforeAnythingPassedStillSearchesOnToAPass() {
        // without a pass there is no safe answer: the budget waits for the first one, then ends the search
        FakeNight night = FakeNight.capacity(1000);
        PlanResult r = search(Axis.capacity(1, 4096), 16, night, Duration.ofMinutes(1));

        List<Double> before = night.tried.subList(0, night.tried.size() - 1);
        double last = night.tried.get(night.tried.size() - 1);
        assertTrue(before.stream().allMatch(v -> v < 1000) && last >= 1000, "fails up to the first pass, then stops: " + night.tried);
        assertEquals(Outcome.BAND, r.outcome(), r.summary());
        assertEquals(last, r.answer().getAsDouble(), "the only pass is the safe answer");
        assertEquals(before.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), r.bandLow().getAsDouble());
        assertTrue(r.summary().startsWith("out of time (budget 1m00s;"), r.summary());
        assertTrue(r.summary().contains("): the answer was not confirmed: the threshold lies between"), r.summary());
    }

    @Test
    void aBudgetThatEndsBeforeTheConfirmationSaysTheAnswerWasNotConfirmed() {
        // as the default night's scale-0.5 search at 21:19: six probes, none split, no room for the confirmation
        FakeNight unbounded = noiseless();
        FakeNight night = FakeNight.capacity(47);
        PlanResult r = search(Axis.capacity(1, 4096), 64, night,
                FakeNight.PROBE_TIME.multipliedBy(unbounded.tried.size() - 1).plusSeconds(30));

        assertEquals(unbounded.tried.subList(0, unbounded.tried.size() - 1), night.tried, "all but the confirmation");
        assertEquals(Outcome.BAND, r.outcome(), r.summary());
        assertEquals(noiselessPasses().get(0), r.answer().getAsDouble(), "the unconfirmed pass is the safe end");
        assertEquals(noiselessStepBelow(), r.bandLow().getAsDouble());
        assertTrue(r.summary().contains("): the answer was not confirmed: the threshold lies between "
                + (int) noiselessStepBelow() + " and " + noiselessPasses().get(0).intValue() + " slots"), r.summary());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aNoisyThresholdWithABudgetEndsInTimeWithAnAnswerThatPassedByMajority(long seed) {
        // 64 passes, so a safe answer exists from the first probe and the budget holds the whole search
        Duration budget = Duration.ofMinutes(7);
        List<ProbeResult> run = new ArrayList<>();
        PlanResult r = coinTossBetween44And52(seed, Optional.of(budget), run);

        assertTrue(r.elapsed().compareTo(budget) <= 0, r.elapsed() + " " + r.summary());
        assertTrue(r.outcome() == Outcome.ANSWER || r.outcome() == Outcome.BAND, r.summary());
        double answer = r.answer().getAsDouble();
        long passes = run.stream().filter(p -> p.value() == answer && p.verdict() == RunVerdict.PASS).count();
        long fails = run.stream().filter(p -> p.value() == answer && p.verdict() == RunVerdict.FAIL).count();
        assertTrue(answer >= 44 && passes > fails, "the answer passed by majority: " + answer + " in " + run);
    }

    /**
     * The shape the default night's probes measured: error pages fall about linearly with the
     * logarithm of the slots (2.47 % at 64, 1.18 % at 91, 0.11 % at 128 against a bound of 1 %).
     */
    private static FakeNight likeTheDefaultNight(double threshold) {
        return FakeNight.capacity(threshold).load(v -> Math.max(0.05, 1 + 3.4 * Math.log(threshold / v)));
    }

    @ParameterizedTest(name = "threshold {0} slots from {1}")
    @CsvSource({"97, 64", "47, 64", "130, 64", "300, 64", "71, 64", "115, 64", "80, 64", "1000, 64"})
    void guessesFromTheSloFiguresWithFewerProbesThanBisection(int threshold, int start) {
        FakeNight guided = likeTheDefaultNight(threshold);
        PlanResult withFigures = search(Axis.capacity(1, 4096), start, guided);
        FakeNight blind = likeTheDefaultNight(threshold).withoutFigures();
        PlanResult bisected = search(Axis.capacity(1, 4096), start, blind);

        assertEquals(Outcome.ANSWER, withFigures.outcome(), withFigures.summary());
        assertEquals(Outcome.ANSWER, bisected.outcome(), bisected.summary());
        double answer = withFigures.answer().getAsDouble();
        assertTrue(answer >= threshold && answer <= Math.ceil(threshold * 1.05), "answer " + answer + " from " + guided.tried);
        assertTrue(withFigures.probes().size() < bisected.probes().size(),
                "guided " + guided.tried + " against bisection " + blind.tried);
    }

    @ParameterizedTest(name = "threshold {0} slots from {1}")
    @CsvSource({"97, 64", "47, 64", "130, 64", "300, 64", "20, 64", "71, 64", "115, 64", "80, 64", "7, 64"})
    void guessesAtMostOneProbeWorseThanBisectionOnAMoreCurvedNight(int threshold, int start) {
        // load threshold / slots; and where a slot is as coarse as the resolution (20 and 7 slots)
        FakeNight guided = FakeNight.capacity(threshold);
        PlanResult withFigures = search(Axis.capacity(1, 4096), start, guided);
        FakeNight blind = FakeNight.capacity(threshold).withoutFigures();
        PlanResult bisected = search(Axis.capacity(1, 4096), start, blind);

        assertEquals(Outcome.ANSWER, withFigures.outcome(), withFigures.summary());
        // a guess made for another shape may cost one probe, never a scan
        assertTrue(withFigures.probes().size() <= bisected.probes().size() + 1,
                "guided " + guided.tried + " against bisection " + blind.tried);
    }

    /**
     * The default night's error pages as one plan measured them (2026-12-06 06:09, docs/BENCHMARKS.md):
     * 2.316 % at 64 slots, 1.179 % at 71, 0.657 % at 74, 0.288 % at 77, none from 85; in between,
     * straight lines. Its threshold lies between 71 and 74.
     */
    private static FakeNight asMeasured() {
        double[] slots = {64, 71, 74, 77, 85};
        double[] rate = {2.316, 1.179, 0.657, 0.288, 0};
        return FakeNight.capacity(72.6).load(v -> {
            if (v <= slots[0]) {
                return rate[0] + (slots[0] - v) * 0.16;
            }
            for (int i = 1; i < slots.length; i++) {
                if (v <= slots[i]) {
                    return rate[i - 1] + (rate[i] - rate[i - 1]) * (v - slots[i - 1]) / (slots[i] - slots[i - 1]);
                }
            }
            return 0;
        });
    }

    @Test
    void answersTheDefaultNightAsMeasuredInFiveProbes() {
        FakeNight night = asMeasured();
        PlanResult r = search(Axis.capacity(1, 4096), 64, night);
        FakeNight blind = asMeasured().withoutFigures();
        PlanResult bisected = search(Axis.capacity(1, 4096), 64, blind);

        assertEquals(Outcome.ANSWER, r.outcome(), r.summary() + " " + night.tried);
        double answer = r.answer().getAsDouble();
        assertTrue(answer >= 72.6 && answer <= 72.6 * 1.05, answer + " from " + night.tried);
        assertTrue(r.probes().size() <= 5, "bracket 2, narrow 2, confirm 1: " + night.tried);
        assertEquals(7, bisected.probes().size(), "bisection: " + blind.tried);
    }

    @Test
    void fallsBackToBisectionWhereTheFiguresMislead() {
        // the figures say the threshold is always just above the fail (load 1.01 at every failing value)
        FakeNight night = FakeNight.capacity(200).load(v -> v < 200 ? 1.0001 : 0.5);
        PlanResult r = search(Axis.capacity(1, 4096), 64, night);
        FakeNight blind = FakeNight.capacity(200).withoutFigures();
        PlanResult bisected = search(Axis.capacity(1, 4096), 64, blind);

        assertEquals(Outcome.ANSWER, r.outcome(), r.summary());
        assertTrue(r.answer().getAsDouble() >= 200 && r.answer().getAsDouble() <= 210, night.tried.toString());
        assertTrue(r.probes().size() <= 2 * bisected.probes().size(), "at most twice bisection: " + night.tried
                + " against " + blind.tried);
    }

    /**
     * A search from 64 slots on a night that always fails below 44 slots and always passes from 52,
     * and in between passes or fails on a coin toss per probe; each probe is kept in {@code run}, in order.
     */
    private static PlanResult coinTossBetween44And52(long seed, Optional<Duration> budget, List<ProbeResult> run) {
        SplittableRandom coin = new SplittableRandom(seed);
        FakeNight truth = FakeNight.capacity(48);
        PlanSearch.Probe noisy = v -> {
            truth.nanos += FakeNight.PROBE_TIME.toNanos();
            ProbeResult r = truth.run(v);
            RunVerdict verdict = v < 44 ? RunVerdict.FAIL : v >= 52 ? RunVerdict.PASS : coin.nextBoolean() ? RunVerdict.PASS : RunVerdict.FAIL;
            ProbeResult out = new ProbeResult(v, verdict, List.of(), r.slos(), r.runFolder(), r.elapsed());
            run.add(out);
            return out;
        };
        return new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, noisy, s -> { }, () -> truth.nanos, budget).run();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aNoisyThresholdEndsInAnAnswerOrABandThatHoldsIt(long seed) {
        List<ProbeResult> run = new ArrayList<>();
        PlanResult r = coinTossBetween44And52(seed, Optional.empty(), run);

        assertTrue(r.outcome() == Outcome.ANSWER || r.outcome() == Outcome.BAND, r.summary());
        double answer = r.answer().getAsDouble();
        List<Double> tried = run.stream().map(ProbeResult::value).toList();
        assertTrue(answer >= 44, "never an answer that always fails: " + answer + " from " + tried);
        // where nothing below failed consistently, the band has no low end: the axis's least value
        assertTrue(r.bandLow().isEmpty() || r.bandLow().getAsDouble() < answer, r.summary());
        assertTrue(tried.size() <= 24, "bounded: " + tried);
    }

    @Test
    void stopsABreakpointSearchAtAnInconclusiveProbeAndKeepsWhatPassedBelowIt() {
        FakeNight night = FakeNight.audience(10).inconclusiveWhere(v -> v >= 3);
        PlanResult r = search(Axis.audience(0.01, 100), 1, night);

        assertEquals(Outcome.INCONCLUSIVE, r.outcome(), r.summary());
        double last = night.tried.get(night.tried.size() - 1);
        List<Double> before = night.tried.subList(0, night.tried.size() - 1);
        assertTrue(last >= 3 && before.stream().allMatch(v -> v < 3), "nothing after the inconclusive probe: " + night.tried);
        assertEquals(before.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), r.answer().getAsDouble(),
                "the largest audience that passed: a lower bound");
        assertEquals(last, r.bandHigh().getAsDouble());
        assertTrue(r.summary().contains("beyond this, use more injectors"), r.summary());
        assertTrue(r.summary().contains("injector out of file descriptors"), r.summary());
        assertFalse(r.confirmed());
    }

    @Test
    void neverReadsAnInconclusiveProbeAsAPassOrAFailInACapacitySearch() {
        FakeNight night = FakeNight.capacity(47).inconclusiveWhere(v -> v < 50);
        PlanResult r = search(Axis.capacity(1, 4096), 64, night);

        assertEquals(Outcome.INCONCLUSIVE, r.outcome(), r.summary());
        double last = night.tried.get(night.tried.size() - 1);
        List<Double> passed = night.tried.subList(0, night.tried.size() - 1);
        assertTrue(last < 50 && passed.stream().allMatch(v -> v >= 50), "stopped at the first inconclusive probe: " + night.tried);
        assertTrue(r.answer().isEmpty(), "no answer from an inconclusive bracket");
        assertEquals(passed.stream().mapToDouble(Double::doubleValue).min().getAsDouble(), r.bandHigh().getAsDouble(),
                "the least that passed: at most that many slots are needed");
        assertTrue(r.bandLow().isEmpty(), "nothing failed yet");
    }

    @Test
    void saysSoWhenTheFewestSlotsPassOrTheMostFail() {
        PlanResult always = search(Axis.capacity(2, 4096), 16, FakeNight.capacity(1));
        assertEquals(Outcome.ALWAYS_PASSES, always.outcome());
        assertEquals(2, always.answer().getAsDouble());

        PlanResult never = search(Axis.capacity(1, 256), 16, FakeNight.capacity(1000));
        assertEquals(Outcome.NEVER_PASSES, never.outcome());
        assertTrue(never.answer().isEmpty());
        assertTrue(never.summary().contains("fails even at 256 slots"), never.summary());
    }

    @Test
    void printsOneLinePerProbeWithValueVerdictDecidingSloElapsedAndTimeLeft() {
        FakeNight night = FakeNight.capacity(47);
        search(Axis.capacity(1, 4096), 64, night);

        assertEquals(night.tried.size(), lines.size());
        assertTrue(lines.get(0).startsWith("plan probe 1: slots 64 -> PASS (errorPageRate 0.734 % <= 1 %); elapsed 1m00s,"
                + " at least "), lines.get(0));
        assertTrue(lines.get(0).endsWith("probes or more)"), lines.get(0));
        assertTrue(lines.get(1).matches("plan probe 2: slots " + night.tried.get(1).intValue()
                + " -> (PASS|FAIL) \\(errorPageRate [0-9.]+ % (<=|>) 1 %\\); elapsed 2m00s, .*"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).endsWith("about 0s left (0 probes)"), lines.get(lines.size() - 1));
        for (String line : lines) {
            assertTrue(line.matches("plan probe \\d+: slots \\d+ -> (PASS|FAIL) \\(.+\\); elapsed \\S+, (about|at least) \\S+ left \\(\\d+ probes?( or more)?\\)"),
                    line);
        }
    }

    @Test
    void aProbeThatCannotRunEndsTheSearchAndKeepsTheProbesBeforeIt() {
        FakeNight night = FakeNight.capacity(47);
        PlanSearch.Probe breaking = v -> {
            if (v < 64) {
                throw new PlanSearch.ProbeException("the night at " + (int) v + " slots wrote no slo.json", null);
            }
            return night.run(v);
        };
        PlanResult r = new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, breaking, lines::add, () -> night.nanos).run();

        assertEquals(Outcome.ERROR, r.outcome());
        assertEquals(1, r.probes().size());
        assertTrue(r.summary().matches("stopped: the night at \\d+ slots wrote no slo.json"), r.summary());
    }

    @Test
    void aCoarserResolutionNeedsFewerProbes() {
        FakeNight fine = FakeNight.capacity(47);
        FakeNight coarse = FakeNight.capacity(47);
        new PlanSearch(Axis.capacity(1, 4096), 64, 0.02, fine, s -> { }, () -> fine.nanos).run();
        PlanResult r = new PlanSearch(Axis.capacity(1, 4096), 64, 0.2, coarse, s -> { }, () -> coarse.nanos).run();

        assertTrue(coarse.tried.size() < fine.tried.size(), coarse.tried + " vs " + fine.tried);
        assertTrue(r.answer().getAsDouble() - r.bandLow().getAsDouble() <= 0.2 * r.answer().getAsDouble());
    }
}
