package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.simulations.plan.CapacityEstimate.NextProbe;
import io.dropnight.simulations.plan.CapacityEstimate.SloCurve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a capacity plan's next probe informs its estimate most (see {@link CapacityEstimator}),
 * and, while the figures cannot support a fit, where one could help them. Pure.
 */
final class NextProbes {
    /** The most capacities weighed between half-way and the answer. */
    private static final int MAX_CANDIDATES = 20;
    /** A slope whose 95 % point is more than this many times its 5 % point is still to be learnt. */
    static final double SLOPE_SPREAD = 2.5;
    /** The loads where a probe for a slope goes: far from the bound, well within the figures read exactly. */
    static final double LEVER_PASS = 0.4;
    static final double LEVER_FAIL = 2.5;

    private NextProbes() {
    }

    /**
     * Where the draws disagree most about the pass probability, between half-way and the answer;
     * while some SLO's scatter has fewer than two degrees of freedom (and every SLO has exact
     * figures at two capacities, so that its slope is seen), the tried capacity nearest to that,
     * again; otherwise a capacity not tried yet.
     */
    static NextProbe next(List<ProbeResult> probes, PassDraws draws, Collection<SloCurveFit> fits, List<SloCurve> curves,
                          double half, double answer, Axis axis) {
        List<Double> tried = probes.stream().filter(p -> p.verdict() != RunVerdict.INCONCLUSIVE).map(ProbeResult::value)
                .distinct().toList();
        Optional<NextProbe> leverage = leverage(curves, tried, stoppedEarly(probes), axis);
        if (leverage.isPresent()) {
            return leverage.get();
        }
        double lo = Math.max(axis.min(), Math.floor(half));
        double hi = answer;
        if (hi - lo < 2) {
            lo = Math.max(axis.min(), hi - 2);
        }
        List<Double> candidates = new ArrayList<>();
        double step = Math.max(1, Math.ceil((hi - lo) / MAX_CANDIDATES));
        for (double c = hi; c >= lo; c -= step) {
            candidates.add(c);
        }
        double[] spread = new double[candidates.size()];
        int best = 0;
        for (int i = 0; i < candidates.size(); i++) {
            spread[i] = draws.spread(Math.log(candidates.get(i)));
            if (spread[i] > spread[best] + 1e-12) {
                best = i; // ties keep the larger capacity, nearer the answer
            }
        }
        double target = candidates.get(best);
        int leastDf = fits.stream().mapToInt(SloCurveFit::scatterDf).min().orElse(0);
        boolean slopeSeen = fits.stream().allMatch(f -> f.distinctExactValues() >= 2);
        // a repeat measures the scatter alone: worth it only once the slope has exact figures at two capacities
        if (leastDf < 2 && slopeSeen) {
            List<Double> exactValues = fits.stream().flatMap(f -> f.figures().stream())
                    .filter(f -> f.kind() == SloFigure.Kind.EXACT).map(SloFigure::value).distinct().toList();
            double repeat = nearest(exactValues, target);
            return new NextProbe(repeat, true, String.format(Locale.ROOT, "the scatter is still mostly the prior's (%d degree%s"
                    + " of freedom): %s slots again, nearest to where the pass probability is least certain (%s)", leastDf,
                    leastDf == 1 ? "" : "s", PlanFormat.number(repeat), PlanFormat.number(target)));
        }
        Integer chosen = null;
        for (int i = 0; i < candidates.size(); i++) {
            if (!tried.contains(candidates.get(i)) && (chosen == null || spread[i] > spread[chosen] + 1e-12)) {
                chosen = i;
            }
        }
        double value = chosen != null ? candidates.get(chosen) : untriedNear(target, tried, axis);
        return new NextProbe(value, false, String.format(Locale.ROOT, "where the pass probability is least certain"
                + " between half-way and the answer (sd %.2f over the posterior)", draws.spread(Math.log(value))));
    }

    /**
     * While the slope of the SLO that asks for the most capacity (its own capacity at the
     * confidence) is poorly known (its 95 % point more than {@value #SLOPE_SPREAD} times its 5 %
     * point), where its median line gives a load of {@value #LEVER_PASS} (passing side) or
     * {@value #LEVER_FAIL} (failing side): far enough from the band for the slope to show, near
     * enough to be read exactly. The side as {@link #widen}'s. Empty when that slope is known.
     */
    private static Optional<NextProbe> leverage(List<SloCurve> curves, List<Double> tried, boolean stoppedEarly, Axis axis) {
        SloCurve deciding = null;
        for (SloCurve c : curves) {
            if (c.modelled() && (deciding == null || c.atConfidence() > deciding.atConfidence())) {
                deciding = c;
            }
        }
        if (deciding == null || deciding.slope().high() <= SLOPE_SPREAD * deciding.slope().low()) {
            return Optional.empty();
        }
        boolean failSide = failingSide(deciding.figures(), stoppedEarly);
        double load = failSide ? LEVER_FAIL : LEVER_PASS;
        double x = Math.log(deciding.reference()) + (Math.log(deciding.loadAtReference()) - Math.log(load)) / deciding.slope().median();
        double value = axis.round(Math.exp(x));
        value = tried.contains(value) ? untriedNear(value, tried, axis) : value;
        return Optional.of(new NextProbe(value, false, String.format(Locale.ROOT, "%s's slope is still uncertain (%s to %s per"
                        + " e-fold): where its line gives a load of %s, on the %s side", deciding.name(),
                PlanFormat.tenth(deciding.slope().low()),
                PlanFormat.tenth(deciding.slope().high()),
                PlanFormat.number(load), failSide ? "failing" : "passing")));
    }

    /**
     * Whether a probe for an SLO's slope should go to the failing side: only where it has fewer
     * exact failing figures than passing ones. The passing side otherwise, and on a tie: the answer
     * lies there (a night passing 95 % of the time sits well below its bound), and a curve that
     * bends away from the bound (the default night's error pages fall about 4-fold per e-fold from
     * 4 % to 1.6 %, 17-fold from 1.6 % to 0.3 %) is best read where it matters. Never where its
     * failing figures are all censored (stopped early, or far past the bound), which another fail
     * would not change, nor once some probe stopped early: a failing probe is then likely to stop
     * too, and a stopped probe gives no figure of the SLOs it did not lose.
     */
    private static boolean failingSide(List<SloFigure> figures, boolean stoppedEarly) {
        if (stoppedEarly) {
            return false;
        }
        List<SloFigure> exact = figures.stream().filter(f -> f.kind() == SloFigure.Kind.EXACT).toList();
        long failing = exact.stream().filter(f -> f.load() > 1).count();
        boolean failsExactly = failing > 0 || figures.stream().noneMatch(f -> f.kind() == SloFigure.Kind.AT_LEAST);
        return failsExactly && failing < exact.size() - failing;
    }

    /** Whether some probe stopped early because an SLO was lost. */
    static boolean stoppedEarly(List<ProbeResult> probes) {
        return probes.stream().anyMatch(p -> SloFigure.lostSlo(p).isPresent());
    }

    private static double untriedNear(double target, List<Double> tried, Axis axis) {
        for (int d = 1; d < 1000; d++) {
            if (target + d <= axis.max() && !tried.contains(target + d)) {
                return target + d;
            }
            if (target - d >= axis.min() && !tried.contains(target - d)) {
                return target - d;
            }
        }
        return target;
    }

    private static double nearest(List<Double> values, double target) {
        double best = values.get(0);
        for (double v : values) {
            double d = Math.abs(v - target);
            if (d < Math.abs(best - target) || d == Math.abs(best - target) && v > best) {
                best = v;
            }
        }
        return best;
    }

    /**
     * Where a probe could give an SLO with no figure near its bound one: where the straight line
     * in log load against log capacity between its closest failing and passing figures crosses
     * the bound (the guess of the votes' search interpolates the load itself, which between
     * figures far apart lands near one end). Empty when the two are adjacent or a figure is 0.
     */
    static Optional<NextProbe> towardBound(List<SloFigure> figures, double threshold, Axis axis) {
        SloFigure failing = null;
        for (SloFigure f : figures) {
            if (!f.passed() && f.kind() != SloFigure.Kind.AT_MOST && (failing == null || f.value() > failing.value())) {
                failing = f;
            }
        }
        SloFigure passing = null;
        for (SloFigure f : figures) {
            if (f.passed() && (failing == null || f.value() > failing.value()) && (passing == null || f.value() < passing.value())) {
                passing = f;
            }
        }
        if (failing == null || passing == null) {
            return Optional.empty();
        }
        double lf = Math.log(failing.actual() / threshold);
        double lp = Math.log(passing.actual() / threshold);
        if (!(Double.isFinite(lf) && Double.isFinite(lp) && lf > 0 && lp <= 0 && lf > lp)) {
            return Optional.empty();
        }
        double x = Math.log(failing.value()) + (Math.log(passing.value()) - Math.log(failing.value())) * lf / (lf - lp);
        double value = axis.round(Math.exp(x));
        if (value <= failing.value() || value >= passing.value()) {
            return Optional.empty();
        }
        return Optional.of(new NextProbe(value, false, "where the line between the closest failing and passing figures"
                + " (log load against log capacity) crosses the bound"));
    }

    /**
     * Where a probe could show whether an SLO falls: two resolution steps beyond its outermost exact
     * figure, on the side {@link #failingSide} gives. Empty when that value was tried.
     */
    static Optional<NextProbe> widen(List<SloFigure> figures, boolean stoppedEarly, Axis axis, double resolution) {
        List<SloFigure> exact = figures.stream().filter(f -> f.kind() == SloFigure.Kind.EXACT).toList();
        if (exact.isEmpty()) {
            return Optional.empty();
        }
        boolean failSide = failingSide(figures, stoppedEarly);
        double value = failSide
                ? axis.roundToward(exact.stream().mapToDouble(SloFigure::value).min().getAsDouble() * (1 - 2 * resolution), 0)
                : axis.roundToward(exact.stream().mapToDouble(SloFigure::value).max().getAsDouble() * (1 + 2 * resolution), axis.max());
        boolean tried = figures.stream().anyMatch(f -> f.value() == value);
        if (tried) {
            return Optional.empty();
        }
        return Optional.of(new NextProbe(value, false, String.format(Locale.ROOT, "two resolution steps beyond the %s figures,"
                + " so that the figures can show the curve falling", failSide ? "failing" : "passing")));
    }
}
