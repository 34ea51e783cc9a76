package io.dropnight.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /metrics} and {@code server-metrics.json} show: per scenario, per endpoint, counts
 * and latency percentiles since {@code since}. Immutable; Jackson serialises it as is.
 *
 * @param histogramUnit     unit of every {@code ...Micros} value: always {@code microseconds}
 * @param significantDigits HdrHistogram precision of the latency values
 * @param since             ISO-8601 instant of the start (or last reset) of the counts
 * @param takenAt           ISO-8601 instant this snapshot was taken
 * @param scenarios         scenario label, then endpoint metric name, sorted by name
 */
public record MetricsSnapshot(
        String histogramUnit,
        int significantDigits,
        String since,
        String takenAt,
        Map<String, Map<String, EndpointSnapshot>> scenarios) {

    public MetricsSnapshot {
        scenarios = Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
    }
}
