package io.dropnight.simulations.plan;

import io.dropnight.simulations.plan.KnownCurveNight.Curve;
import io.dropnight.simulations.plan.PlanResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Capacity searches that answer from their probes' figures, on simulated nights whose curves and
 * scatter are known, so that each answer's real pass probability can be computed and judged. Each
 * probe takes a minute of a fake clock, and the search a 7-minute budget: about the probes the
 * default night's 12-minute budget allows.
 */
class PlanSearchEstimateTest {
    private static final Duration BUDGET = Duration.ofMinutes(7);
    private static final double CONFIDENCE = 0.95;

    private final List<String> lines = new ArrayList<>();

    private PlanResult search(KnownCurveNight night) {
        return new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, night, lines::add, () -> night.nanos, Optional.of(BUDGET),
                Optional.of(new CapacityEstimator(CONFIDENCE, 0.05, CurvePrior.DEFAULT, CapacityEstimator.DEFAULT_SEED))).run();
    }

    /**
     * 100 nights, each with its own known curve: met half the time somewhere from 40 to 200 slots,
     * falling 6 to 12 in log load per e-fold of slots, scatter 0.3 to 0.6 at one capacity (the
     * default night's error pages: about 8 to 11, and 0.46).
     */
    @ParameterizedTest(name = "failing probes stopped early: {0}")
    @ValueSource(booleans = {false, true})
    void theAnswerPassesWithTheConfidenceAskedInAtLeast95Of100SeededSearches(boolean stopsEarly) {
        SplittableRandom nights = new SplittableRandom(2026);
        int held = 0;
        List<Double> costs = new ArrayList<>(); // each answer against the true 95 % capacity
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Curve curve = new Curve("errorPageRate", 40 + 160 * nights.nextDouble(), 6 + 6 * nights.nextDouble(),
                    0.3 + 0.3 * nights.nextDouble());
            KnownCurveNight night = new KnownCurveNight(nights.nextLong(), curve);
            if (stopsEarly) {
                night.stoppingEarly();
            }
            PlanResult r = search(night);

            assertTrue(r.answer().isPresent(), r.summary());
            double answer = r.answer().getAsDouble();
            double truth = night.passProbability(answer);
            double true95 = curve.atHalf() * Math.exp(Normal.quantile(CONFIDENCE) * curve.scatter() / curve.slope());
            costs.add(answer / true95);
            if (truth >= CONFIDENCE) {
                held++;
            } else {
                misses.add(String.format(Locale.ROOT, "%s: %.0f slots pass with %.3f; %s", curve, answer, truth, r.summary()));
            }
        }
        assertTrue(held >= 95, held + " of 100 held; missed: " + misses);
        // an answer that holds by asking far too much proves nothing: most are within a quarter of the truth
        costs.sort(Double::compare);
        assertTrue(costs.get(49) < 1.2 && costs.get(94) < 1.5, "answers against the true 95 % capacity: median " + costs.get(49)
                + ", 95th " + costs.get(94));
    }

    /**
     * The default capacity plan: 105 s probes (the default night's) in the default 6-minute budget,
     * three probes. 100 nights bent as the default night's error pages (17 in log per e-fold of slots
     * below 1.6 times the bound, 4 above; scatter 0.46), met half the time somewhere from 55 to 80
     * slots, and 100 straight ones (slope 6 to 12, scatter 0.3 to 0.6, met half the time from 40 to
     * 200). Fails where a single lucky pass may end a search: with the budget stopping at a votes'
     * unconfirmed answer, 17 of 300 bent nights missed.
     */
    @ParameterizedTest(name = "bent as the default night's: {0}")
    @ValueSource(booleans = {true, false})
    void inTheDefaultSixMinutesTheAnswerStillPassesWithTheConfidenceAsked(boolean bent) {
        SplittableRandom nights = new SplittableRandom(2027);
        int held = 0;
        int inBudget = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Curve curve = bent ? new Curve("errorPageRate", 55 + 25 * nights.nextDouble(), 17, 0.46, 4, 1.6)
                    : new Curve("errorPageRate", 40 + 160 * nights.nextDouble(), 6 + 6 * nights.nextDouble(), 0.3 + 0.3 * nights.nextDouble());
            KnownCurveNight night = new KnownCurveNight(nights.nextLong(), curve).takingEach(Duration.ofSeconds(105));
            PlanResult r = new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, night, lines::add, () -> night.nanos,
                    Optional.of(PlanParameters.DEFAULT_BUDGET), Optional.of(new CapacityEstimator(CONFIDENCE, 0.05, CurvePrior.DEFAULT,
                    CapacityEstimator.DEFAULT_SEED))).run();

            assertTrue(r.answer().isPresent(), r.summary());
            double truth = night.passProbability(r.answer().getAsDouble());
            if (truth >= CONFIDENCE) {
                held++;
            } else {
                misses.add(String.format(Locale.ROOT, "%s: %s passes with %.3f; %s", curve, night.tried, truth, r.summary()));
            }
            inBudget += night.nanos <= PlanParameters.DEFAULT_BUDGET.toNanos() ? 1 : 0;
        }
        assertTrue(held >= 95, held + " of 100 held; missed: " + misses);
        // the budget waits for a safe answer, but not often: most plans end within it
        assertTrue(inBudget >= (bent ? 80 : 50), inBudget + " of 100 within the budget");
    }

    /**
     * 60 nights with three SLOs sharing most of each night's scatter (correlation 0.85, what 43
     * nights of the default night showed: {@link CurvePrior#sloCorrelation()}), each SLO met half
     * the time within 10 % of the others, in the default 6-minute budget. Read as sharing it, the
     * capacity a plan says passes half the time passes about half the time (the mean of its true
     * pass probabilities over the plans within 0.42 to 0.58), and the answer holds with the
     * confidence asked. Read as independent (the product, before this), the same plans put it where
     * nights pass more often than 0.6 (0.66 over 100).
     */
    @ParameterizedTest(name = "SLOs read as sharing their scatter by {0}")
    @ValueSource(doubles = {0.85, 0})
    void whereSlosShareANightsScatterTheHalfCapacityPassesAboutHalfTheTime(double assumed) {
        SplittableRandom nights = new SplittableRandom(2028);
        double sumAtHalf = 0;
        int supported = 0;
        int held = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double atHalf = 55 + 60 * nights.nextDouble();
            Curve[] curves = new Curve[3];
            String[] names = {"errorPageRate", "timeToPlayP95", "playbackStartP99"};
            for (int c = 0; c < 3; c++) {
                curves[c] = new Curve(names[c], atHalf * (0.9 + 0.2 * nights.nextDouble()), 6 + 6 * nights.nextDouble(),
                        0.3 + 0.3 * nights.nextDouble());
            }
            KnownCurveNight night = new KnownCurveNight(nights.nextLong(), curves).sharing(0.85).takingEach(Duration.ofSeconds(105));
            PlanResult r = new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, night, lines::add, () -> night.nanos,
                    Optional.of(PlanParameters.DEFAULT_BUDGET), Optional.of(new CapacityEstimator(CONFIDENCE, 0.05,
                    CurvePrior.DEFAULT.withSloCorrelation(assumed), CapacityEstimator.DEFAULT_SEED))).run();

            CapacityEstimate e = r.estimate().orElseThrow();
            if (!e.supported()) {
                continue; // a fallback to the votes has no half to judge
            }
            supported++;
            sumAtHalf += night.passProbability(e.atHalf());
            double truth = night.passProbability(e.answer());
            if (truth >= CONFIDENCE) {
                held++;
            } else {
                misses.add(String.format(Locale.ROOT, "%s: %.0f passes with %.3f; %s", night.tried, e.answer(), truth, r.summary()));
            }
        }
        double meanAtHalf = sumAtHalf / supported;
        String said = String.format(Locale.ROOT, "%d of 60 estimated; nights at the half capacity pass with %.3f on average; the"
                + " answer held in %d; missed: %s", supported, meanAtHalf, held, misses);
        assertTrue(supported >= 57, said);
        assertTrue(held >= supported * 0.95, said);
        if (assumed > 0) {
            assertTrue(meanAtHalf >= 0.42 && meanAtHalf <= 0.58, said);
        } else {
            assertTrue(meanAtHalf > 0.6, said);
        }
    }

    @Test
    void aSingleLuckyPassDoesNotLetTheBudgetEndASearchAskedForAnEstimate() {
        // met half the time at 69 slots: a pass at 64 is one night's luck (about 8 %); the first seed that draws it
        Curve curve = new Curve("errorPageRate", 69, 17, 0.46, 4, 1.6);
        KnownCurveNight night = null;
        for (long seed = 1; seed < 200; seed++) {
            KnownCurveNight n = new KnownCurveNight(seed, curve);
            if (n.run(64).verdict() == io.dropnight.runfolder.RunVerdict.PASS) {
                night = new KnownCurveNight(seed, curve).takingEach(Duration.ofSeconds(105));
                break;
            }
        }
        assertTrue(night != null, "some seed passes at 64 slots");
        KnownCurveNight lucky = night;
        PlanResult r = new PlanSearch(Axis.capacity(1, 4096), 64, 0.05, lucky, lines::add, () -> lucky.nanos,
                Optional.of(PlanParameters.DEFAULT_BUDGET), Optional.of(new CapacityEstimator(CONFIDENCE, 0.05, CurvePrior.DEFAULT,
                CapacityEstimator.DEFAULT_SEED))).run();

        assertTrue(lucky.passProbability(r.answer().getAsDouble()) >= CONFIDENCE, lucky.tried + ": " + r.summary());
    }

    @Test
    void anEstimateSaysItsAnswerProbabilityAndBandAndEndsWithinItsBudget() {
        KnownCurveNight night = new KnownCurveNight(4, new Curve("errorPageRate", 78, 8, 0.46));
        PlanResult r = search(night);

        assertEquals(Outcome.ESTIMATE, r.outcome(), r.summary());
        CapacityEstimate e = r.estimate().orElseThrow();
        assertTrue(e.supported());
        assertEquals(e.answer(), r.answer().getAsDouble());
        assertEquals(Math.round(e.atHalf()), r.bandLow().getAsDouble(), "the band runs from the capacity passing half the time");
        assertEquals(e.answer(), r.bandHigh().getAsDouble(), "to the answer");
        assertFalse(r.confirmed(), "an estimate is not a vote");
        assertTrue(r.summary().startsWith("out of time (budget 7m00s; ") || e.settled(), r.summary());
        assertTrue(r.summary().contains(String.format(Locale.ROOT, "%d slots pass 95 %% of nights or more", (int) e.answer())),
                r.summary());
        assertTrue(r.probes().size() <= 7, "the budget bounds the probes: " + night.tried);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("plan estimate: ")), "the estimate is printed as it goes: " + lines);
        assertEquals(r.probes().size(), lines.stream().filter(l -> l.startsWith("plan probe ")).count());
    }

    @Test
    void aFlatCurveFallsBackToTheVotesAndSaysWhy() {
        for (long seed = 1; seed <= 10; seed++) {
            // error pages do not move with capacity: a night passes half the time, whatever the slots
            PlanResult r = search(new KnownCurveNight(seed, new Curve("errorPageRate", 64, 0, 0.3)));

            assertTrue(r.outcome() != Outcome.ESTIMATE, r.summary());
            assertFalse(r.estimate().orElseThrow().supported(), r.summary());
            assertTrue(r.summary().startsWith("fallback to the votes (no fit: errorPageRate does not clearly fall with capacity"),
                    r.summary());
        }
    }

    @Test
    void aRisingCurveFallsBackToTheVotesAndSaysWhy() {
        for (long seed = 1; seed <= 10; seed++) {
            // more slots, more error pages
            PlanResult r = search(new KnownCurveNight(seed, new Curve("errorPageRate", 64, -8, 0.3)));

            assertTrue(r.outcome() != Outcome.ESTIMATE, r.summary());
            assertFalse(r.estimate().orElseThrow().supported(), r.summary());
            assertTrue(r.summary().startsWith("fallback to the votes (no fit: "), r.summary());
        }
    }

    @Test
    void anAudienceSearchTakesNoEstimate() {
        KnownCurveNight night = new KnownCurveNight(1, new Curve("errorPageRate", 64, 8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new PlanSearch(Axis.audience(0.01, 100), 1, 0.05, night, lines::add,
                () -> night.nanos, Optional.empty(), Optional.of(new CapacityEstimator(0.95, 0.05, CurvePrior.DEFAULT, 1))));
    }
}
