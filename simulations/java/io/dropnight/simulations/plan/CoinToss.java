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
        if (below.runs() == 0 || above.runs() == 0) {
            return Optional.empty();
        }
        double p = (double) below.passes() / below.runs();
        double q = (double) above.passes() / above.runs();
        if (p >= 0.5 || q < 0.5) {
            return Optional.empty();
        }
        return Optional.of(below.slots() + (above.slots() - below.slots()) * (0.5 - p) / (q - p));
    }

    /** Whether the observed coin toss (or the side it lies on) falls within the plan's range; empty where the plan gave none. */
    Optional<Boolean> withinRange(PassRate below, PassRate above) {
        if (Double.isNaN(low) || below.runs() == 0 || above.runs() == 0) {
            return Optional.empty();
        }
        Optional<Double> at = observed(below, above);
        if (at.isPresent()) {
            return Optional.of(at.get() >= low && at.get() <= high);
        }
        boolean belowPassedHalf = below.passes() * 2 >= below.runs();
        boolean abovePassedHalf = above.passes() * 2 >= above.runs();
        if (belowPassedHalf && abovePassedHalf) {
            return Optional.of(low <= below.slots()); // at or below the slot below
        }
        if (!belowPassedHalf && !abovePassedHalf) {
            return Optional.of(high >= above.slots()); // above the slot above
        }
        return Optional.of(low <= above.slots() && high >= below.slots()); // unordered by noise: between them
    }

    /**
     * {@code the coin toss: the plan said 67.8 slots (90 % of its draws: 65.1–70.9); at 67, 4 of 10
     * passed, at 68, 8 of 10: the re-runs put it at about 67.3, within the plan's range}.
     */
    String line(PassRate below, PassRate above) {
        String plan = String.format(Locale.ROOT, "the coin toss: the plan said %s slots", PlanFormat.number(round1(said)))
                + (Double.isNaN(low) ? "" : String.format(Locale.ROOT, " (%s of its draws: %s–%s)", CapacityEstimate.percent(RANGE),
                PlanFormat.number(round1(low)), PlanFormat.number(round1(high))));
        String runs = String.format(Locale.ROOT, "at %s, %d of %d passed, at %s, %d of %d", PlanFormat.number(below.slots()),
                below.passes(), below.runs(), PlanFormat.number(above.slots()), above.passes(), above.runs());
        if (below.runs() == 0 || above.runs() == 0) {
            return plan + "; " + runs + ": too few nights to say where";
        }
        Optional<Double> at = observed(below, above);
        String where;
        if (at.isPresent()) {
            where = "about " + PlanFormat.number(round1(at.get()));
        } else if (below.passes() * 2 >= below.runs() && above.passes() * 2 >= above.runs()) {
            where = "at or below " + PlanFormat.number(below.slots());
        } else if (below.passes() * 2 < below.runs() && above.passes() * 2 < above.runs()) {
            where = "above " + PlanFormat.number(above.slots());
        } else {
            where = "between them (the slot above passed less often: the nights' noise)";
        }
        String judged = withinRange(below, above).map(w -> w ? ", within the plan's range" : ", NOT within the plan's range").orElse("");
        return plan + "; " + runs + ": the re-runs put it " + where + judged;
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
        Optional<Boolean> within = withinRange(below, above);
        if (within.isPresent()) {
            o.put("withinRange", within.get());
        } else {
            o.putNull("withinRange");
        }
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
