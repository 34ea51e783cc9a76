package io.dropnight.capacity;

import io.dropnight.core.ServiceDefaults;

import io.dropnight.core.Checks;
import io.dropnight.core.ConfigException;
import io.dropnight.core.Endpoint;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The modelled capacity of the virtual backend, so that a run means the same on any machine.
 * All modelled endpoints share {@code slots} backend slots and one wait queue of
 * {@code queueLimit} requests; each endpoint costs a draw from its own service-time distribution.
 * Capacity in requests per second is therefore about {@code slots / mean service time}.
 *
 * <p>{@code scale} is the rehearsal's ratio to the full-size audience (0.01 for a 1:100 run):
 * slots and queue are multiplied by it, as the simulations multiply their user counts, so a
 * scaled rehearsal projects to full size. Scaled slots need not be whole: 67 slots at scale 0.5
 * are 33.5 slot-equivalents, served by 34 slots each working at 33.5 / 34 of full speed
 * ({@link #serviceStretch()}), so that every full-size slot is a step in capacity at any scale.
 * (Rounding made 67 and 68 the same service at scale 0.5, and 75 to 84 one at scale 0.1.)
 *
 * @param unconstrained turn the model off: every request is served at once (measures the harness)
 * @param scale         rehearsal-to-full-size ratio, &gt; 0
 * @param slots         full-size backend slots, &gt;= 1
 * @param queueLimit    full-size wait queue bound, &gt;= 0 (ignored by policy {@code none})
 * @param serviceTimes  one distribution for every modelled endpoint
 * @param cache         the title-metadata cache
 * @param writes        the cost of a booking write (cinema reservations), beside the slots
 */
public record CapacityModel(boolean unconstrained, double scale, int slots, int queueLimit,
                            Map<Endpoint, ServiceTimeDistribution> serviceTimes, CacheModel cache, WriteCost writes) {

    /** With the default {@link WriteCost}. */
    public CapacityModel(boolean unconstrained, double scale, int slots, int queueLimit,
                         Map<Endpoint, ServiceTimeDistribution> serviceTimes, CacheModel cache) {
        this(unconstrained, scale, slots, queueLimit, serviceTimes, cache, WriteCost.defaults());
    }

    public CapacityModel {
        Checks.positive("capacity.scale", scale);
        Checks.atLeast("capacity.slots", slots, 1);
        Checks.atLeast("capacity.queue-limit", queueLimit, 0);
        Checks.notNull("capacity.service-times", serviceTimes);
        Checks.notNull("cache", cache);
        Checks.notNull("writes", writes);
        EnumMap<Endpoint, ServiceTimeDistribution> copy = new EnumMap<>(Endpoint.class);
        copy.putAll(serviceTimes);
        for (Endpoint e : Endpoint.values()) {
            if (e.modelled() && !copy.containsKey(e)) {
                throw new ConfigException("capacity.service-times." + e.metricName(), "missing",
                        "every modelled endpoint needs a service time");
            }
        }
        serviceTimes = Collections.unmodifiableMap(copy);
        if (slots * scale > 1_000_000) {
            throw new ConfigException("capacity.slots", slots, "times scale must stay below 1,000,000");
        }
    }

    /** The defaults a release-night rehearsal starts from; see README for the reasoning. */
    public static CapacityModel defaults() {
        EnumMap<Endpoint, ServiceTimeDistribution> times = new EnumMap<>(Endpoint.class);
        times.put(Endpoint.SESSION, ServiceTimeDistribution.parse("session", "lognormal:4ms:20ms"));
        times.put(Endpoint.HOME, ServiceTimeDistribution.parse("home", "lognormal:8ms:40ms"));
        times.put(Endpoint.TITLE, ServiceTimeDistribution.parse("title", "lognormal:6ms:30ms"));
        times.put(Endpoint.SEARCH, ServiceTimeDistribution.parse("search", "lognormal:15ms:80ms"));
        times.put(Endpoint.PLAYBACK_START, ServiceTimeDistribution.parse("playback-start", "lognormal:20ms:120ms"));
        times.put(Endpoint.HEARTBEAT, ServiceTimeDistribution.parse("heartbeat", "exp:1ms"));
        times.put(Endpoint.PAGE_HOME, ServiceTimeDistribution.parse("page-home", "lognormal:10ms:50ms"));
        times.put(Endpoint.PAGE_TITLE, ServiceTimeDistribution.parse("page-title", "lognormal:8ms:40ms"));
        // The cinema reservations: the request's own work; a confirm's write is WriteCost's, beside it.
        times.put(Endpoint.SCREENINGS, ServiceTimeDistribution.parse("screenings", "lognormal:5ms:25ms"));
        times.put(Endpoint.HOLD, ServiceTimeDistribution.parse("hold", "lognormal:4ms:20ms"));
        times.put(Endpoint.CONFIRM, ServiceTimeDistribution.parse("confirm", "lognormal:4ms:20ms"));
        times.put(Endpoint.CANCEL, ServiceTimeDistribution.parse("cancel", "lognormal:3ms:15ms"));
        return new CapacityModel(false, 1.0, ServiceDefaults.SLOTS, ServiceDefaults.QUEUE_LIMIT, times,
                CacheModel.defaults(), WriteCost.defaults());
    }

    /** Slot-equivalents after scaling: {@code slots * scale}, whole or not. */
    public double scaledSlots() {
        return slots * scale;
    }

    /** Backend slots after scaling: {@link #scaledSlots()} rounded up, at least 1. */
    public int effectiveSlots() {
        return (int) Math.max(1, Math.ceil(scaledSlots() - 1e-9));
    }

    /**
     * How much longer each of the {@link #effectiveSlots()} takes over a request than a full-speed
     * slot, so that together they serve {@link #scaledSlots()} slots' worth: 1 where the scaled
     * slots are whole, 34 / 33.5 for 33.5.
     */
    public double serviceStretch() {
        return effectiveSlots() / scaledSlots();
    }

    /** Wait-queue bound after scaling. */
    public int effectiveQueueLimit() {
        return (int) Math.max(0, Math.round(queueLimit * scale));
    }

    public CapacityModel withUnconstrained(boolean value) {
        return new CapacityModel(value, scale, slots, queueLimit, serviceTimes, cache, writes);
    }

    public CapacityModel withScale(double value) {
        return new CapacityModel(unconstrained, value, slots, queueLimit, serviceTimes, cache, writes);
    }

    public CapacityModel withSlots(int value) {
        return new CapacityModel(unconstrained, scale, value, queueLimit, serviceTimes, cache, writes);
    }

    public CapacityModel withQueueLimit(int value) {
        return new CapacityModel(unconstrained, scale, slots, value, serviceTimes, cache, writes);
    }

    public CapacityModel withServiceTime(Endpoint endpoint, ServiceTimeDistribution d) {
        EnumMap<Endpoint, ServiceTimeDistribution> times = new EnumMap<>(serviceTimes);
        times.put(endpoint, d);
        return new CapacityModel(unconstrained, scale, slots, queueLimit, times, cache, writes);
    }

    /**
     * With one endpoint's service time from an entry as written in a config file, a flag or an
     * admin request, for example {@code home} and {@code lognormal:8ms:40ms}.
     *
     * @param field where the entries are written, such as {@code capacity.service-times}; an unknown
     *              or unmodelled endpoint is reported under it, a bad spec under {@code field.endpoint}
     * @throws ConfigException naming the field, the value and the rule
     */
    public CapacityModel withServiceTime(String field, String endpointName, String spec) {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.byMetricName(endpointName);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, endpointName, e.getMessage());
        }
        if (!endpoint.modelled()) {
            throw new ConfigException(field, endpointName, "is not a modelled endpoint");
        }
        return withServiceTime(endpoint, ServiceTimeDistribution.parse(field + "." + endpointName, spec));
    }

    public CapacityModel withWrites(WriteCost value) {
        return new CapacityModel(unconstrained, scale, slots, queueLimit, serviceTimes, cache, value);
    }

    public CapacityModel withCache(CacheModel value) {
        return new CapacityModel(unconstrained, scale, slots, queueLimit, serviceTimes, value, writes);
    }
}
