package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.simulations.plan.CapacityEstimate.NextProbe;

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

    private NextProbes() {
    }

    /**
     * Where the draws disagree most about the pass probability, between half-way and the answer;
     * while some SLO's scatter has fewer than two degrees of freedom, the tried capacity nearest
     * to that, again; otherwise a capacity not tried yet.
     */
    static NextProbe next(List<ProbeResult> probes, PassDraws draws, Collection<SloCurveFit> fits, double half,
                          double answer, Axis axis) {
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
        List<Double> tried = probes.stream().filter(p -> p.verdict() != RunVerdict.INCONCLUSIVE).map(ProbeResult::value)
                .distinct().toList();
        if (leastDf < 2) {
            List<Double> exactValues = fits.stream().flatMap(f -> f.figures().stream())
                    .filter(f -> f.kind() == SloFigure.Kind.EXACT).map(SloFigure::value).distinct().toList();
            double repeat = nearest(exactValues.isEmpty() ? tried : exactValues, target);
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
     * figure, on the side (failing or passing) with fewer of them; the failing side on a tie (with
     * {@code -Dslo.abortOnFail} a failing night stops early, so it costs less). Empty when that
     * value was tried or lies beyond the axis.
     */
    static Optional<NextProbe> widen(List<SloFigure> figures, Axis axis, double resolution) {
        List<SloFigure> exact = figures.stream().filter(f -> f.kind() == SloFigure.Kind.EXACT).toList();
        if (exact.isEmpty()) {
            return Optional.empty();
        }
        long failing = exact.stream().filter(f -> f.load() > 1).count();
        boolean failSide = failing <= exact.size() - failing;
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
