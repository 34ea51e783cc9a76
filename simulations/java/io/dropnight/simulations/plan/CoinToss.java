package io.dropnight.simulations.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a plan said a night passes half the time, and how plan-check tests it. Slots are whole,
 * and on a steep night one slot takes a night from mostly failing to mostly passing, so the
 * capacity said (67.8) is not re-run rounded: the whole slots either side of it are (67 and 68),
 * and the re-runs' pass rates there say where the coin toss lies (interpolated between them where
 * one is under half and the other not). The plan's own uncertainty of it is the range of its
 * draws' halves. Immutable.
 *
 * @param said the capacity the plan says passes half the time
 * @param low  the low end of the plan's draws' halves, {@value #RANGE} of them within (NaN where
 *             the plan's draws could not be read again)
 * @param high the high end of that range
 */
record CoinToss(double said, double low, double high) {
    /** The share of the plan's draws whose half lies within {@code low}–{@code high}. */
    static final double RANGE = 0.9;
    /** A half within this of a whole slot is re-run at that slot alone. */
    static final double WHOLE = 0.05;
    static final String AT = "passing half the time";
    static final String BELOW = "the whole slot below the half";
    static final String ABOVE = "the whole slot above the half";

    /** From the draws the half is read from: their halves' central {@value #RANGE}. */
    static CoinToss of(double said, PassDraws draws) {
        double[] halves = draws.sortedLogCapacitiesAt(0.5);
        double tail = (1 - RANGE) / 2;
        return new CoinToss(said, Math.exp(PassDraws.quantile(halves, tail)), Math.exp(PassDraws.quantile(halves, 1 - tail)));
    }

    /** The capacities re-run, each with its role: the half where it is whole, else the whole slots either side. */
    List<PassRate> capacities() {
        double whole = Math.max(1, Math.round(said));
        if (Math.abs(said - whole) < WHOLE) {
            return List.of(new PassRate(whole, AT, 0, 0, 0.5, Double.NaN));
        }
        double below = Math.max(1, Math.floor(said));
        return List.of(new PassRate(below, BELOW, 0, 0, Double.NaN, Double.NaN),
                new PassRate(below + 1, ABOVE, 0, 0, Double.NaN, Double.NaN));
    }

    /**
     * Where the re-runs put the coin toss, from the pass rates at the whole slot below and the one
     * above: interpolated where the one below passed under half of its nights and the one above
     * half or more; empty where both lie on one side (then {@link #line} says which) or a slot ran
     * no counted night.
     */
    static Optional<Double> observed(PassRate below, PassRate above) {
        if (below.runs() == 0 || above.runs() == 0 || side(below, above) != Side.BETWEEN) {
            return Optional.empty();
        }
        return Optional.of(crossing(below.slots(), (double) below.passes() / below.runs(), above.slots(),
                (double) above.passes() / above.runs()));
    }

    /** Which side of one half each slot's nights passed: the coin toss between them, or on one side. */
    private enum Side { BETWEEN, AT_OR_BELOW, ABOVE, UNORDERED }

    private static Side side(PassRate below, PassRate above) {
        boolean belowPassedHalf = below.passes() * 2 >= below.runs();
        boolean abovePassedHalf = above.passes() * 2 >= above.runs();
        if (belowPassedHalf) {
            return abovePassedHalf ? Side.AT_OR_BELOW : Side.UNORDERED;
        }
        return abovePassedHalf ? Side.BETWEEN : Side.ABOVE;
    }

    /**
     * How far the re-runs' own noise lets the coin toss lie, {@code [low, high]}: the crossing of
     * the two slots' Wilson 95 % upper bounds, and of their lower bounds. An open end is an
     * infinity: {@code -Infinity} where the slot below may itself pass half the time or more,
     * {@code +Infinity} where the slot above may pass less. Empty where a slot ran no counted night.
     */
    static Optional<double[]> observedRange(PassRate below, PassRate above) {
        if (below.runs() == 0 || above.runs() == 0) {
            return Optional.empty();
        }
        double[] b = below.interval();
        double[] a = above.interval();
        return Optional.of(new double[] {crossing(below.slots(), b[1], above.slots(), a[1]),
                crossing(below.slots(), b[0], above.slots(), a[0])});
    }

    /** Where a line through two pass rates crosses one half; an infinity where it does not between them. */
    private static double crossing(double x0, double p0, double x1, double p1) {
        if (p0 >= 0.5) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p1 < 0.5) {
            return Double.POSITIVE_INFINITY;
        }
        return x0 + (x1 - x0) * (0.5 - p0) / (p1 - p0);
    }

    /**
     * Whether the capacity said lies within {@link #observedRange}: "passes about half the time", as
     * far as ten nights a slot can tell.
     */
    Optional<Boolean> saidWithinObserved(PassRate below, PassRate above) {
        return observedRange(below, above).map(r -> said >= r[0] && said <= r[1]);
    }

    /** Whether the observed coin toss (or the side it lies on) falls within the plan's range; empty where the plan gave none. */
    Optional<Boolean> withinRange(PassRate below, PassRate above) {
        if (Double.isNaN(low) || below.runs() == 0 || above.runs() == 0) {
            return Optional.empty();
        }
        return Optional.of(switch (side(below, above)) {
            case BETWEEN -> {
                double at = observed(below, above).orElseThrow();
                yield at >= low && at <= high;
            }
            case AT_OR_BELOW -> low <= below.slots();
            case ABOVE -> high >= above.slots();
            case UNORDERED -> low <= above.slots() && high >= below.slots(); // the noise unordered them: between
        });
    }

    /**
     * {@code the coin toss: the plan said 67.8 slots (90 % of its draws: 62.1–72.2); at 67, 1 of 10
     * passed, at 68, 8 of 10: the re-runs put it at about 67.6 (95 %: 67.2 to 68 or above), within
     * the plan's range; the 67.8 said lies within theirs}.
     */
    String line(PassRate below, PassRate above) {
        String plan = String.format(Locale.ROOT, "the coin toss: the plan said %s slots", PlanFormat.tenth((said)))
                + (Double.isNaN(low) ? "" : String.format(Locale.ROOT, " (%s of its draws: %s–%s)", CapacityEstimate.percent(RANGE),
                PlanFormat.tenth((low)), PlanFormat.tenth((high))));
        String runs = String.format(Locale.ROOT, "at %s, %d of %d passed, at %s, %d of %d", PlanFormat.number(below.slots()),
                below.passes(), below.runs(), PlanFormat.number(above.slots()), above.passes(), above.runs());
        if (below.runs() == 0 || above.runs() == 0) {
            return plan + "; " + runs + ": too few nights to say where";
        }
        String where = switch (side(below, above)) {
            case BETWEEN -> "at about " + PlanFormat.tenth(observed(below, above).orElseThrow());
            case AT_OR_BELOW -> "at or below " + PlanFormat.number(below.slots());
            case ABOVE -> "above " + PlanFormat.number(above.slots());
            case UNORDERED -> "between them (the slot above passed less often: the nights' noise)";
        };
        double[] r = observedRange(below, above).orElseThrow();
        String range;
        if (r[1] == Double.NEGATIVE_INFINITY) {
            range = " (95 %: " + PlanFormat.number(below.slots()) + " or below)";
        } else if (r[0] == Double.POSITIVE_INFINITY) {
            range = " (95 %: " + PlanFormat.number(above.slots()) + " or above)";
        } else {
            range = String.format(Locale.ROOT, " (95 %%: %s to %s)", r[0] == Double.NEGATIVE_INFINITY
                    ? PlanFormat.number(below.slots()) + " or below" : PlanFormat.tenth((r[0])),
                    r[1] == Double.POSITIVE_INFINITY ? PlanFormat.number(above.slots()) + " or above" : PlanFormat.tenth((r[1])));
        }
        String judged = withinRange(below, above).map(w -> w ? ", within the plan's range" : ", NOT within the plan's range").orElse("");
        String said = String.format(Locale.ROOT, "; the %s said lies %s theirs", PlanFormat.tenth((this.said)),
                saidWithinObserved(below, above).orElseThrow() ? "within" : "NOT within");
        return plan + "; " + runs + ": the re-runs put it " + where + range + judged + said;
    }

    /** check.json's {@code coinToss}. */
    void json(ObjectNode o, PassRate below, PassRate above) {
        o.put("said", said);
        if (Double.isNaN(low)) {
            o.putNull("saidRange");
        } else {
            o.putArray("saidRange").add(low).add(high);
        }
        o.put("below", below.slots()).put("above", above.slots());
        Optional<Double> at = observed(below, above);
        if (at.isPresent()) {
            o.put("observed", at.get());
        } else {
            o.putNull("observed");
        }
        Optional<double[]> range = observedRange(below, above);
        if (range.isPresent()) {
            // an open end is written as the slot it opens from, and flagged: JSON has no infinity
            double low = range.get()[0];
            double high = range.get()[1];
            o.putArray("observedRange").add(Math.min(above.slots(), Math.max(below.slots(), low)))
                    .add(Math.min(above.slots(), Math.max(below.slots(), high)));
            o.put("openBelow", low == Double.NEGATIVE_INFINITY).put("openAbove", high == Double.POSITIVE_INFINITY);
            o.put("saidWithinObserved", saidWithinObserved(below, above).orElseThrow());
        } else {
            o.putNull("observedRange").putNull("openBelow").putNull("openAbove").putNull("saidWithinObserved");
        }
        Optional<Boolean> within = withinRange(below, above);
        if (within.isPresent()) {
            o.put("withinRange", within.get());
        } else {
            o.putNull("withinRange");
        }
    }
}
