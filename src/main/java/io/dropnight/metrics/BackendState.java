package io.dropnight.metrics;

import io.dropnight.core.Endpoint;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The virtual backend's live state at one instant, the one source of both views of it: the
 * {@code backend} part of {@code GET /metrics} and the gauges and counters of
 * {@code GET /metrics/prometheus}. Counts run from the backend's start (an admin reset of the
 * request metrics does not touch them). Immutable.
 *
 * @param policy            the overload policy's config name, for example {@code fixed}
 * @param slots             backend slots after scaling
 * @param queueLimit        the wait queue's bound after scaling; empty when unbounded (policy {@code none})
 * @param busySlots         slots serving a request now
 * @param queued            requests waiting for a slot now
 * @param inFlight          requests admitted and not yet released (queued, in a slot, or waiting on a fetch)
 * @param admissionLimit    the in-flight bound in force now (it moves under {@code adaptive}); empty when
 *                          there is none
 * @param capacityPerSecond requests per second the slots sustain with a warm cache (see the backend)
 * @param admitted          requests admitted since the start
 * @param served            requests served since the start
 * @param failed            requests failed since the start (outage fault, shutdown)
 * @param shedByEndpoint    requests shed (rejected at admission or by the full queue) since the start,
 *                          per modelled endpoint
 * @param cache             the title-metadata cache's lookups since the start
 * @param fault             the fault injected now
 */
public record BackendState(String policy, int slots, OptionalInt queueLimit, int busySlots, int queued, int inFlight,
                           OptionalInt admissionLimit, double capacityPerSecond, long admitted, long served, long failed,
                           Map<Endpoint, Long> shedByEndpoint, Cache cache, Fault fault) {

    public BackendState {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(queueLimit, "queueLimit");
        Objects.requireNonNull(admissionLimit, "admissionLimit");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(fault, "fault");
        EnumMap<Endpoint, Long> shed = new EnumMap<>(Endpoint.class);
        shed.putAll(Objects.requireNonNull(shedByEndpoint, "shedByEndpoint"));
        shedByEndpoint = Collections.unmodifiableMap(shed);
    }

    /** Requests shed since the start, every endpoint together. */
    public long shed() {
        return shedByEndpoint.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Lookups of the title-metadata cache since the start; each keyed lookup is exactly one of these.
     *
     * @param hits      fresh: the normal service time
     * @param misses    cold or expired: the miss cost
     * @param coalesced waited on a fetch already running (single-flight)
     */
    public record Cache(long hits, long misses, long coalesced) {
    }

    /**
     * The injected fault.
     *
     * @param slowdownFactor multiplies every modelled service time (1.0: none)
     * @param outage         every modelled request fails at once
     */
    public record Fault(double slowdownFactor, boolean outage) {
    }
}
