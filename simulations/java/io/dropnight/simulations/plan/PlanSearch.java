package io.dropnight.simulations.plan;

import io.dropnight.runfolder.SloResult;

import io.dropnight.runfolder.RunVerdict;

import io.dropnight.simulations.plan.PlanResult.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
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
 * <p><b>Time budget</b> (optional): before each probe, once a value has passed by majority (so a
 * safe answer exists), the search checks that the probe would end within the budget, taking the
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
    static final double ASSUMED_SLOPE = 8;

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

    private enum Phase { BRACKET, BISECT, CONFIRM }

    private final Axis axis;
    private final double start;
    private final double resolution;
    private final Probe probe;
    private final Consumer<String> progress;
    private final LongSupplier nanoClock;
    private final Optional<Duration> budget;
    private long longestProbeNanos;
    private final List<ProbeResult> probes = new ArrayList<>();
    private final TreeMap<Double, int[]> tally = new TreeMap<>(); // value -> {passes, fails}
    private final Map<Double, ProbeResult> latest = new HashMap<>(); // value -> its latest probe
    private long startNanos;

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
     * A search that stops, once a value has passed, before a probe that would end past
     * {@code budget} (see the class's doc).
     *
     * @param budget the longest the search may take once a safe answer exists; empty: no bound
     */
    public PlanSearch(Axis axis, double start, double resolution, Probe probe, Consumer<String> progress,
                      LongSupplier nanoClock, Optional<Duration> budget) {
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
        this.probe = Objects.requireNonNull(probe, "probe");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Runs the search to its end; never throws for a failed probe (see {@link Outcome#ERROR}). */
    public PlanResult run() {
        startNanos = nanoClock.getAsLong();
        try {
            return search();
        } catch (ProbeException e) {
            return result(Outcome.ERROR, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), false,
                    "stopped: " + e.getMessage());
        } catch (OutOfTime e) {
            PlanResult r = evaluate();
            return result(r.outcome(), r.answer(), r.bandLow(), r.bandHigh(), r.confirmed(), String.format(Locale.ROOT,
                    "out of time (budget %s; elapsed %s, a probe takes up to %s): %s", PlanFormat.duration(budget.orElseThrow()),
                    PlanFormat.duration(elapsed()), PlanFormat.duration(Duration.ofNanos(longestProbeNanos)), r.summary()));
        }
    }

    /** Thrown before a probe that would end past the budget, once a safe answer exists. */
    private static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super(null, null, false, false);
        }
    }

    /** Whether the most generous value tried passed by majority: then the search has a safe answer to give. */
    private boolean hasSafeAnswer() {
        if (tally.isEmpty()) {
            return false;
        }
        double generous = axis.passesAbove() ? tally.lastKey() : tally.firstKey();
        return majority(generous) == RunVerdict.PASS;
    }

    /** The time left in the budget, or null when there is none. */
    private Duration budgetLeft() {
        return budget.map(b -> b.minus(elapsed())).orElse(null);
    }

    private PlanResult search() {
        Double pass = null;
        Double fail = null;
        double v = start;
        for (int round = 1; ; round++) {
            ProbeResult previous = null;
            while (pass == null || fail == null) {
                ProbeResult r = probe(v, Phase.BRACKET, pass, fail);
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
                    v = fail == null ? bracketStep(r, previous, next) : next;
                } else {
                    fail = v;
                    double next = axis.towardPass(v);
                    if (pass == null && next == v) {
                        return result(Outcome.NEVER_PASSES, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                                false, String.format(Locale.ROOT, "fails even at %s %s, the bound of the search", fmt(v), axis.name()));
                    }
                    v = pass == null ? bracketStep(r, previous, next) : next;
                }
                previous = r;
            }
            int misses = 0; // guesses in a row whose probe went the other way than foreseen
            while (!axis.closeEnough(pass, fail, resolution)) {
                // after two such misses in a row the figures are not to be trusted: bisect once
                Guess guess = misses < 2 ? guess(pass, fail) : null;
                double next = guess != null ? guess.value() : axis.between(pass, fail).getAsDouble();
                ProbeResult r = probe(next, Phase.BISECT, pass, fail);
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
            ProbeResult again = probe(pass, Phase.CONFIRM, pass, fail);
            if (again.verdict() == RunVerdict.INCONCLUSIVE) {
                return inconclusive(again, pass, fail);
            }
            if (majority(pass) == null) { // the re-run disagreed: once more decides
                ProbeResult decider = probe(pass, Phase.CONFIRM, pass, fail);
                if (decider.verdict() == RunVerdict.INCONCLUSIVE) {
                    return inconclusive(decider, pass, fail);
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
     * The next value to try between a pass and a fail, guessed from the SLOs' own figures rather
     * than the middle: for each SLO that failed at {@code fail}, where its load (actual / bound)
     * would cross 1, interpolated linearly in load against the logarithm of the value between
     * the two probes; the guess is the most demanding crossing (the most slots, the least
     * audience). It is then moved half a resolution toward passing, so that the probe after it,
     * one resolution step away, can close the search; when the guess lies within one step of an
     * end, that step is tried instead. Empty (bisect) when the figures give no guess: no SLO
     * failed with a finite figure, or none improved toward passing.
     */
    private Guess guess(double pass, double fail) {
        ProbeResult atPass = latest.get(pass);
        ProbeResult atFail = latest.get(fail);
        if (atPass == null || atFail == null || atPass.verdict() != RunVerdict.PASS || atFail.verdict() != RunVerdict.FAIL) {
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
    private double bracketStep(ProbeResult r, ProbeResult previous, double doubling) {
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
    private record Guess(double value, RunVerdict expected) {
    }

    /** The probed value closest to {@code from} on its passing (or failing) side with that majority, or null. */
    private Double nearest(RunVerdict verdict, double from) {
        Double best = null;
        for (double k : tally.keySet()) {
            boolean side = verdict == RunVerdict.PASS ? axis.passSideOf(k, from) : axis.passSideOf(from, k);
            if (side && majority(k) == verdict && (best == null || Math.abs(k - from) < Math.abs(best - from))) {
                best = k;
            }
        }
        return best;
    }

    /** Reads every probe by majority per value: a confirmed point answer or a band. */
    private PlanResult evaluate() {
        List<Double> generousFirst = new ArrayList<>(tally.keySet());
        if (axis.passesAbove()) {
            Collections.reverse(generousFirst);
        }
        Double clearPass = null;
        for (double v : generousFirst) {
            if (majority(v) != RunVerdict.PASS) {
                break;
            }
            clearPass = v;
        }
        Double clearFail = null;
        for (int i = generousFirst.size() - 1; i >= 0; i--) {
            double v = generousFirst.get(i);
            if (majority(v) != RunVerdict.FAIL) {
                break;
            }
            clearFail = v;
        }
        OptionalDouble answer = clearPass == null ? OptionalDouble.empty() : OptionalDouble.of(clearPass);
        OptionalDouble lowEnd = lowEnd(clearPass, clearFail);
        OptionalDouble highEnd = highEnd(clearPass, clearFail);
        boolean adjacent = clearPass != null && clearFail != null
                && generousFirst.indexOf(clearFail) == generousFirst.indexOf(clearPass) + 1;
        boolean confirmed = adjacent && count(clearPass) >= 2 && count(clearFail) >= 1
                && axis.closeEnough(clearPass, clearFail, resolution);
        if (confirmed) {
            return result(Outcome.ANSWER, answer, lowEnd, highEnd, true, String.format(Locale.ROOT,
                    "%s %s: passed %s at %s, failed %s at %s (confirmed)", axis.passesAbove() ? "least passing" : "largest passing",
                    axis.name(), votes(clearPass), fmt(clearPass), votes(clearFail), fmt(clearFail)));
        }
        String where = clearPass == null ? "nothing passed consistently"
                : String.format(Locale.ROOT, "the threshold lies between %s and %s %s; %s is the safe answer",
                fmt(lowEnd.orElse(axis.min())), fmt(highEnd.orElse(axis.max())), axis.name(), fmt(clearPass));
        return result(Outcome.BAND, answer, lowEnd, highEnd, false,
                (disagreed() ? "probes near the threshold disagreed: " : "the answer was not confirmed: ") + where);
    }

    /** Whether some value both passed and failed, or a value passed on the failing side of one that failed. */
    private boolean disagreed() {
        Double mostDemandingPass = null;
        Double mostGenerousFail = null;
        for (Map.Entry<Double, int[]> e : tally.entrySet()) {
            int[] t = e.getValue();
            if (t[0] > 0 && t[1] > 0) {
                return true;
            }
            double v = e.getKey();
            if (t[0] > 0 && (mostDemandingPass == null || axis.passSideOf(mostDemandingPass, v))) {
                mostDemandingPass = v;
            }
            if (t[1] > 0 && (mostGenerousFail == null || axis.passSideOf(v, mostGenerousFail))) {
                mostGenerousFail = v;
            }
        }
        return mostDemandingPass != null && mostGenerousFail != null && !axis.passSideOf(mostDemandingPass, mostGenerousFail);
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

    private ProbeResult probe(double value, Phase phase, Double pass, Double fail) {
        Duration remaining = budgetLeft();
        if (remaining != null && longestProbeNanos > 0 && remaining.toNanos() < longestProbeNanos && hasSafeAnswer()) {
            throw new OutOfTime();
        }
        long before = nanoClock.getAsLong();
        ProbeResult r = probe.run(value);
        longestProbeNanos = Math.max(longestProbeNanos, nanoClock.getAsLong() - before);
        Objects.requireNonNull(r, "probe result");
        probes.add(r);
        latest.put(value, r);
        int[] t = tally.computeIfAbsent(value, k -> new int[2]);
        if (r.verdict() == RunVerdict.PASS) {
            t[0]++;
        } else if (r.verdict() == RunVerdict.FAIL) {
            t[1]++;
        }
        Duration elapsed = elapsed();
        int left = probesLeft(phase, value, r.verdict(), pass, fail);
        Duration perProbe = elapsed.dividedBy(probes.size());
        // while bracketing, how far away the threshold is is unknown: the guess is a floor
        boolean floor = phase == Phase.BRACKET && left > 0 && (r.verdict() == RunVerdict.PASS ? fail == null : pass == null);
        String time = PlanFormat.duration(perProbe.multipliedBy(left));
        String count = left == 1 ? "1 probe" : left + " probes";
        String estimate = floor ? "at least " + time + " left (" + count + " or more)" : "about " + time + " left (" + count + ")";
        Duration budgetLeft = budgetLeft();
        if (budgetLeft != null && hasSafeAnswer() && perProbe.multipliedBy(left).compareTo(budgetLeft) > 0) {
            // the budget will end the search first: say when, and what the search would have liked
            estimate = "at most " + PlanFormat.duration(budgetLeft.isNegative() ? Duration.ZERO : budgetLeft) + " left (the "
                    + PlanFormat.duration(budget.orElseThrow()) + " budget; " + count + (floor ? " or more" : "") + " would take "
                    + time + ")";
        }
        progress.accept(String.format(Locale.ROOT, "plan probe %d: %s %s -> %s (%s); elapsed %s, %s",
                probes.size(), axis.name(), fmt(value), r.verdict().name(), r.decidedBy(), PlanFormat.duration(elapsed),
                estimate));
        return r;
    }

    /** A fair guess of the probes still to come, for the progress line. */
    private int probesLeft(Phase phase, double value, RunVerdict verdict, Double pass, Double fail) {
        if (verdict == RunVerdict.INCONCLUSIVE) {
            return 0;
        }
        Double p = verdict == RunVerdict.PASS ? Double.valueOf(value) : pass;
        Double f = verdict == RunVerdict.FAIL ? Double.valueOf(value) : fail;
        return switch (phase) {
            case BRACKET -> p != null && f != null ? narrowing(p, f) + 1
                    : 1 + bisections(value, verdict == RunVerdict.PASS ? axis.towardFail(value) : axis.towardPass(value)) + 1;
            case BISECT -> narrowing(p, f) + 1;
            case CONFIRM -> majority(value) == null ? 1 : 0;
        };
    }

    /** Narrowing probes still to come: bisection's count, or at most two where the figures give a guess. */
    private int narrowing(double pass, double fail) {
        int bisections = bisections(pass, fail);
        return bisections > 0 && guess(pass, fail) != null ? Math.min(bisections, 2) : bisections;
    }

    private int bisections(double a, double b) {
        double width = Math.abs(a - b);
        double target = Math.max(resolution * Math.max(a, b), axis.whole() ? 1 : 0);
        return width <= target ? 0 : (int) Math.ceil(Math.log(width / target) / Math.log(2));
    }

    private RunVerdict majority(double v) {
        int[] t = tally.getOrDefault(v, new int[2]);
        return t[0] > t[1] ? RunVerdict.PASS : t[1] > t[0] ? RunVerdict.FAIL : null;
    }

    private int count(double v) {
        int[] t = tally.get(v);
        return t[0] + t[1];
    }

    private String votes(double v) {
        int[] t = tally.get(v);
        return majority(v) == RunVerdict.PASS ? t[0] + " of " + count(v) : t[1] + " of " + count(v);
    }

    private Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    private PlanResult result(Outcome outcome, OptionalDouble answer, OptionalDouble low, OptionalDouble high,
                              boolean confirmed, String summary) {
        return new PlanResult(axis, outcome, answer, low, high, confirmed, summary, probes, elapsed());
    }

    private static String fmt(double v) {
        return PlanFormat.number(v);
    }
}
