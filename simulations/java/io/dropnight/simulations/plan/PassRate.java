package io.dropnight.simulations.plan;

import java.util.Locale;

/**
 * How often the nights re-run at one capacity passed, beside what the plan predicted there, with
 * the Wilson interval of the observed rate (95 %): ten nights say little, and the line says how
 * little. Immutable.
 *
 * @param slots     the capacity re-run
 * @param role      {@code answer}, {@code one step below} or {@code passing half the time}
 * @param passes    nights that passed
 * @param runs      nights with a pass or a fail (an inconclusive one is not counted)
 * @param predicted the plan's expected pass probability there (NaN when the plan gave none)
 * @param atLeast   the least the plan said it is, with its confidence (NaN when none, or at the capacity passing half the time)
 */
record PassRate(double slots, String role, int passes, int runs, double predicted, double atLeast) {
    private static final double Z = 1.959964; // a two-sided 95 % interval

    /** The observed rate's Wilson 95 % interval, {@code [low, high]}; {@code [0, 1]} before any night. */
    double[] interval() {
        if (runs == 0) {
            return new double[] {0, 1};
        }
        double p = (double) passes / runs;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * runs)) / (1 + z2 / runs);
        double half = Z * Math.sqrt(p * (1 - p) / runs + z2 / (4.0 * runs * runs)) / (1 + z2 / runs);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** {@code answer, 86 slots: passed 9 of 10 (90 %; 95 % interval 60–98 %); the plan predicted 98.7 %, at least 95 %}. */
    String line() {
        double[] ci = interval();
        String observed = runs == 0 ? "no night ran" : String.format(Locale.ROOT, "passed %d of %d (%s; 95 %% interval %s–%s)", passes,
                runs, CapacityEstimate.percent((double) passes / runs), CapacityEstimate.percent(ci[0]), CapacityEstimate.percent(ci[1]));
        String plan = Double.isNaN(predicted) ? "the plan predicted no probability (a votes' answer)"
                : "the plan predicted " + CapacityEstimate.percent(predicted)
                + (Double.isNaN(atLeast) ? "" : ", at least " + CapacityEstimate.percent(atLeast));
        return String.format(Locale.ROOT, "%s, %s slots: %s; %s", role, PlanFormat.number(slots), observed, plan);
    }
}
