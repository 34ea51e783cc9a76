// Over 300 lines on purpose: a third of it is the doc of the search's rules, which read best beside
// the bracket, narrow, estimate and confirm they describe; its parts are apart (Probing, Votes,
// ThresholdGuess, ProbeBudget, ProgressLine, CapacityEstimator and NextProbes).
package io.dropnight.simulations.plan;


import io.dropnight.runfolder.RunVerdict;

import io.dropnight.simulations.plan.PlanResult.Outcome;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The planner's search: the threshold on an {@link Axis} where a night's SLOs start to pass
 * (capacity) or stop passing (audience), found with as few probes as it can.
 *
 * <ol>
 *   <li><b>Bracket</b> from the start value, stepping toward the other verdict until one probe
 *       passed and one failed: by a guess from the SLOs' figures ({@link #bracketStep}), at most
 *       doubling (or halving); if the bounds of the axis are reached first, it ends {@link Outcome#ALWAYS_PASSES}
 *       or {@link Outcome#NEVER_PASSES}.</li>
 *   <li><b>Narrow</b> until the closest pass and fail are within {@code resolution} of the passing
 *       one (default 5 %), or adjacent on the axis. Each probe is guessed from the SLOs' own figures
 *       at the two ends (where the deciding SLO's actual / bound would cross 1, see
 *       {@link #guess}), placed so that one more probe a resolution step away can close the search;
 *       when the figures give no guess, or two guesses in a row went the other way than foreseen,
 *       the next probe bisects at the geometric mean instead.</li>
 *   <li><b>Confirm</b>: probe the answer once more; where the re-run disagrees with the first
 *       probe there, run it a third time and take the majority. The step beyond it (the closest
 *       fail) is not run again: the errors cost differently. A lucky pass at the answer would
 *       leave the night short of capacity (or promise an audience it cannot serve); a lucky fail
 *       one step beyond costs at most one resolution step, on the safe side. The answer is
 *       {@link Outcome#ANSWER} when it passes by a majority of two probes or more and the step
 *       beyond fails by majority. Where a confirmation overturns a bound (the answer fails by
 *       majority), the search starts once more
 *       from what the majorities say; if it is still unsettled after that, the result is a
 *       {@link Outcome#BAND} between the last value that consistently failed and the first that
 *       consistently passed, and the answer is the passing end (the safe one).</li>
 * </ol>
 *
 * <p><b>Estimate</b> (capacity searches given a {@link CapacityEstimator}, issue 25): once
 * bracketed, before each narrowing probe, every probe's SLO figures are fitted. While they
 * support a fit, the search probes where the estimate says, and answers {@link Outcome#ESTIMATE}
 * (the least capacity predicted to pass with the confidence, the band from the capacity passing
 * half the time) once the estimate is settled, after {@value #ESTIMATE_PROBES} such probes, or
 * when the budget leaves no room for another. While they cannot support one yet, up to
 * {@value #HELP_PROBES} probes go where the estimate says they could; then the search goes on by
 * its votes as below, and its summary starts {@code fallback to the votes (no fit: <why>)}.
 *
 * <p><b>Time budget</b> (optional): before each probe, once a value has passed by majority (so a
 * safe answer exists; with an estimator, once the estimate is supported or a value passed by two
 * votes or more, see {@link #hasSafeAnswer}), the search checks that the probe would end within the budget, taking the
 * longest probe so far as its length. If it would not, the search stops there and reads what it
 * has by majority: usually a {@link Outcome#BAND} whose passing end is the answer, since an
 * unconfirmed pass is never called confirmed. Before anything has passed the budget does not stop
 * the search: without a pass there is no safe answer to give.
 *
 * <p>An {@link RunVerdict#INCONCLUSIVE} probe (the load generator was the limit) is never read as a
 * pass or a fail: the search stops there ({@link Outcome#INCONCLUSIVE}); for an audience it keeps
 * the largest audience that passed as a lower bound, and says to use more injectors beyond it.
 *
 * <p>Each probe is reported to {@code progress} as one line: the value tried, the verdict, the SLO
 * that decided it, the time elapsed and an estimate of the time left. Not thread-safe: one search,
 * one thread.
 */
public final class PlanSearch {
    /** Searches after the first: a confirmation that overturns a bound starts one more, at most. */
    private static final int ROUNDS = 2;

    /** The assumed change of an SLO's load per e-fold of the value, for a first bracketing step. */
    static final double ASSUMED_SLOPE = ThresholdGuess.ASSUMED_SLOPE;

    /** The resolution used when none is given: the answer within 5 %. */
    public static final double DEFAULT_RESOLUTION = 0.05;

    /** Runs one probe at a value of the axis. */
    @FunctionalInterface
    public interface Probe {
        /** @throws ProbeException when the probe could not be run at all (no verdict) */
        ProbeResult run(double value);
    }

    /** A probe that could not be run; its message is one line for people. */
    public static final class ProbeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ProbeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The most probes an estimate directs before it answers unsettled: the budget is the usual bound. */
    static final int ESTIMATE_PROBES = 10;

    /** The most probes a search spends where the estimate says figures could come to support a fit. */
    static final int HELP_PROBES = 4;

    private final Axis axis;
    private final double start;
    private final double resolution;
    private final Consumer<String> progress;
    private final Optional<Duration> budget;
    private final Probing probing;
    private final Optional<CapacityEstimator> estimator;
    private CapacityEstimate estimate; // the latest, for the result
    private Double pass; // the closest value that passed, once one has
    private Double fail; // the closest value that failed, once one has

    /**
     * @param axis       what is varied
     * @param start      the first value tried (the night's own capacity, or audience 1)
     * @param resolution the relative width at which bisection stops, in (0, 1)
     * @param probe      runs one night at one value
     * @param progress   receives one line per probe
     * @param nanoClock  wall clock for elapsed and remaining time, in nanoseconds
     */
    public PlanSearch(Axis axis, double start, double resolution, Probe probe, Consumer<String> progress,
                      LongSupplier nanoClock) {
        this(axis, start, resolution, probe, progress, nanoClock, Optional.empty());
    }

    /**
     * A search that stops, once a value has passed (or an estimate stands), before a probe that
     * would end past {@code budget} (see the class's doc).
     *
     * @param budget the longest the search may take once a safe answer exists; empty: no bound
     */
    public PlanSearch(Axis axis, double start, double resolution, Probe probe, Consumer<String> progress,
                      LongSupplier nanoClock, Optional<Duration> budget) {
        this(axis, start, resolution, probe, progress, nanoClock, budget, Optional.empty());
    }

    /**
     * A capacity search that answers from its probes' figures where they support a fit, and by its
     * votes where they do not (see the class's doc).
     *
     * @param estimator reads the probes' figures; empty: votes only
     */
    PlanSearch(Axis axis, double start, double resolution, Probe probe, Consumer<String> progress, LongSupplier nanoClock,
               Optional<Duration> budget, Optional<CapacityEstimator> estimator) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        if (estimator.isPresent() && !axis.passesAbove()) {
            throw new IllegalArgumentException("an estimate answers capacity searches only, not " + axis.name());
        }
        this.budget = Objects.requireNonNull(budget, "budget");
        budget.ifPresent(b -> {
            if (b.isNegative() || b.isZero()) {
                throw new IllegalArgumentException("budget must be positive, got " + b);
            }
        });
        this.axis = Objects.requireNonNull(axis, "axis");
        if (!(resolution > 0 && resolution < 1)) {
            throw new IllegalArgumentException("resolution must be in (0, 1), got " + resolution);
        }
        this.start = axis.round(start);
        this.resolution = resolution;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.probing = new Probing(axis, resolution, probe, progress, nanoClock, budget);
    }

    /** Runs the search to its end; never throws for a failed probe (see {@link Outcome#ERROR}). */
    public PlanResult run() {
        probing.start();
        try {
            return search();
        } catch (ProbeException e) {
            return result(Outcome.ERROR, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), false,
                    "stopped: " + e.getMessage());
        }
    }

    /** What the majorities say when the budget leaves no room for the next probe. */
    private PlanResult outOfTime() {
        PlanResult r = evaluate();
        return result(r.outcome(), r.answer(), r.bandLow(), r.bandHigh(), r.confirmed(), String.format(Locale.ROOT,
                "out of time (budget %s; elapsed %s, a probe takes up to %s): %s", PlanFormat.duration(budget.orElseThrow()),
                PlanFormat.duration(elapsed()), PlanFormat.duration(probing.longest()), r.summary()));
    }

    private PlanResult search() {
        double v = start;
        for (int round = 1; ; round++) {
            ProbeResult previous = null;
            while (pass == null || fail == null) {
                Optional<ProbeResult> ran = probing.run(v, Probing.Phase.BRACKET, pass, fail, this::hasSafeAnswer);
                if (ran.isEmpty()) {
                    return outOfTime();
                }
                ProbeResult r = ran.get();
                if (r.verdict() == RunVerdict.INCONCLUSIVE) {
                    return inconclusive(r, pass, fail);
                }
                if (r.verdict() == RunVerdict.PASS) {
                    pass = v;
                    double next = axis.towardFail(v);
                    if (fail == null && next == v) {
                        return result(Outcome.ALWAYS_PASSES, OptionalDouble.of(v), OptionalDouble.empty(), OptionalDouble.empty(),
                                false, String.format(Locale.ROOT, "passes even at %s %s, the bound of the search", fmt(v), axis.name()));
                    }
                    v = fail == null ? ThresholdGuess.bracketStep(r, previous, next, axis, resolution) : next;
                } else {
                    fail = v;
                    double next = axis.towardPass(v);
                    if (pass == null && next == v) {
                        return result(Outcome.NEVER_PASSES, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                                false, String.format(Locale.ROOT, "fails even at %s %s, the bound of the search", fmt(v), axis.name()));
                    }
                    v = pass == null ? ThresholdGuess.bracketStep(r, previous, next, axis, resolution) : next;
                }
                previous = r;
            }
            int misses = 0; // guesses in a row whose probe went the other way than foreseen
            int helped = 0;
            while (true) {
                // a capacity search answers from its figures as soon as they support a fit
                Optional<PlanResult> estimated = estimated();
                if (estimated.isPresent()) {
                    return estimated.get();
                }
                if (estimate != null && estimate.next().isPresent() && helped < HELP_PROBES) {
                    // the figures cannot support a fit yet, and the estimate knows where a probe could help
                    helped++;
                    double next = estimate.next().get().value();
                    progress.accept("plan estimate: " + estimate.summary() + "; next " + fmt(next) + " " + axis.name() + ": "
                            + estimate.next().get().why());
                    Optional<ProbeResult> ran = probing.run(next, Probing.Phase.ESTIMATE, pass, fail, this::hasSafeAnswer);
                    if (ran.isEmpty()) {
                        return outOfTime();
                    }
                    if (ran.get().verdict() == RunVerdict.INCONCLUSIVE) {
                        return inconclusive(ran.get(), pass, fail);
                    }
                    narrow(next, ran.get().verdict());
                    continue;
                }
                if (axis.closeEnough(pass, fail, resolution)) {
                    break;
                }
                // after two such misses in a row the figures are not to be trusted: bisect once
                ThresholdGuess.Guess guess = misses < 2 ? guess(pass, fail) : null;
                double next = guess != null ? guess.value() : axis.between(pass, fail).getAsDouble();
                Optional<ProbeResult> ran = probing.run(next, Probing.Phase.BISECT, pass, fail, this::hasSafeAnswer);
                if (ran.isEmpty()) {
                    return outOfTime();
                }
                ProbeResult r = ran.get();
                switch (r.verdict()) {
                    case INCONCLUSIVE -> {
                        return inconclusive(r, pass, fail);
                    }
                    case PASS -> pass = next;
                    case FAIL -> fail = next;
                }
                misses = guess == null ? 0 : guess.expected() == r.verdict() ? 0 : misses + 1;
            }
            // Only the answer is run again: a lucky pass there would under-provision the night, while
            // a lucky fail at the step beyond costs at most one resolution step on the safe side.
            Optional<ProbeResult> again = probing.run(pass, Probing.Phase.CONFIRM, pass, fail, this::hasSafeAnswer);
            if (again.isEmpty()) {
                return outOfTime();
            }
            if (again.get().verdict() == RunVerdict.INCONCLUSIVE) {
                return inconclusive(again.get(), pass, fail);
            }
            if (majority(pass) == null) { // the re-run disagreed: once more decides
                Optional<ProbeResult> decider = probing.run(pass, Probing.Phase.CONFIRM, pass, fail, this::hasSafeAnswer);
                if (decider.isEmpty()) {
                    return outOfTime();
                }
                if (decider.get().verdict() == RunVerdict.INCONCLUSIVE) {
                    return inconclusive(decider.get(), pass, fail);
                }
            }
            boolean settled = majority(pass) == RunVerdict.PASS && majority(fail) == RunVerdict.FAIL;
            if (settled || round == ROUNDS) {
                return evaluate();
            }
            // A confirmation overturned a bound: search again from what the majorities say.
            if (majority(pass) == RunVerdict.FAIL) {
                fail = pass;
                pass = nearest(RunVerdict.PASS, fail);
            }
            if (majority(fail) == RunVerdict.PASS) {
                pass = fail;
                fail = nearest(RunVerdict.FAIL, pass);
            }
            if (pass != null && fail != null && !axis.passSideOf(pass, fail)) {
                return evaluate(); // the majorities contradict each other: a band
            }
            v = pass == null ? axis.towardPass(fail) : axis.towardFail(pass);
        }
    }

    /**
     * With an estimator (capacity plans): while the probes' figures support a fit, probes where the
     * estimate says and returns its answer once it is settled, after {@link #ESTIMATE_PROBES}
     * probes, or when the budget leaves no room; empty when the figures do not (or no longer)
     * support a fit, and the search goes on by its votes. Every estimate is kept for the result.
     */
    private Optional<PlanResult> estimated() {
        if (estimator.isEmpty()) {
            return Optional.empty();
        }
        for (int n = 0; ; n++) {
            CapacityEstimate e = estimator.get().estimate(probing.probes(), axis);
            estimate = e;
            if (!e.supported()) {
                return Optional.empty();
            }
            boolean last = e.settled() || n == ESTIMATE_PROBES;
            progress.accept("plan estimate: " + e.summary() + (last ? "" : "; next " + fmt(e.next().orElseThrow().value())
                    + " " + axis.name() + ": " + e.next().get().why()));
            if (e.settled()) {
                return Optional.of(estimateResult(e, ""));
            }
            if (n == ESTIMATE_PROBES) {
                return Optional.of(estimateResult(e, String.format(Locale.ROOT, "stopped after %d probes on the estimate: ",
                        ESTIMATE_PROBES)));
            }
            double next = e.next().get().value();
            Optional<ProbeResult> ran = probing.run(next, Probing.Phase.ESTIMATE, pass, fail, this::hasSafeAnswer);
            if (ran.isEmpty()) {
                return Optional.of(estimateResult(e, String.format(Locale.ROOT, "out of time (budget %s; elapsed %s, a probe takes"
                                + " up to %s): ", PlanFormat.duration(budget.orElseThrow()), PlanFormat.duration(elapsed()),
                        PlanFormat.duration(probing.longest()))));
            }
            ProbeResult r = ran.get();
            if (r.verdict() == RunVerdict.INCONCLUSIVE) {
                return Optional.of(inconclusive(r, pass, fail));
            }
            narrow(next, r.verdict());
        }
    }

    /** A verdict inside the bracket narrows it; one on the far side of a verdict already there is for the votes to weigh. */
    private void narrow(double value, RunVerdict verdict) {
        if (axis.passSideOf(value, fail) && axis.passSideOf(pass, value)) {
            if (verdict == RunVerdict.PASS) {
                pass = value;
            } else {
                fail = value;
            }
        }
    }

    private PlanResult estimateResult(CapacityEstimate e, String prefix) {
        return result(Outcome.ESTIMATE, OptionalDouble.of(e.answer()), OptionalDouble.of(axis.round(e.atHalf())),
                OptionalDouble.of(e.answer()), false, prefix + e.summary());
    }

    /** The guess between the latest probes at {@code pass} and {@code fail} ({@link ThresholdGuess#guess}). */
    private ThresholdGuess.Guess guess(double pass, double fail) {
        return probing.guess(pass, fail);
    }

    private Double nearest(RunVerdict verdict, double from) {
        return probing.votes().nearest(verdict, from);
    }

    /** Reads every probe by majority per value: a confirmed point answer or a band. */
    private PlanResult evaluate() {
        Votes.Reading r = probing.votes().read(resolution);
        return result(r.outcome(), r.answer(), r.low(), r.high(), r.confirmed(), r.summary());
    }

    private PlanResult inconclusive(ProbeResult r, Double pass, Double fail) {
        String cause = r.decidedBy();
        if (axis.passesAbove()) {
            return result(Outcome.INCONCLUSIVE, OptionalDouble.empty(), lowEnd(pass, fail), highEnd(pass, fail), false,
                    String.format(Locale.ROOT, "stopped at %s %s: inconclusive (%s); a capacity answer needs clean verdicts:"
                            + " use more injectors or a smaller scale", fmt(r.value()), axis.name(), cause));
        }
        OptionalDouble answer = pass == null ? OptionalDouble.empty() : OptionalDouble.of(pass);
        return result(Outcome.INCONCLUSIVE, answer, answer, OptionalDouble.of(r.value()), false,
                String.format(Locale.ROOT, "%s at %s %s: inconclusive (%s); beyond this, use more injectors",
                        pass == null ? "no audience passed before stopping" : "passed up to " + fmt(pass) + ", stopped",
                        fmt(r.value()), axis.name(), cause));
    }

    private OptionalDouble lowEnd(Double pass, Double fail) {
        Double low = axis.passesAbove() ? fail : pass;
        return low == null ? OptionalDouble.empty() : OptionalDouble.of(low);
    }

    private OptionalDouble highEnd(Double pass, Double fail) {
        Double high = axis.passesAbove() ? pass : fail;
        return high == null ? OptionalDouble.empty() : OptionalDouble.of(high);
    }

    private PlanResult result(Outcome outcome, OptionalDouble answer, OptionalDouble low, OptionalDouble high,
                              boolean confirmed, String summary) {
        if (estimator.isEmpty()) {
            return new PlanResult(axis, outcome, answer, low, high, confirmed, summary, probing.probes(), elapsed());
        }
        CapacityEstimate e = estimate != null ? estimate : estimator.get().estimate(probing.probes(), axis);
        // an answer the votes gave where an estimate was asked for is named as such, with the reason
        boolean votesAnswered = outcome != Outcome.ESTIMATE && outcome != Outcome.INCONCLUSIVE && outcome != Outcome.ERROR;
        String said = votesAnswered ? "fallback to the votes (" + e.summary() + "): " + summary : summary;
        return new PlanResult(axis, outcome, answer, low, high, confirmed, said, probing.probes(), elapsed(), Optional.of(e));
    }

    /**
     * Whether a safe answer exists for the budget to stop at: a supported estimate, or by the votes a
     * pass by majority (with an estimator, by two votes or more: after a few probes a fit is
     * refused most often where a lucky pass sits below the threshold, and the votes' reading would
     * then answer that one night's luck).
     */
    private boolean hasSafeAnswer() {
        if (estimate != null && estimate.supported()) {
            return true;
        }
        Votes votes = probing.votes();
        return estimator.isPresent() ? votes.hasSafeAnswer() && votes.hasConfirmedPass() : votes.hasSafeAnswer();
    }

    private RunVerdict majority(double v) {
        return probing.votes().majority(v);
    }

    private Duration elapsed() {
        return probing.elapsed();
    }

    private static String fmt(double v) {
        return PlanFormat.number(v);
    }
}
