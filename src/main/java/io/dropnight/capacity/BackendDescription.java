package io.dropnight.capacity;

import io.dropnight.core.Durations;
import io.dropnight.core.Endpoint;
import io.dropnight.shedding.AdmissionLimiter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the JSON-ready map {@link VirtualBackend#describe()} returns. Stateless. */
final class BackendDescription {
    private BackendDescription() {
    }

    static Map<String, Object> of(BackendSettings s, VirtualBackend.Fault fault, int busySlots, int queued,
            BackendCounters counters, TitleCache cache) {
        CapacityModel m = s.model();
        AdmissionLimiter limiter = s.limiter();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("policy", s.policy().configName());
        out.put("unconstrained", m.unconstrained());
        out.put("scale", m.scale());
        out.put("slots", s.slots());
        out.put("queueLimit", s.boundedQueue() ? s.queueLimit() : null);
        out.put("busySlots", busySlots);
        out.put("queued", queued);
        out.put("inFlight", limiter.inFlight());
        out.put("currentLimit", limiter.currentLimit() == AdmissionLimiter.UNBOUNDED ? null : limiter.currentLimit());
        out.put("capacityPerSecond", round1(capacityPerSecond(m, fault, counters)));
        out.put("admitted", counters.admitted());
        out.put("rejected", counters.rejected());
        out.put("failed", counters.failed());
        out.put("served", counters.served());
        out.put("rejectedByEndpoint", counters.rejectedByEndpoint());
        out.put("cache", cache(m.cache(), cache));
        out.put("fault", Map.of("slowdownFactor", fault.slowdownFactor(), "outage", fault.outage()));
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
        return m.effectiveSlots() * 1e9 / meanNanos;
    }

    private static Map<String, Object> cache(CacheModel model, TitleCache cache) {
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
