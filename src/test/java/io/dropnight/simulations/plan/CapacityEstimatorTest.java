package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.plan.CapacityEstimate.SloCurve;
import io.dropnight.simulations.plan.KnownCurveNight.Curve;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The capacity estimate on its own, from figures of nights whose curves are known. */
class CapacityEstimatorTest {
    private static final Axis SLOTS = Axis.capacity(1, 4096);
    private static final double Z95 = Normal.quantile(0.95);

    private static CapacityEstimator estimator() {
        return new CapacityEstimator(0.95, 0.05, CurvePrior.DEFAULT, 2026);
    }

    private static List<ProbeResult> probes(KnownCurveNight night, double... slots) {
        List<ProbeResult> out = new ArrayList<>();
        for (double s : slots) {
            out.add(night.run(s));
        }
        return out;
    }

    private static ProbeResult probe(double slots, double errorPagePercent) {
        SloResult rate = SloResult.atMost("errorPageRate", "error pages", 1.0, errorPagePercent, "%");
        return new ProbeResult(slots, rate.passed() ? RunVerdict.PASS : RunVerdict.FAIL, List.of(), List.of(rate), Optional.empty(),
                Duration.ofMinutes(1));
    }

    @Test
    void recoversAKnownCurveFromManyFiguresAndAnswersJustAboveItsTrueCapacity() {
        // error pages fall 8-fold in log per e-fold of slots, scatter 0.3, met half the time at 100 slots
        KnownCurveNight night = new KnownCurveNight(11, new Curve("errorPageRate", 100, 8, 0.3));
        double[] slots = new double[40];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = 86 + i % 20 * 2; // 86 to 124 slots, twice each
        }
        CapacityEstimate e = estimator().estimate(probes(night, slots), SLOTS);

        assertTrue(e.supported(), e.reason());
        SloCurve curve = e.slos().get(0);
        assertTrue(curve.slope().low() < 8 && 8 < curve.slope().high(), "slope " + curve.slope());
        assertTrue(curve.scatter().low() < 0.3 && 0.3 < curve.scatter().high(), "scatter " + curve.scatter());
        assertEquals(100, e.atHalf(), 3, "half the nights pass at 100 slots");
        double true95 = 100 * Math.exp(Z95 * 0.3 / 8); // 106.4 slots
        assertTrue(e.answer() >= true95 && e.answer() <= true95 * 1.05, "answer " + e.answer() + " against " + true95);
        assertTrue(night.passProbability(e.answer()) >= 0.95);
        assertTrue(e.atAnswer().atLeast() >= 0.95 && e.atAnswer().expected() >= e.atAnswer().atLeast(), e.atAnswer().toString());
        assertTrue(e.stepBelow().value() < e.answer() && e.stepBelow().expected() < e.atAnswer().expected(), e.stepBelow().toString());
        assertTrue(e.summary().startsWith(String.format(java.util.Locale.ROOT, "%d slots pass 95 %% of nights or more",
                (int) e.answer())), e.summary());
    }

    @Test
    void refusesACurveThatRisesWithCapacityAndSaysSo() {
        KnownCurveNight night = new KnownCurveNight(3, new Curve("errorPageRate", 64, -8, 0.2));
        CapacityEstimate e = estimator().estimate(probes(night, 52, 56, 60, 64, 68, 72, 76), SLOTS);

        assertFalse(e.supported());
        assertTrue(e.reason().startsWith("errorPageRate rises with capacity"), e.reason());
        assertTrue(e.next().isEmpty(), "no probe makes a rising curve fall");
        assertTrue(e.summary().startsWith("no fit: "), e.summary());
    }

    @Test
    void refusesAFlatCurveAndSaysSo() {
        KnownCurveNight night = new KnownCurveNight(5, new Curve("errorPageRate", 64, 0, 0.3));
        CapacityEstimate e = estimator().estimate(probes(night, 48, 52, 56, 60, 64, 68, 72, 76, 80), SLOTS);

        assertFalse(e.supported());
        assertTrue(e.reason().startsWith("errorPageRate does not clearly fall with capacity"), e.reason());
    }

    @Test
    void refusesWithoutAPassAndAFail() {
        CapacityEstimate e = estimator().estimate(List.of(probe(64, 0.5), probe(80, 0.2)), SLOTS);

        assertFalse(e.supported());
        assertEquals("the probes did not bracket the threshold (a pass and a fail are needed)", e.reason());
    }

    @Test
    void withNoFigureNearTheBoundAsksForOneWhereTheLogLineCrossesIt() {
        // 10 % at 50 slots, 0.1 % at 100: in log, the bound is crossed half-way, at 70.7 slots
        CapacityEstimate e = estimator().estimate(List.of(probe(50, 10), probe(100, 0.1)), SLOTS);

        assertFalse(e.supported());
        assertTrue(e.reason().startsWith("too few figures: errorPageRate has 0 within 4-fold of its bound"), e.reason());
        assertEquals(71, e.next().orElseThrow().value());
    }

    @Test
    void whileTheSlopeIsUncertainTheNextProbeGoesFarEnoughToShowIt() {
        // three figures show the fall, but not yet how steep: the passing side has fewer exact figures (80 slots only)
        List<ProbeResult> three = List.of(probe(60, 3.0), probe(70, 1.1), probe(80, 0.5));
        CapacityEstimate e = estimator().estimate(three, SLOTS);

        assertTrue(e.supported(), e.reason());
        CapacityEstimate.NextProbe next = e.next().orElseThrow();
        assertFalse(next.repeat(), next.toString());
        assertTrue(next.why().startsWith("errorPageRate's slope is still uncertain") && next.why().endsWith("on the passing side"),
                next.why());
        assertTrue(next.value() > 80 && three.stream().noneMatch(p -> p.value() == next.value()), next.toString());
    }

    @Test
    void repeatsACapacityOnlyWhileTheScatterIsUnknown() {
        // a slope of 3.5 per e-fold seen across 50 to 100 slots, but only one degree of freedom for the scatter
        List<ProbeResult> three = List.of(probe(50, 3.5), probe(70, 1.0), probe(100, 0.3));
        CapacityEstimate early = estimator().estimate(three, SLOTS);
        assertTrue(early.supported(), early.reason());
        assertTrue(early.next().orElseThrow().repeat(), early.next().toString());
        assertTrue(List.of(50.0, 70.0, 100.0).contains(early.next().get().value()), early.next().toString());

        List<ProbeResult> six = new ArrayList<>(three);
        six.addAll(List.of(probe(60, 1.9), probe(85, 0.55), probe(115, 0.18)));
        CapacityEstimate later = estimator().estimate(six, SLOTS);
        assertTrue(later.supported(), later.reason());
        assertFalse(later.settled(), later.summary());
        assertFalse(later.next().orElseThrow().repeat(), later.next().toString());
        assertFalse(six.stream().anyMatch(p -> p.value() == later.next().get().value()), "a capacity not tried yet: " + later.next());
    }

    @Test
    void theSameFiguresAndSeedGiveTheSameEstimate() {
        KnownCurveNight night = new KnownCurveNight(9, new Curve("errorPageRate", 80, 8, 0.4));
        List<ProbeResult> probes = probes(night, 64, 72, 80, 88, 96, 80);
        assertEquals(estimator().estimate(probes, SLOTS), estimator().estimate(probes, SLOTS));
    }

    @Test
    void twoSlosNearTheirBoundsMustBothPassSoTheAnswerCoversEach() {
        KnownCurveNight night = new KnownCurveNight(13, new Curve("errorPageRate", 80, 8, 0.3), new Curve("abandonment", 78, 6, 0.3));
        CapacityEstimate e = estimator().estimate(probes(night, 64, 70, 76, 82, 88, 94, 100, 74, 86), SLOTS);

        assertTrue(e.supported(), e.reason());
        for (SloCurve c : e.slos()) {
            assertTrue(c.modelled(), c.name());
            assertTrue(e.answer() >= Math.floor(c.atConfidence()), c.name() + " alone needs " + c.atConfidence() + "; answer " + e.answer());
        }
    }

    @Test
    void anSloThatNeverCameNearItsBoundIsCountedAsPassing() {
        KnownCurveNight night = new KnownCurveNight(17, new Curve("errorPageRate", 80, 8, 0.3), new Curve("playbackStartP99", 20, 4, 0.1));
        CapacityEstimate e = estimator().estimate(probes(night, 64, 72, 80, 88, 96), SLOTS);

        SloCurve p99 = e.slos().get(1);
        assertFalse(p99.modelled());
        assertEquals("never failed nor came within 2-fold of its bound: counted as passing", p99.note());
        assertTrue(e.slos().get(0).modelled());
    }

    @Test
    void anSloThatNeverFailedNeedNotShowItsFallButWeighsOnTheAnswer() {
        // error pages fall through their bound; abandonment stays at 0.5 to 0.7 of its bound, flat
        double[][] figures = {{60, 3.0, 0.6}, {65, 1.9, 0.5}, {70, 1.2, 0.7}, {75, 0.7, 0.55}, {80, 0.45, 0.65}, {85, 0.3, 0.6}};
        List<ProbeResult> probes = new ArrayList<>();
        for (double[] f : figures) {
            SloResult rate = SloResult.atMost("errorPageRate", "error pages", 1.0, f[1], "%");
            SloResult gaveUp = SloResult.atMost("abandonment", "gave up", 1.0, f[2], "%");
            probes.add(new ProbeResult(f[0], rate.passed() ? RunVerdict.PASS : RunVerdict.FAIL, List.of(), List.of(rate, gaveUp),
                    Optional.empty(), Duration.ofMinutes(1)));
        }
        CapacityEstimate both = estimator().estimate(probes, SLOTS);
        assertTrue(both.supported(), both.reason());
        assertTrue(both.slos().get(1).modelled(), both.slos().get(1).toString());

        List<ProbeResult> rateOnly = probes.stream().map(p -> new ProbeResult(p.value(), p.verdict(), p.reasons(), p.slos().subList(0, 1),
                p.runFolder(), p.elapsed())).toList();
        assertTrue(both.answer() > estimator().estimate(rateOnly, SLOTS).answer(), "an SLO near its bound asks for more capacity");
    }

    @Test
    void theConfidenceMustLieBetweenAHalfAndOne() {
        assertThrows(IllegalArgumentException.class, () -> new CapacityEstimator(0.5, 0.05, CurvePrior.DEFAULT, 1));
        assertThrows(IllegalArgumentException.class, () -> new CapacityEstimator(1, 0.05, CurvePrior.DEFAULT, 1));
    }
}
