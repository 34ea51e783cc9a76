package io.dropnight.learn.night;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fit after the drop: a curve the vocabulary can say is said exactly; a smooth decay is said within its error. */
class ArrivalFitTest {
    /** A night written in the vocabulary, planned as the harness plans it: the fit gives it back. */
    @Test
    void aCurveInTheVocabularyIsFoundAgain() {
        List<Entry> truth = List.of(Entry.ramp("step", 600, 30), Entry.tail(400, 3, 20), Entry.ramp("steady", 200, 100));
        long[] curve = PlannedCurve.of(truth, 0);
        List<Entry> fit = ArrivalFit.afterDrop(curve);
        assertEquals(truth, fit);
    }

    @Test
    void aSingleSteadyRateIsOneRamp() {
        long[] curve = LongStream.generate(() -> 3).limit(120).toArray();
        assertEquals(List.of(Entry.ramp("step", 360, 120)), ArrivalFit.afterDrop(curve));
    }

    /** An exponential decay with a 60 s half-life on a steady 5/s: the halving tail is off by up to a third of a segment's rate at its ends. */
    @Test
    void aSmoothDecayIsFittedWithinAStatedError() {
        long[] curve = new long[900];
        for (int t = 0; t < curve.length; t++) {
            curve[t] = t < 30 ? 200 : Math.round(5 + 150 * Math.pow(0.5, (t - 30) / 60.0));
        }
        List<Entry> fit = ArrivalFit.afterDrop(curve);
        long[] planned = PlannedCurve.of(fit, 0);
        long[] log = Curves.windows(curve, 0);
        long[] plan = Curves.windows(java.util.Arrays.copyOf(planned, curve.length), 0);
        long worst = 0;
        long peak = 0;
        for (int w = 0; w < log.length; w++) {
            worst = Math.max(worst, Math.abs(log[w] - plan[w]));
            peak = Math.max(peak, log[w]);
        }
        assertEquals(Entry.Kind.RAMP, fit.get(0).kind());
        assertTrue(Math.abs(fit.get(0).seconds() - 30) <= 5, fit.toString());
        Entry tail = fit.get(1);
        assertEquals(Entry.Kind.TAIL, tail.kind());
        assertTrue(tail.seconds() >= 30 && tail.seconds() <= 90, "a half-life near the curve's 60 s: " + fit);
        assertTrue((double) worst / peak < 0.12, "fit error " + worst + " of " + peak + ": " + fit);
        assertEquals(LongStream.of(curve).sum(), LongStream.of(planned).sum(), 200, "viewers kept, within the halvings' rounding");
    }

    @Test
    void theGridIsEverySecondToAMinuteThenCoarser() {
        List<Integer> grid = ArrivalFit.grid(2000);
        assertEquals(List.of(1, 2, 3), grid.subList(0, 3));
        assertTrue(grid.contains(60) && grid.contains(65) && grid.contains(330) && !grid.contains(61));
        assertEquals(List.of(1, 2), ArrivalFit.grid(2));
    }
}
