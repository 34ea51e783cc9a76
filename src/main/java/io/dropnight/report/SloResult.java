package io.dropnight.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One line of {@code slo.json}: an objective, its threshold and what the run achieved.
 *
 * @param name       what a person reads, for example {@code playback start p99 under 2 s}
 * @param metric     what was measured, for example {@code premiere/playback-start p99}
 * @param comparator how actual compares with threshold, for example {@code <=}
 * @param threshold  the objective, in {@code unit}
 * @param actual     the run's value, in {@code unit}
 * @param unit       for example {@code ms} or {@code %}
 * @param passed     whether the objective was met
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SloResult(String name, String metric, String comparator, double threshold, double actual,
                        String unit, boolean passed) {
}
