package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search's parts on their own, with literal values: the guess, the budget, the votes, the progress line. */
class SearchPartsTest {
    private static final Axis SLOTS = Axis.capacity(1, 4096);

    private static ProbeResult probe(double slots, double errorPagePercent) {
        SloResult rate = SloResult.atMost("errorPageRate", "error pages", 1.0, errorPagePercent, "%");
        return new ProbeResult(slots, rate.passed() ? RunVerdict.PASS : RunVerdict.FAIL, List.of(), List.of(rate),
                Optional.empty(), Duration.ofMinutes(2));
    }

    @Test
    void theGuessIsWhereTheFailedSlosLoadCrossesOneInLogSlotsMovedHalfAResolutionToPassing() {
        // load 2.0 at 64 slots, 0.5 at 80: it crosses 1 at 64 * 1.25^(2/3) = 74.3 slots; + 2.5 % = 76
        ThresholdGuess.Guess g = ThresholdGuess.guess(probe(80, 0.5), probe(64, 2.0), SLOTS, 0.05);
        assertEquals(76, g.value());
        assertEquals(RunVerdict.PASS, g.expected());
        assertNull(ThresholdGuess.guess(probe(80, 0.5), probe(64, 0.9), SLOTS, 0.05), "two passes give no guess");
    }

    @Test
    void aFirstBracketingStepAssumesEightfoldPerEFold() {
        // load 2.0 at 64 slots, 8 per e-fold: 1/8 e-fold to the bound, + half a resolution: 64 * e^0.1497 = 74
        assertEquals(74, ThresholdGuess.bracketStep(probe(64, 2.0), null, 128, SLOTS, 0.05));
        // a figure that says nothing (no failed SLO) doubles
        assertEquals(128, ThresholdGuess.bracketStep(new ProbeResult(64, RunVerdict.FAIL, List.of(), List.of(),
                Optional.empty(), Duration.ZERO), null, 128, SLOTS, 0.05));
    }

    @Test
    void theBudgetStopsOnlyOnceASafeAnswerExists() {
        Optional<Duration> twelve = Optional.of(Duration.ofMinutes(12));
        Duration longest = Duration.ofSeconds(130);
        assertFalse(ProbeBudget.roomForAnotherProbe(twelve, Duration.ofMinutes(10), longest, true));
        assertTrue(ProbeBudget.roomForAnotherProbe(twelve, Duration.ofMinutes(10), longest, false), "nothing passed yet");
        assertTrue(ProbeBudget.roomForAnotherProbe(twelve, Duration.ofMinutes(9), longest, true));
        assertTrue(ProbeBudget.roomForAnotherProbe(Optional.empty(), Duration.ofHours(5), longest, true));
    }

    @Test
    void votesReadAsAConfirmedAnswerOnlyWithTwoPassesNextToAFail() {
        Votes votes = new Votes(SLOTS);
        votes.add(75, RunVerdict.PASS);
        votes.add(72, RunVerdict.FAIL);
        assertEquals(PlanResult.Outcome.BAND, votes.read(0.05).outcome(), "one pass is not confirmed");
        assertTrue(votes.hasSafeAnswer());
        assertFalse(votes.hasConfirmedPass(), "one pass may be one night's luck");
        votes.add(75, RunVerdict.PASS);
        assertTrue(votes.hasConfirmedPass());
        Votes.Reading r = votes.read(0.05);
        assertEquals(PlanResult.Outcome.ANSWER, r.outcome());
        assertEquals(75, r.answer().getAsDouble());
        assertTrue(r.summary().contains("passed 2 of 2 at 75, failed 1 of 1 at 72 (confirmed)"), r.summary());
        votes.add(75, RunVerdict.FAIL);
        votes.add(75, RunVerdict.INCONCLUSIVE);
        assertEquals(new Votes.Tally(2, 1), votes.at(75), "an inconclusive probe casts no vote");
        assertTrue(votes.disagreed());
    }

    @Test
    void theProgressLineEstimatesFromTheMeanProbeOrTheBudgetsEnd() {
        ProgressLine line = new ProgressLine(2, SLOTS, 79, RunVerdict.PASS, "errorPageRate 0.4 % <= 1 %", Duration.ofSeconds(216),
                3, false, Optional.empty(), Optional.empty());
        assertEquals("plan probe 2: slots 79 -> PASS (errorPageRate 0.4 % <= 1 %); elapsed " + PlanFormat.duration(Duration.ofSeconds(216))
                + ", about " + PlanFormat.duration(Duration.ofSeconds(324)) + " left (3 probes)", line.text());
        ProgressLine budgeted = new ProgressLine(2, SLOTS, 79, RunVerdict.PASS, "x", Duration.ofSeconds(216), 3, false,
                Optional.of(Duration.ofSeconds(130)), Optional.of(Duration.ofMinutes(12)));
        assertTrue(budgeted.text().endsWith("at most " + PlanFormat.duration(Duration.ofSeconds(130)) + " left (the "
                + PlanFormat.duration(Duration.ofMinutes(12)) + " budget; 3 probes would take "
                + PlanFormat.duration(Duration.ofSeconds(324)) + ")"), budgeted.text());
        // the first probe of a 6-minute plan: no safe answer yet, so the budget does not bind, and the line says so
        ProgressLine first = new ProgressLine(1, SLOTS, 64, RunVerdict.FAIL, "x", Duration.ofSeconds(105), 6, true,
                Optional.empty(), Optional.of(Duration.ofMinutes(6)));
        assertEquals("plan probe 1: slots 64 -> FAIL (x); elapsed " + PlanFormat.duration(Duration.ofSeconds(105)) + ", at least "
                + PlanFormat.duration(Duration.ofSeconds(630)) + " left (6 probes or more; the " + PlanFormat.duration(Duration.ofMinutes(6))
                + " budget ends the search once a safe answer exists)", first.text());
    }
}
