package io.dropnight.simulations.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How often the nights re-run at one capacity passed, beside what the plan predicted there, with
 * the Wilson interval of the observed rate (95 %): ten nights say little, and the line says how
 * little. Immutable.
 *
 * @param slots     the capacity re-run
 * @param role      {@code answer}, {@code one step below}, or one of {@link CoinToss}'s
 * @param passes    nights that passed
 * @param runs      nights with a pass or a fail (an inconclusive one is not counted)
 * @param predicted the plan's expected pass probability there (NaN when the plan gave none)
 * @param atLeast   the least the plan said it is, with its confidence (NaN when none, or at the capacity passing half the time)
 * @param drawn     each of the plan's draws' pass probability there (empty when the plan gave none): what
 *                  the plan's own uncertainty lets the re-runs' count be
 */
record PassRate(double slots, String role, int passes, int runs, double predicted, double atLeast, List<Double> drawn) {
    private static final double Z = 1.959964; // a two-sided 95 % interval
    /** The share of the plan's predicted counts the range holds: 5 % left out on each side. */
    static final double RANGE = 0.9;

    PassRate(double slots, String role, int passes, int runs, double predicted, double atLeast) {
        this(slots, role, passes, runs, predicted, atLeast, List.of());
    }

    PassRate {
        drawn = List.copyOf(drawn);
    }

    /** This capacity's tally with one more night. */
    PassRate counting(boolean counted, boolean passed) {
        return new PassRate(slots, role, passes + (passed ? 1 : 0), runs + (counted ? 1 : 0), predicted, atLeast, drawn);
    }

    /**
     * The least and the most passes among {@link #runs()} nights that the plan expects with
     * {@value #RANGE} probability, 5 % left out on each side: the count's distribution is each
     * draw's binomial, averaged over the draws, so a plan unsure of its curve expects a wide range.
     * Empty without draws or nights.
     */
    Optional<int[]> predictedPasses() {
        if (drawn.isEmpty() || runs == 0) {
            return Optional.empty();
        }
        double[] mass = new double[runs + 1];
        for (double p : drawn) {
            double q = Math.min(1, Math.max(0, p));
            double choose = 1;
            for (int k = 0; k <= runs; k++) {
                mass[k] += choose * Math.pow(q, k) * Math.pow(1 - q, runs - k) / drawn.size();
                choose = choose * (runs - k) / (k + 1);
            }
        }
        double tail = (1 - RANGE) / 2;
        double cumulative = 0;
        int low = -1;
        int high = runs;
        for (int k = 0; k <= runs; k++) {
            cumulative += mass[k];
            if (low < 0 && cumulative > tail) {
                low = k;
            }
            if (cumulative >= 1 - tail - 1e-12) {
                high = k;
                break;
            }
        }
        return Optional.of(new int[] {Math.max(0, low), high});
    }

    /** Whether the passes lie within {@link #predictedPasses()}; empty where there is no range. */
    Optional<Boolean> asPredicted() {
        return predictedPasses().map(r -> passes >= r[0] && passes <= r[1]);
    }

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
        String plan = Double.isNaN(predicted) ? "the plan predicted no probability" + (role.equals("answer")
                || role.equals("one step below") ? " (a votes' answer)" : " there (its draws could not be read again)")
                : "the plan predicted " + CapacityEstimate.percent(predicted)
                + (Double.isNaN(atLeast) ? "" : ", at least " + CapacityEstimate.percent(atLeast));
        String range = predictedPasses().map(r -> String.format(Locale.ROOT, " and %s of %d passing with %s: %s",
                r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "–" + r[1], runs, CapacityEstimate.percent(RANGE),
                asPredicted().orElseThrow() ? "as predicted" : "NOT as predicted")).orElse("");
        return String.format(Locale.ROOT, "%s, %s slots: %s; %s%s", role, PlanFormat.number(slots), observed, plan, range);
    }
}
