package io.dropnight.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.Objects;

import static io.dropnight.metrics.ServiceExposition.PREFIX;

/**
 * The finished requests, for Prometheus: {@value #REQUESTS}{@code _total} and {@value #DURATION}, read
 * at scrape time from the counters and histograms {@link ServerMetrics#snapshot()} reads (nothing is
 * recorded for this exposition). Counts run since the start or the last admin reset, as those of
 * {@code GET /metrics} do; {@value #SINCE} says when that was. A (scenario, endpoint) appears from its
 * first request on, with every outcome, zeros included, so that a rate sees the first increase.
 *
 * <p>Thread-safe: collecting locks one (scenario, endpoint) at a time, as a snapshot does, and never
 * stops recording.
 */
final class RequestCollector implements MultiCollector {
    static final String REQUESTS = PREFIX + "requests";
    static final String DURATION = PREFIX + "request_duration_seconds";
    static final String SINCE = PREFIX + "requests_since_timestamp_seconds";

    private static final List<RequestOutcome> OUTCOMES = List.of(RequestOutcome.values());

    private final ServerMetrics metrics;

    /** @param metrics the service's request metrics */
    RequestCollector(ServerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder requests = CounterSnapshot.builder().name(REQUESTS)
                .help("Requests the service answered, by X-Scenario label, endpoint and outcome, since the start or the last admin reset");
        HistogramSnapshot.Builder durations = HistogramSnapshot.builder().name(DURATION).unit(Unit.SECONDS)
                .help("Server time from the first byte of a request read to the last byte of its answer written, since the start or the last admin reset");
        for (EndpointStats stats : metrics.allStats()) {
            if (!stats.everRecorded()) {
                continue;
            }
            Labels labels = Labels.of("scenario", stats.scenario(), "endpoint", stats.endpoint());
            for (RequestOutcome outcome : OUTCOMES) {
                requests.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels.add("outcome", outcome.tagName())).value(stats.count(outcome)).build());
            }
            durations.dataPoint(stats.durationDataPoint(labels));
        }
        GaugeSnapshot since = GaugeSnapshot.builder().name(SINCE)
                .help("When " + REQUESTS + "_total and " + DURATION + " began counting: the start or the last admin reset, Unix seconds")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(Unit.millisToSeconds(metrics.sinceEpochMillis())).build())
                .build();
        return MetricSnapshots.of(requests.build(), durations.build(), since);
    }
}
