package io.dropnight.capacity;

import io.dropnight.core.Durations;
import io.dropnight.core.Endpoint;
import io.dropnight.metrics.BackendState;
import io.dropnight.shedding.AdmissionLimiter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The virtual backend's live state ({@link #state}) and the JSON-ready map {@link VirtualBackend#describe()}
 * returns, built from that state so that {@code /metrics} and {@code /metrics/prometheus} read the
 * same numbers. Stateless.
 */
final class BackendDescription {
    private BackendDescription() {
    }

    static BackendState state(BackendSettings s, VirtualBackend.Fault fault, int busySlots, int queued,
            BackendCounters counters, TitleCache cache) {
        AdmissionLimiter limiter = s.limiter();
        int limit = limiter.currentLimit();
        return new BackendState(s.policy().configName(), s.slots(),
                s.boundedQueue() ? OptionalInt.of(s.queueLimit()) : OptionalInt.empty(), busySlots, queued,
                limiter.inFlight(), limit == AdmissionLimiter.UNBOUNDED ? OptionalInt.empty() : OptionalInt.of(limit),
                capacityPerSecond(s.model(), fault, counters), counters.admitted(), counters.served(), counters.failed(),
                counters.rejectedByEndpoint(), new BackendState.Cache(cache.hits(), cache.misses(), cache.coalesced()),
                new BackendState.Fault(fault.slowdownFactor(), fault.outage()));
    }

    static Map<String, Object> of(BackendSettings s, BackendState state) {
        CapacityModel m = s.model();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("policy", state.policy());
        out.put("unconstrained", m.unconstrained());
        out.put("scale", m.scale());
        out.put("slots", state.slots());
        out.put("scaledSlots", m.scaledSlots());
        out.put("queueLimit", state.queueLimit().isPresent() ? state.queueLimit().getAsInt() : null);
        out.put("busySlots", state.busySlots());
        out.put("queued", state.queued());
        out.put("inFlight", state.inFlight());
        out.put("currentLimit", state.admissionLimit().isPresent() ? state.admissionLimit().getAsInt() : null);
        out.put("capacityPerSecond", round1(state.capacityPerSecond()));
        out.put("admitted", state.admitted());
        out.put("rejected", state.shed());
        out.put("failed", state.failed());
        out.put("served", state.served());
        Map<String, Long> rejectedByEndpoint = new LinkedHashMap<>();
        state.shedByEndpoint().forEach((e, n) -> rejectedByEndpoint.put(e.metricName(), n));
        out.put("rejectedByEndpoint", rejectedByEndpoint);
        out.put("cache", cache(m.cache(), state.cache()));
        out.put("fault", Map.of("slowdownFactor", state.fault().slowdownFactor(), "outage", state.fault().outage()));
        out.put("serviceTimes", serviceTimes(m));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Requests per second the slots sustain: slots divided by the mean service time, the mean
     * weighted by the admitted mix so far (equal weights before any traffic), divided by the fault
     * slowdown. Cache misses are left out: this is the warm-cache capacity.
     */
    static double capacityPerSecond(CapacityModel m, VirtualBackend.Fault fault, BackendCounters counters) {
        Map<Endpoint, Long> mix = counters.admittedByEndpoint();
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        double weighted = 0;
        double weights = 0;
        for (Map.Entry<Endpoint, ServiceTimeDistribution> e : m.serviceTimes().entrySet()) {
            if (!e.getKey().modelled()) {
                continue;
            }
            double w = total == 0 ? 1 : mix.get(e.getKey());
            weighted += w * e.getValue().meanNanos();
            weights += w;
        }
        double meanNanos = weighted / weights * fault.slowdownFactor();
        return m.scaledSlots() * 1e9 / meanNanos;
    }

    private static Map<String, Object> cache(CacheModel model, BackendState.Cache cache) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ttl", Durations.format(model.ttl()));
        out.put("missCostFactor", model.missCostFactor());
        out.put("singleFlight", model.singleFlight());
        out.put("prewarm", model.prewarm());
        out.put("hits", cache.hits());
        out.put("misses", cache.misses());
        out.put("coalesced", cache.coalesced());
        return out;
    }

    private static Map<String, String> serviceTimes(CapacityModel m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.serviceTimes().forEach((e, d) -> out.put(e.metricName(), d.spec()));
        return out;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
