package io.dropnight.capacity;

import io.dropnight.core.Endpoint;

import java.time.Duration;
import java.util.EnumMap;

/** Small capacity models for tests. */
public final class Models {
    private Models() {
    }

    /** Every modelled endpoint costs {@code spec}; no scaling; cache defaults. */
    public static CapacityModel uniform(int slots, int queueLimit, String spec) {
        EnumMap<Endpoint, ServiceTimeDistribution> times = new EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) {
            if (e.modelled()) {
                times.put(e, ServiceTimeDistribution.parse("test", spec));
            }
        }
        return new CapacityModel(false, 1.0, slots, queueLimit, times, CacheModel.defaults());
    }

    public static CacheModel cache(double missCostFactor, boolean singleFlight, boolean prewarm) {
        return new CacheModel(Duration.ofSeconds(30), missCostFactor, singleFlight, prewarm);
    }

    public static long seconds(double s) {
        return Math.round(s * 1e9);
    }
}
