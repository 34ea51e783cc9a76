package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.plan.CapacityEstimate.NextProbe;
import io.dropnight.simulations.plan.CapacityEstimate.Prediction;
import io.dropnight.simulations.plan.CapacityEstimate.Range;
import io.dropnight.simulations.plan.CapacityEstimate.SloCurve;
import io.dropnight.simulations.plan.SloCurveFit.Draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static io.dropnight.simulations.plan.PassDraws.quantile;

/**
 * A capacity plan's answer from what its probes measured, not only from their votes (issue 25).
 *
 * <p><b>Model.</b> For each SLO near its bound, {@code log(actual / bound)} falls in a straight line
 * with {@code log(capacity)}, with a normal scatter of one width at every capacity, independent from
 * one night to the next ({@link SloCurveFit}; priors in {@link CurvePrior}; figures far from the
 * bound, or of a probe stopped early, read as censored: {@link SloFigure}). A night passes an SLO
 * when its load is at most 1. One night's scatter is largely shared by its SLOs (a night that
 * overloads is slow and shows error pages at once): they share it with the correlation of
 * {@link CurvePrior#sloCorrelation()}, and a night passes them all with the probability
 * {@link PassDraws} computes from it, between the product of theirs (independent) and the least. An
 * SLO that never failed and never came within 2-fold of its bound is counted as passing.
 *
 * <p><b>Answer.</b> For each draw of the curves from the posterior, the least capacity whose pass
 * probability reaches the confidence {@code q}; the answer is the {@code q}-quantile of those
 * capacities, rounded up to whole slots: a night passes there with probability at least
 * {@code q}, and this is said with {@code q} certainty. Beside it, the capacity at which a night
 * passes half the time (the draws' median), and the band between. That coin toss is read from the
 * figures near the bound, a fail more than {@link SloFigure#HALF_WINDOW_ABOVE}-fold over it read
 * as "at least" that ({@link #halfJoint}), where those support a fit (else from the answer's): a
 * curve bent above its bound would otherwise put it early; the answer keeps every figure within
 * {@link SloFigure#WINDOW}-fold, so that it still stands after few probes.
 *
 * <p><b>Refusals.</b> The figures cannot support a fit, and the estimate says so, when no probe
 * passed or none failed, when a modelled SLO that failed somewhere has no exact figure or figures
 * at one capacity only, or when its figures alone (a flat prior on the slope) do not show it
 * falling at least in proportion to capacity with {@code q} probability; or when any modelled
 * SLO's figures show it rising with that probability.
 *
 * <p><b>Next probe.</b> Between the half-way capacity and the answer, where the draws disagree
 * most about the pass probability (its standard deviation over the draws); while some modelled
 * SLO has fewer than two degrees of freedom for its scatter, and once every one has exact figures
 * at two capacities, the tried capacity nearest to that, again (a repeat measures the scatter
 * alone); otherwise a capacity not tried yet ({@link NextProbes}).
 *
 * <p>Pure: the same probes, confidence and seed give the same estimate. Not thread-safe.
 */
final class CapacityEstimator {
    /** The posterior is read from this many draws. */
    static final int DRAWS = 2000;
    /** An SLO that never failed is modelled once it came within this factor of its bound. */
    static final double NEAR = 2;
    /** The seed used when none is given: the service's own default seed. */
    static final long DEFAULT_SEED = 2026;

    private final double confidence;
    private final double resolution;
    private final CurvePrior prior;
    private final long seed;

    /**
     * @param confidence the pass probability asked, and how sure the answer is to reach it, in (0.5, 1)
     * @param resolution the relative width within which the answer is settled, in (0, 1)
     * @param prior      the priors on each SLO's curve
     * @param seed       seeds the posterior's draws
     */
    CapacityEstimator(double confidence, double resolution, CurvePrior prior, long seed) {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), got " + confidence);
        }
        if (!(resolution > 0 && resolution < 1)) {
            throw new IllegalArgumentException("resolution must be in (0, 1), got " + resolution);
        }
        this.confidence = confidence;
        this.resolution = resolution;
        this.prior = java.util.Objects.requireNonNull(prior, "prior");
        this.seed = seed;
    }

    /** The estimate from every probe so far, on a capacity axis. */
    CapacityEstimate estimate(List<ProbeResult> probes, Axis axis) {
        Fits f = fits(probes, axis);
        if (f.refusal() != null) {
            return CapacityEstimate.refused(f.refusal(), confidence, fillIn(f.curves(), f.figures(), f.bounds(), f.fits(), null), seed,
                    bracketed(probes) ? f.help() : Optional.empty());
        }
        List<Draw[]> draws = draws(f);
        return fromDraws(probes, axis, f.curves(), f.figures(), f.bounds(), f.fits(), draws);
    }

    /**
     * The probability that a night at {@code value} passes every SLO, as the estimate from these
     * probes predicts it (the draws' mean, and the least it is with the confidence's certainty);
     * empty where the estimate is refused. What a re-run there is judged against.
     */
    Optional<Prediction> predict(List<ProbeResult> probes, Axis axis, double value) {
        return joint(probes, axis).map(j -> j.predict(value, confidence));
    }

    /** The joint draws the estimate from these probes reads its answer from; empty where it is refused. */
    Optional<PassDraws> joint(List<ProbeResult> probes, Axis axis) {
        return joint(fits(probes, axis, SloFigure.WINDOW, SloFigure.WINDOW));
    }

    /**
     * The joint draws the capacity passing half the time is read from: the figures within
     * {@link SloFigure#HALF_WINDOW_ABOVE}-fold above their bound, where those support a fit;
     * otherwise the answer's ({@link #joint(List, Axis)}). Empty where both are refused.
     */
    Optional<PassDraws> halfJoint(List<ProbeResult> probes, Axis axis) {
        return nearJoint(probes, axis, SloFigure.of(probes)).or(() -> joint(probes, axis));
    }

    /**
     * The coin toss's own draws: empty where the narrower window changes no figure of {@code figures}
     * (the answer's draws are the same) or its figures do not support a fit (the answer's serve).
     */
    private Optional<PassDraws> nearJoint(List<ProbeResult> probes, Axis axis, Map<String, List<SloFigure>> figures) {
        if (SloFigure.of(probes, SloFigure.HALF_WINDOW_ABOVE, SloFigure.WINDOW).equals(figures)) {
            return Optional.empty();
        }
        return joint(fits(probes, axis, SloFigure.HALF_WINDOW_ABOVE, SloFigure.WINDOW));
    }

    private Optional<PassDraws> joint(Fits f) {
        return f.refusal() != null ? Optional.empty() : Optional.of(new PassDraws(draws(f), prior.sloCorrelation()));
    }

    /** Each modelled SLO's fit, or why the figures cannot support one. */
    private record Fits(List<SloCurve> curves, Map<String, List<SloFigure>> figures, Map<String, SloResult> bounds,
                        Map<String, SloCurveFit> fits, String refusal, Optional<NextProbe> help) {
    }

    private Fits fits(List<ProbeResult> probes, Axis axis) {
        return fits(probes, axis, SloFigure.WINDOW, SloFigure.WINDOW);
    }

    /** As {@link #fits(List, Axis)}, figures more than {@code above}-fold over their bound read as at least that. */
    private Fits fits(List<ProbeResult> probes, Axis axis, double above, double below) {
        if (!axis.passesAbove()) {
            throw new IllegalArgumentException("the estimate answers capacity plans only, not " + axis.name());
        }
        Map<String, List<SloFigure>> figures = SloFigure.of(probes, above, below);
        Map<String, SloResult> bounds = bounds(probes);
        List<SloCurve> curves = new ArrayList<>();
        Map<String, SloCurveFit> fits = new LinkedHashMap<>();
        String refusal = null;
        Optional<NextProbe> help = Optional.empty(); // a probe that could let a refusing SLO's figures support a fit
        for (Map.Entry<String, List<SloFigure>> e : figures.entrySet()) {
            String name = e.getKey();
            List<SloFigure> list = e.getValue();
            SloResult b = bounds.get(name);
            boolean near = list.stream().anyMatch(f -> !f.passed() || f.load() >= 1 / NEAR);
            if (!near) {
                curves.add(SloCurve.notModelled(name, b.unit(), b.threshold(), String.format(Locale.ROOT,
                        "never failed nor came within %s-fold of its bound: counted as passing", PlanFormat.number(NEAR)), list, Double.NaN));
                continue;
            }
            SloCurveFit fit = SloCurveFit.of(list, prior);
            String why = whyNot(name, fit, list.stream().anyMatch(f -> !f.passed()));
            if (why != null && fit.riseProbability() < confidence && help.isEmpty()) {
                help = fit.exactCount() < 1 ? NextProbes.towardBound(list, b.threshold(), axis)
                        : NextProbes.widen(list, NextProbes.stoppedEarly(probes), axis, resolution);
            }
            if (why != null) {
                refusal = refusal == null ? why : refusal;
                curves.add(SloCurve.notModelled(name, b.unit(), b.threshold(), why, list, fit.fallProbability()));
            } else {
                fits.put(name, fit);
                curves.add(null); // filled in once the draws are made
            }
        }
        if (refusal == null && !bracketed(probes)) {
            refusal = "the probes did not bracket the threshold (a pass and a fail are needed)";
        }
        if (refusal == null && fits.isEmpty()) {
            refusal = "no SLO came near its bound";
        }
        return new Fits(curves, figures, bounds, fits, refusal, help);
    }

    /** Each modelled SLO's draws; with several, their levels share the night's part of the scatter ({@link CurvePrior#sloCorrelation()}). */
    private List<Draw[]> draws(Fits f) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Draw[]> draws = new ArrayList<>();
        double rho = prior.sloCorrelation();
        double[] shared = null;
        if (f.fits().size() > 1 && rho > 0) {
            shared = new double[DRAWS];
            for (int k = 0; k < DRAWS; k++) {
                shared[k] = random.nextGaussian();
            }
        }
        for (SloCurveFit fit : f.fits().values()) {
            draws.add(fit.draws(DRAWS, random, shared, rho));
        }
        return draws;
    }

    /**
     * Why an SLO's figures cannot support a fit, or null when they can. One that never failed need
     * not show its fall: the slope's prior stands for it (with figures this flat, a slope so small
     * that the answer moves up, on the safe side); it must not show a rise.
     */
    private String whyNot(String name, SloCurveFit fit, boolean everFailed) {
        if (!everFailed && fit.exactCount() < 1) {
            // near its bound, but no figure within the window (only a narrow one, the coin toss's, leaves none)
            return String.format(Locale.ROOT, "too few figures: %s has none within the window of its bound", name);
        }
        if (!everFailed) {
            return fit.riseProbability() >= confidence ? String.format(Locale.ROOT, "%s rises with capacity (its figures alone say so"
                    + " with probability %s)", name, CapacityEstimate.percent(fit.riseProbability())) : null;
        }
        if (fit.exactCount() < 1 || fit.distinctValues() < 2) {
            return String.format(Locale.ROOT, "too few figures: %s has %d within %s-fold of its bound and figures at %d capacit%s"
                            + " (one within and two capacities needed)", name, fit.exactCount(), PlanFormat.number(SloFigure.WINDOW),
                    fit.distinctValues(), fit.distinctValues() == 1 ? "y" : "ies");
        }
        if (fit.riseProbability() >= confidence) {
            return String.format(Locale.ROOT, "%s rises with capacity (its figures alone say so with probability %s)",
                    name, CapacityEstimate.percent(fit.riseProbability()));
        }
        if (fit.fallProbability() < confidence) {
            return String.format(Locale.ROOT, "%s does not clearly fall with capacity (its figures alone say it falls at least"
                    + " in proportion with probability %s, below %s)", name, CapacityEstimate.percent(fit.fallProbability()),
                    CapacityEstimate.percent(confidence));
        }
        return null;
    }

    private CapacityEstimate fromDraws(List<ProbeResult> probes, Axis axis, List<SloCurve> curves,
                                       Map<String, List<SloFigure>> figures, Map<String, SloResult> bounds,
                                       Map<String, SloCurveFit> fits, List<Draw[]> draws) {
        PassDraws joint = new PassDraws(draws, prior.sloCorrelation());
        double[] sortedQ = joint.sortedLogCapacitiesAt(confidence);
        double[] sortedHalf = joint.sortedLogCapacitiesAt(0.5);
        double raw = Math.exp(quantile(sortedQ, confidence));
        double answer = Math.max(axis.min(), Math.ceil(raw - 1e-9));
        // the coin toss from the figures near the bound, where they support a fit (the curve bends further above it)
        double[] nearHalf = nearJoint(probes, axis, figures).map(j -> j.sortedLogCapacitiesAt(0.5)).orElse(sortedHalf);
        double half = Math.min(Math.exp(quantile(nearHalf, 0.5)), raw);
        double best = Math.exp(quantile(sortedQ, 0.5));
        List<SloCurve> filled = fillIn(curves, figures, bounds, fits, draws);
        if (answer > axis.max()) {
            return CapacityEstimate.refused(String.format(Locale.ROOT, "the answer lies beyond the search's bound of %s slots"
                    + " (about %s)", PlanFormat.number(axis.max()), PlanFormat.number(Math.round(raw))), confidence, filled, seed);
        }
        double below = axis.roundToward(answer * (1 - resolution), 0);
        below = below == answer ? Math.max(axis.min(), answer - 1) : below;
        boolean settled = answer - best <= Math.max(1, resolution * answer);
        Optional<NextProbe> next = settled ? Optional.empty()
                : Optional.of(NextProbes.next(probes, joint, fits.values(), filled, half, answer, axis));
        return new CapacityEstimate(true, "", confidence, answer, half, best, joint.predict(answer, confidence),
                joint.predict(below, confidence), settled, next, filled, seed, DRAWS);
    }

    private List<SloCurve> fillIn(List<SloCurve> curves, Map<String, List<SloFigure>> figures, Map<String, SloResult> bounds,
                                  Map<String, SloCurveFit> fits, List<Draw[]> draws) {
        List<SloCurve> out = new ArrayList<>();
        List<String> names = new ArrayList<>(figures.keySet());
        List<String> fitted = new ArrayList<>(fits.keySet());
        for (int i = 0; i < curves.size(); i++) {
            SloCurve c = curves.get(i);
            if (c != null) {
                out.add(c);
                continue;
            }
            String name = names.get(i);
            SloCurveFit fit = fits.get(name);
            SloResult b = bounds.get(name);
            if (draws == null) {
                out.add(SloCurve.notModelled(name, b.unit(), b.threshold(), "its figures would do, but another SLO's cannot",
                        figures.get(name), fit.fallProbability()));
                continue;
            }
            out.add(curve(name, b, fit, draws.get(fitted.indexOf(name))));
        }
        return out;
    }

    private SloCurve curve(String name, SloResult bound, SloCurveFit fit, Draw[] d) {
        double zq = Normal.quantile(confidence);
        double[] slope = new double[d.length];
        double[] scatter = new double[d.length];
        double[] level = new double[d.length];
        double[] half = new double[d.length];
        double[] atQ = new double[d.length];
        for (int j = 0; j < d.length; j++) {
            slope[j] = d[j].slope();
            scatter[j] = d[j].scatter();
            level[j] = d[j].level();
            half[j] = d[j].logCapacityAt(0);
            atQ[j] = d[j].logCapacityAt(zq);
        }
        for (double[] a : List.of(slope, scatter, level, half, atQ)) {
            Arrays.sort(a);
        }
        return new SloCurve(name, bound.unit(), bound.threshold(), true, "", fit.figures(), fit.fallProbability(), range(slope),
                range(scatter), Math.exp(fit.reference()), Math.exp(quantile(level, 0.5)), Math.exp(quantile(half, 0.5)),
                Math.exp(quantile(atQ, confidence)));
    }

    private static Range range(double[] sorted) {
        return new Range(quantile(sorted, 0.5), quantile(sorted, 0.05), quantile(sorted, 0.95));
    }

    /** Whether a clean probe passed and another failed. */
    private static boolean bracketed(List<ProbeResult> probes) {
        return probes.stream().anyMatch(p -> p.verdict() == RunVerdict.PASS) && probes.stream().anyMatch(p -> p.verdict() == RunVerdict.FAIL);
    }

    /** Each SLO's bound and unit, from its latest figure. */
    private static Map<String, SloResult> bounds(List<ProbeResult> probes) {
        Map<String, SloResult> out = new LinkedHashMap<>();
        for (ProbeResult p : probes) {
            for (SloResult s : p.slos()) {
                out.put(s.name(), s);
            }
        }
        return out;
    }
}
