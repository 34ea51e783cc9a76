package io.dropnight.simulations.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * What a plan varies and which way passing lies. Capacity is whole backend slots and passes above
 * its answer (more slots, fewer breaches); audience is a multiplier of the night's viewers, kept
 * to three significant digits, and passes below its answer. Immutable.
 *
 * @param name        what is varied, for people and plan.json: {@code slots} or {@code audience}
 * @param passesAbove whether values above the answer pass (capacity) or below it (audience)
 * @param min         the smallest value the search may try
 * @param max         the largest value the search may try
 * @param whole       whether values are whole numbers
 */
public record Axis(String name, boolean passesAbove, double min, double max, boolean whole) {

    public Axis {
        if (!(min > 0 && max >= min && Double.isFinite(max))) {
            throw new IllegalArgumentException("axis " + name + ": need 0 < min <= max, got " + min + " and " + max);
        }
    }

    /** Backend slots from {@code minSlots} to {@code maxSlots}; more slots pass. */
    public static Axis capacity(int minSlots, int maxSlots) {
        return new Axis("slots", true, minSlots, maxSlots, true);
    }

    /** Audience multipliers from {@code min} to {@code max}; smaller audiences pass. */
    public static Axis audience(double min, double max) {
        return new Axis("audience", false, min, max, false);
    }

    /** The nearest value this axis can try. */
    public double round(double v) {
        double r = whole ? Math.rint(v)
                : new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN)).doubleValue();
        return Math.max(min, Math.min(max, r));
    }

    /** The nearest value this axis can try on the side of {@code toward} (or {@code v} itself). */
    public double roundToward(double v, double toward) {
        boolean up = toward > v;
        double r = whole ? (up ? Math.ceil(v) : Math.floor(v))
                : new BigDecimal(v).round(new MathContext(3, up ? RoundingMode.CEILING : RoundingMode.FLOOR)).doubleValue();
        return Math.max(min, Math.min(max, r));
    }

    /** Twice as far toward failing (half the slots, twice the audience), within bounds. */
    public double towardFail(double v) {
        return round(passesAbove ? v / 2 : v * 2);
    }

    /** Twice as far toward passing (twice the slots, half the audience), within bounds. */
    public double towardPass(double v) {
        return round(passesAbove ? v * 2 : v / 2);
    }

    /** Whether {@code a} lies on the passing side of {@code b}. */
    public boolean passSideOf(double a, double b) {
        return passesAbove ? a > b : a < b;
    }

    /**
     * A value strictly between a passing and a failing one, at their geometric mean (the
     * resolution is relative), or empty when the axis has none.
     */
    public OptionalDouble between(double pass, double fail) {
        double mid = round(Math.sqrt(pass * fail));
        if (mid == pass || mid == fail) {
            mid = round((pass + fail) / 2);
        }
        return mid != pass && mid != fail && Math.min(pass, fail) < mid && mid < Math.max(pass, fail)
                ? OptionalDouble.of(mid) : OptionalDouble.empty();
    }

    /**
     * Whether the search may stop: a passing and a failing value within {@code resolution} of
     * the passing one (the answer), or no value between them.
     */
    public boolean closeEnough(double pass, double fail, double resolution) {
        return Math.abs(pass - fail) <= resolution * pass + 1e-12 || between(pass, fail).isEmpty();
    }
}
