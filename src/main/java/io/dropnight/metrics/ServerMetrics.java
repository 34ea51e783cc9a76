package io.dropnight.metrics;

import io.dropnight.runfolder.IntervalLog;
import io.dropnight.core.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The server's measurement: latency in <b>microseconds</b> (HdrHistogram, 3 significant digits, values
 * above one hour clamped to one hour) and outcome counts per (scenario, endpoint), with an interval
 * {@link Recorder} per (scenario, endpoint, outcome) for {@link IntervalLogWriter}.
 *
 * <p>Thread-safety: {@link #record} is wait-free apart from the first request of a new
 * (scenario, endpoint), and may be called from any number of event loops. {@link #snapshot()} and
 * {@link #reset()} may be called from any thread.
 */
public final class ServerMetrics implements RequestRecorder {
    public static final String HISTOGRAM_UNIT = "microseconds";
    public static final int SIGNIFICANT_DIGITS = IntervalLog.HISTOGRAM_DIGITS;
    public static final long HIGHEST_TRACKABLE_MICROS = 3_600_000_000L;

    private final ScenarioLabels labels;
    private final LongSupplier epochMillisClock;
    private final ConcurrentMap<String, EndpointStats[]> byScenario = new ConcurrentHashMap<>();
    private volatile long sinceEpochMillis;

    /**
     * @param labels           admits scenario labels (bounds how many distinct ones are kept)
     * @param epochMillisClock wall clock in milliseconds since the epoch, for snapshot timestamps
     */
    public ServerMetrics(ScenarioLabels labels, LongSupplier epochMillisClock) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.epochMillisClock = Objects.requireNonNull(epochMillisClock, "epochMillisClock");
        this.sinceEpochMillis = epochMillisClock.getAsLong();
    }

    /** With the default label budget and the system clock. */
    public ServerMetrics() {
        this(new ScenarioLabels(), System::currentTimeMillis);
    }

    /** The label to pass to {@link #record} for a raw {@code X-Scenario} header (null when absent). */
    public String scenarioLabel(String rawHeader) {
        return labels.label(rawHeader);
    }

    @Override
    public void record(String scenario, Endpoint endpoint, RequestOutcome outcome, long latencyNanos) {
        long micros = Math.min(Math.max(latencyNanos, 0L) / 1_000L, HIGHEST_TRACKABLE_MICROS);
        stats(scenario)[endpoint.ordinal()].record(outcome, micros);
    }

    private EndpointStats[] stats(String scenario) {
        EndpointStats[] found = scenario == null ? null : byScenario.get(scenario);
        if (found != null) {
            return found;
        }
        // Not yet seen: admit (or map to "other") so even a caller that skipped sanitising stays bounded.
        String label = labels.label(scenario);
        return byScenario.computeIfAbsent(label, ServerMetrics::newScenario);
    }

    private static EndpointStats[] newScenario(String scenario) {
        Endpoint[] endpoints = Endpoint.values();
        EndpointStats[] stats = new EndpointStats[endpoints.length];
        for (Endpoint e : endpoints) {
            stats[e.ordinal()] = new EndpointStats(scenario, e.metricName());
        }
        return stats;
    }

    /**
     * Per scenario and endpoint (only those that saw a request since the last reset), counts and
     * latency percentiles since the last reset. Scenarios and endpoints are sorted by name.
     */
    public MetricsSnapshot snapshot() {
        Map<String, Map<String, EndpointSnapshot>> scenarios = new TreeMap<>();
        for (EndpointStats[] stats : byScenario.values()) {
            Map<String, EndpointSnapshot> endpoints = new TreeMap<>();
            for (EndpointStats s : stats) {
                EndpointSnapshot snap = EndpointSnapshot.of(s);
                if (snap.getCount() > 0) {
                    endpoints.put(s.endpoint(), snap);
                }
            }
            if (!endpoints.isEmpty()) {
                scenarios.put(stats[0].scenario(), endpoints);
            }
        }
        return new MetricsSnapshot(HISTOGRAM_UNIT, SIGNIFICANT_DIGITS,
                Instant.ofEpochMilli(sinceEpochMillis).toString(),
                Instant.ofEpochMilli(epochMillisClock.getAsLong()).toString(),
                new LinkedHashMap<>(scenarios));
    }

    /**
     * Clears the counts and histograms that {@link #snapshot()} reports. Interval recorders are not
     * touched: the interval log covers the whole run, and each line carries its own timestamps.
     */
    public void reset() {
        for (EndpointStats[] stats : byScenario.values()) {
            for (EndpointStats s : stats) {
                s.reset();
            }
        }
        sinceEpochMillis = epochMillisClock.getAsLong();
    }

    /** When the counts and histograms {@link #snapshot()} reports began: the start or the last reset; ms since the epoch. */
    long sinceEpochMillis() {
        return sinceEpochMillis;
    }

    /**
     * Every endpoint of every scenario seen so far (an endpoint may have had no request), for the
     * interval-log writer and the Prometheus exposition; each scenario's endpoints in
     * {@link Endpoint} order.
     */
    List<EndpointStats> allStats() {
        List<EndpointStats> all = new ArrayList<>();
        for (EndpointStats[] stats : byScenario.values()) {
            all.addAll(List.of(stats));
        }
        return all;
    }

    /**
     * An auto-resizing recorder in microseconds. Not packed: HdrHistogram 2.2.2's packed concurrent
     * histogram livelocks when several event loops record while the interval writer swaps (a
     * resize waits on a writer that spins forever; the service stopped answering under wrk), and
     * the plain one records about 4x faster. It costs more memory: tens of KB per recorder rather
     * than a few (docs/BENCHMARKS.md).
     */
    static Recorder newRecorder() {
        return new Recorder(SIGNIFICANT_DIGITS);
    }

    static Histogram emptyHistogram() {
        return new org.HdrHistogram.PackedHistogram(SIGNIFICANT_DIGITS);
    }
}
