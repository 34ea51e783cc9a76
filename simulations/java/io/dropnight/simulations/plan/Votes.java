package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The probes' votes per value of an axis, and what their majorities say. An inconclusive probe
 * casts no vote. Not thread-safe: one search, one thread.
 */
final class Votes {
    /** The passes and fails at one value. */
    record Tally(int passes, int fails) {
        static final Tally NONE = new Tally(0, 0);

        Tally with(RunVerdict verdict) {
            return switch (verdict) {
                case PASS -> new Tally(passes + 1, fails);
                case FAIL -> new Tally(passes, fails + 1);
                case INCONCLUSIVE -> this;
            };
        }

        int count() {
            return passes + fails;
        }

        /** PASS or FAIL by majority, or null on a tie (no vote, or as many of each). */
        RunVerdict majority() {
            return passes > fails ? RunVerdict.PASS : fails > passes ? RunVerdict.FAIL : null;
        }
    }

    private final Axis axis;
    private final TreeMap<Double, Tally> byValue = new TreeMap<>();

    Votes(Axis axis) {
        this.axis = axis;
    }

    void add(double value, RunVerdict verdict) {
        byValue.put(value, byValue.getOrDefault(value, Tally.NONE).with(verdict));
    }

    Tally at(double value) {
        return byValue.getOrDefault(value, Tally.NONE);
    }

    /** The majority at {@code value}, or null on a tie or where nothing voted. */
    RunVerdict majority(double value) {
        return at(value).majority();
    }

    /** {@code 2 of 3}: the majority's votes of all. */
    String describe(double value) {
        Tally t = at(value);
        return (t.majority() == RunVerdict.PASS ? t.passes() : t.fails()) + " of " + t.count();
    }

    /**
     * What the majorities say, read as a plan's outcome: a confirmed point answer (the most
     * demanding clear pass, passed by two votes or more, next to a clear fail within the
     * resolution) or else a band whose passing end is the safe answer.
     */
    record Reading(PlanResult.Outcome outcome, OptionalDouble answer, OptionalDouble low, OptionalDouble high, boolean confirmed,
                   String summary) {
    }

    Reading read(double resolution) {
        List<Double> generousFirst = generousFirst();
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
        Double lowValue = axis.passesAbove() ? clearFail : clearPass;
        Double highValue = axis.passesAbove() ? clearPass : clearFail;
        OptionalDouble low = lowValue == null ? OptionalDouble.empty() : OptionalDouble.of(lowValue);
        OptionalDouble high = highValue == null ? OptionalDouble.empty() : OptionalDouble.of(highValue);
        boolean adjacent = clearPass != null && clearFail != null
                && generousFirst.indexOf(clearFail) == generousFirst.indexOf(clearPass) + 1;
        boolean confirmed = adjacent && at(clearPass).count() >= 2 && at(clearFail).count() >= 1
                && axis.closeEnough(clearPass, clearFail, resolution);
        if (confirmed) {
            return new Reading(PlanResult.Outcome.ANSWER, answer, low, high, true, String.format(Locale.ROOT,
                    "%s %s: passed %s at %s, failed %s at %s (confirmed)", axis.passesAbove() ? "least passing" : "largest passing",
                    axis.name(), describe(clearPass), PlanFormat.number(clearPass), describe(clearFail), PlanFormat.number(clearFail)));
        }
        String where = clearPass == null ? "nothing passed consistently"
                : String.format(Locale.ROOT, "the threshold lies between %s and %s %s; %s is the safe answer",
                PlanFormat.number(low.orElse(axis.min())), PlanFormat.number(high.orElse(axis.max())), axis.name(),
                PlanFormat.number(clearPass));
        return new Reading(PlanResult.Outcome.BAND, answer, low, high, false,
                (disagreed() ? "probes near the threshold disagreed: " : "the answer was not confirmed: ") + where);
    }

    /** The values probed, the most generous first (most slots, least audience). */
    List<Double> generousFirst() {
        List<Double> values = new ArrayList<>(byValue.keySet());
        if (axis.passesAbove()) {
            Collections.reverse(values);
        }
        return values;
    }

    /**
     * Whether some value passed by a majority of two votes or more: a pass that is more than one
     * night's luck. A capacity search asked for an estimate waits for it (or a supported estimate)
     * before its budget may stop it.
     */
    boolean hasConfirmedPass() {
        return byValue.values().stream().anyMatch(t -> t.majority() == RunVerdict.PASS && t.passes() >= 2);
    }

    /** Whether the most generous value tried passed by majority: then there is a safe answer to give. */
    boolean hasSafeAnswer() {
        return !byValue.isEmpty() && majority(generousFirst().get(0)) == RunVerdict.PASS;
    }

    /** The probed value closest to {@code from} on its passing (or failing) side with that majority, or null. */
    Double nearest(RunVerdict verdict, double from) {
        Double best = null;
        for (double k : byValue.keySet()) {
            boolean side = verdict == RunVerdict.PASS ? axis.passSideOf(k, from) : axis.passSideOf(from, k);
            if (side && majority(k) == verdict && (best == null || Math.abs(k - from) < Math.abs(best - from))) {
                best = k;
            }
        }
        return best;
    }

    /** Whether some value both passed and failed, or a value passed on the failing side of one that failed. */
    boolean disagreed() {
        Double mostDemandingPass = null;
        Double mostGenerousFail = null;
        for (Map.Entry<Double, Tally> e : byValue.entrySet()) {
            Tally t = e.getValue();
            if (t.passes() > 0 && t.fails() > 0) {
                return true;
            }
            double v = e.getKey();
            if (t.passes() > 0 && (mostDemandingPass == null || axis.passSideOf(mostDemandingPass, v))) {
                mostDemandingPass = v;
            }
            if (t.fails() > 0 && (mostGenerousFail == null || axis.passSideOf(v, mostGenerousFail))) {
                mostGenerousFail = v;
            }
        }
        return mostDemandingPass != null && mostGenerousFail != null && !axis.passSideOf(mostDemandingPass, mostGenerousFail);
    }
}
