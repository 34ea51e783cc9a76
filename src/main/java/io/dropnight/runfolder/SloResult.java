package io.dropnight.runfolder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Objects;

/**
 * One line of {@code slo.json}: an objective, its threshold and what the run achieved. The
 * simulations write it and the report reads it; the field names are the file's contract.
 *
 * @param name       the SLO's name, also the Gatling assertion's subject, for example {@code playbackStartP99}
 * @param metric     what was measured, for example {@code premiere/playback-start p99}
 * @param comparator how actual compares with threshold, for example {@code <=}
 * @param threshold  the objective, in {@code unit}
 * @param actual     the run's value, in {@code unit} (not finite when there was no sample)
 * @param unit       for example {@code ms} or {@code %}
 * @param passed     whether the objective was met
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SloResult(String name, String metric, String comparator, double threshold, double actual,
                        String unit, boolean passed) {

    /**
     * How close to (below 1) or past (above 1) its bound the SLO was: {@code actual / threshold}. A
     * missing sample (not finite) counts as past its bound when failed and as met when passed.
     */
    public double load() {
        if (!Double.isFinite(actual)) {
            return passed ? 0 : Double.POSITIVE_INFINITY;
        }
        if (threshold == 0) {
            return actual <= 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return actual / threshold;
    }

    /** An upper-bound SLO: passes when {@code actual <= threshold}. */
    public static SloResult atMost(String name, String metric, double threshold, double actual, String unit) {
        return new SloResult(Objects.requireNonNull(name, "name"), Objects.requireNonNull(metric, "metric"), "<=",
                threshold, actual, Objects.requireNonNull(unit, "unit"), actual <= threshold);
    }
}
