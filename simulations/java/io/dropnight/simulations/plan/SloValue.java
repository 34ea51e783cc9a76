package io.dropnight.simulations.plan;

import java.util.Objects;

/**
 * One SLO's outcome in one probe, as slo.json states it.
 *
 * @param name      the SLO's name, such as {@code errorPageRate}
 * @param actual    the measured value ({@code NaN} when there was no sample)
 * @param threshold the upper bound it must not exceed
 * @param unit      {@code ms} or {@code %}
 * @param passed    whether it met its bound
 */
public record SloValue(String name, double actual, double threshold, String unit, boolean passed) {

    public SloValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * How close to (below 1) or past (above 1) its bound the SLO was: {@code actual / threshold}.
     * A missing sample counts as past its bound when failed and as met when passed.
     */
    public double load() {
        if (Double.isNaN(actual)) {
            return passed ? 0 : Double.POSITIVE_INFINITY;
        }
        if (threshold == 0) {
            return actual <= 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return actual / threshold;
    }
}
