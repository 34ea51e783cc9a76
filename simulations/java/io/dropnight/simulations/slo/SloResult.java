package io.dropnight.simulations.slo;

import java.util.Objects;

/**
 * One SLO evaluated on a run. Field names are the slo.json contract.
 *
 * @param name       the SLO's name, also the Gatling assertion's subject, such as {@code playbackStartP99}
 * @param metric     what is measured, such as {@code finale-drop/playback-start p99}
 * @param comparator {@code <=} (the only one used: every SLO is an upper bound)
 * @param threshold  the bound
 * @param actual     the measured value (client-side HdrHistogram or counters: exact)
 * @param unit       {@code ms} or {@code %}
 * @param passed     whether {@code actual <= threshold}
 */
public record SloResult(String name, String metric, String comparator, double threshold, double actual,
                        String unit, boolean passed) {

    public SloResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(unit, "unit");
    }

    /** An upper-bound SLO: passes when {@code actual <= threshold}. */
    public static SloResult atMost(String name, String metric, double threshold, double actual, String unit) {
        return new SloResult(name, metric, "<=", threshold, actual, unit, actual <= threshold);
    }
}
