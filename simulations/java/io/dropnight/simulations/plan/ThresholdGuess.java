package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;

/**
 * Where a plan's next probe should go, guessed from the SLOs' own figures: pure maths on two probes
 * (between a pass and a fail) or on one (a bracketing step), with no state. Null (or the doubling)
 * where the figures give no guess.
 */
final class ThresholdGuess {
    /** The assumed change of an SLO's load per e-fold of the value, for a first bracketing step. */
    static final double ASSUMED_SLOPE = 8;

    private ThresholdGuess() {
    }

    /**
     * The next value to try between a pass and a fail, guessed from the SLOs' own figures rather
     * than the middle: for each SLO that failed at {@code fail}, where its load (actual / bound)
     * would cross 1, interpolated linearly in load against the logarithm of the value between
     * the two probes; the guess is the most demanding crossing (the most slots, the least
     * audience). It is then moved half a resolution toward passing, so that the probe after it,
     * one resolution step away, can close the search; when the guess lies within one step of an
     * end, that step is tried instead. Empty (bisect) when the figures give no guess: no SLO
     * failed with a finite figure, or none improved toward passing.
     */
    static Guess guess(ProbeResult atPass, ProbeResult atFail, Axis axis, double resolution) {
        if (atPass == null || atFail == null) {
            return null;
        }
        double pass = atPass.value();
        double fail = atFail.value();
        if (atPass.verdict() != RunVerdict.PASS || atFail.verdict() != RunVerdict.FAIL) {
            return null;
        }
        double logPass = Math.log(pass);
        double logFail = Math.log(fail);
        Double crossing = null;
        for (SloResult failed : atFail.slos()) {
            if (failed.passed()) {
                continue;
            }
            SloResult passed = atPass.slos().stream().filter(s -> s.name().equals(failed.name())).findFirst().orElse(null);
            double lf = failed.load();
            double lp = passed == null ? Double.NaN : passed.load();
            if (!(Double.isFinite(lf) && Double.isFinite(lp) && lf > 1 && lp <= 1 && lf > lp)) {
                continue;
            }
            double c = Math.exp(logFail + (logPass - logFail) * (lf - 1) / (lf - lp));
            if (crossing == null || axis.passSideOf(c, crossing)) {
                crossing = c;
            }
        }
        if (crossing == null) {
            return null;
        }
        // one resolution step from each end, rounded so that the pair stays within the resolution
        double stepFromPass = axis.roundToward(axis.passesAbove() ? pass * (1 - resolution) : pass * (1 + resolution), pass);
        double stepFromFail = axis.roundToward(axis.passesAbove() ? fail / (1 - resolution) : fail / (1 + resolution), fail);
        if (axis.whole()) { // where a resolution step is under one, the step is one
            double one = axis.passesAbove() ? 1 : -1;
            stepFromPass = stepFromPass == pass ? pass - one : stepFromPass;
            stepFromFail = stepFromFail == fail ? fail + one : stepFromFail;
        }
        Guess g;
        if (!axis.passSideOf(stepFromPass, crossing)) {
            g = new Guess(stepFromPass, RunVerdict.FAIL); // likely within a step of the pass: a fail there ends the search
        } else if (!axis.passSideOf(crossing, stepFromFail)) {
            g = new Guess(stepFromFail, RunVerdict.PASS); // likely within a step of the fail: a pass there ends it
        } else {
            g = new Guess(axis.round(axis.passesAbove() ? crossing * (1 + resolution / 2) : crossing * (1 - resolution / 2)),
                    RunVerdict.PASS);
        }
        boolean inside = axis.passSideOf(g.value(), fail) && axis.passSideOf(pass, g.value());
        return inside ? g : null;
    }

    /**
     * How far a bracketing step goes from {@code r} toward the other verdict: where the deciding
     * SLO's load (actual / bound) would cross 1, assuming it changes by {@value #ASSUMED_SLOPE}
     * per e-fold of the value (the slope the default night's error pages showed near their bound:
     * 2.3 % at 64 slots, 1.2 % at 71, 0.3 % at 77), or by the slope
     * measured between {@code r} and the probe before it when both are on the same side; moved half
     * a resolution past the crossing, at least one resolution step and twice the step before it
     * (so that misleading figures cost a few probes, not a scan), at most {@code doubling}. An SLO
     * the step before did not move toward its bound is left out.
     * {@code doubling} itself when the figures give no guess.
     */
    static double bracketStep(ProbeResult r, ProbeResult previous, double doubling, Axis axis, double resolution) {
        double towardOther = Math.log(doubling / r.value()); // signed: the direction of the next probe
        if (towardOther == 0) {
            return doubling;
        }
        double direction = Math.signum(towardOther);
        boolean sameSide = previous != null && previous.verdict() == r.verdict();
        double lastStep = sameSide ? Math.abs(Math.log(r.value() / previous.value())) : 0;
        Double distance = null; // in log space, toward the other verdict
        for (SloResult slo : r.slos()) {
            double load = slo.load();
            if (!Double.isFinite(load) || load <= 0 || (r.verdict() == RunVerdict.FAIL && slo.passed())) {
                continue;
            }
            double slope = ASSUMED_SLOPE;
            if (sameSide) {
                SloResult before = previous.slos().stream().filter(x -> x.name().equals(slo.name())).findFirst().orElse(null);
                // measured: how much the load moved toward 1 per e-fold the last step went toward the other verdict
                double measured = before == null ? Double.NaN : Math.abs(before.load() - load) / lastStep;
                boolean towardOne = before != null && Math.abs(load - 1) < Math.abs(before.load() - 1);
                if (!(towardOne && measured > 0 && Double.isFinite(measured))) {
                    continue; // an SLO the last step did not move toward its bound says nothing of the next
                }
                slope = measured;
            }
            double d = Math.abs(load - 1) / slope; // log distance to where this SLO's load crosses 1
            // a fail must clear every failed SLO (the farthest); a pass ends at the first SLO to break (the nearest)
            if (distance == null || (r.verdict() == RunVerdict.FAIL ? d > distance : d < distance)) {
                distance = d;
            }
        }
        if (distance == null) {
            return doubling;
        }
        // steps on one side at least double each time, so misleading figures cost a few probes, not a scan
        double least = Math.max(-Math.log(1 - resolution), 2 * lastStep);
        double d = Math.min(Math.abs(towardOther), Math.max(least, distance + Math.log(1 + resolution / 2)));
        double v = axis.round(r.value() * Math.exp(direction * d));
        return v == r.value() ? doubling : v;
    }

    /** A guessed probe and the verdict foreseen for it. */
    record Guess(double value, RunVerdict expected) {
    }

}
