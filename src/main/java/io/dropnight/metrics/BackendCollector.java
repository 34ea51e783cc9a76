package io.dropnight.metrics;

import io.dropnight.core.Endpoint;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

import static io.dropnight.metrics.ServiceExposition.PREFIX;

/**
 * The virtual backend, for Prometheus: one {@link BackendState} read per scrape (the numbers the
 * {@code backend} part of {@code GET /metrics} shows) given as gauges, counters since the start and
 * the policy as an info metric. A bound the policy does not have ({@code none}: no queue limit, no
 * admission limit) is absent rather than infinite. Thread-safe if the supplier is.
 */
final class BackendCollector implements MultiCollector {
    private final Supplier<BackendState> state;

    /** @param state reads the backend's live state, cheaply, from any thread */
    BackendCollector(Supplier<BackendState> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public MetricSnapshots collect() {
        BackendState s = state.get();
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(InfoSnapshot.builder().name(PREFIX + "policy").help("The overload policy in force")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("policy", s.policy())).build())
                .build());
        out.add(gauge("slots", "Backend slots (after scaling)", s.slots()));
        out.add(gauge("slots_busy", "Backend slots serving a request now", s.busySlots()));
        out.add(gauge("queue_depth", "Requests waiting for a backend slot now", s.queued()));
        out.add(gauge("in_flight", "Requests admitted and not yet finished: queued, in a slot or waiting on a cache fetch",
                s.inFlight()));
        optionalGauge(out, "queue_limit", "The wait queue's bound (absent when unbounded)", s.queueLimit());
        optionalGauge(out, "admission_limit", "The in-flight bound the policy enforces now (absent when there is none)",
                s.admissionLimit());
        out.add(gauge("capacity_requests_per_second", "Requests per second the slots sustain with a warm cache, "
                + "at the observed endpoint mix and the fault's slowdown", s.capacityPerSecond()));
        out.add(gauge("fault_slowdown_factor", "The injected fault's multiplier of every service time (1: none)",
                s.fault().slowdownFactor()));
        out.add(gauge("fault_outage", "1 while an outage fault fails every modelled request, else 0",
                s.fault().outage() ? 1 : 0));
        out.add(shed(s.shedByEndpoint()));
        out.add(counter("backend_admitted", "Requests the backend admitted since the start", s.admitted()));
        out.add(counter("backend_served", "Requests the backend served since the start", s.served()));
        out.add(counter("backend_failed", "Requests the backend failed since the start (outage fault, shutdown)",
                s.failed()));
        out.add(CounterSnapshot.builder().name(PREFIX + "cache_lookups")
                .help("Title-metadata cache lookups since the start, by result")
                .dataPoint(count(Labels.of("result", "hit"), s.cache().hits()))
                .dataPoint(count(Labels.of("result", "miss"), s.cache().misses()))
                .dataPoint(count(Labels.of("result", "coalesced"), s.cache().coalesced()))
                .build());
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot shed(Map<Endpoint, Long> shedByEndpoint) {
        CounterSnapshot.Builder shed = CounterSnapshot.builder().name(PREFIX + "shed")
                .help("Requests shed by the overload policy or the full queue (503 error page) since the start, "
                        + "by endpoint and its shedding priority");
        shedByEndpoint.forEach((endpoint, n) -> shed.dataPoint(count(Labels.of("endpoint", endpoint.metricName(),
                "priority", endpoint.priority().name().toLowerCase(Locale.ROOT)), n)));
        return shed.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(PREFIX + name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static void optionalGauge(List<MetricSnapshot> out, String name, String help, OptionalInt value) {
        if (value.isPresent()) {
            out.add(gauge(name, help, value.getAsInt()));
        }
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(PREFIX + name).help(help).dataPoint(count(Labels.EMPTY, value)).build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot count(Labels labels, long value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
