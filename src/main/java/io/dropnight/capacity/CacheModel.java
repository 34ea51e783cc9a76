package io.dropnight.capacity;

import io.dropnight.core.Checks;

import java.time.Duration;

/**
 * The title-metadata cache in front of the virtual backend. It is cold at the drop instant: the
 * first requests for the newly unlocked episode miss and cost {@code missCostFactor} times the
 * endpoint's service time (the stampede).
 *
 * @param ttl            how long a cached entry stays fresh
 * @param missCostFactor service-time multiplier for a miss, at least 1
 * @param singleFlight   coalesce concurrent misses for one key into one backend fetch
 * @param prewarm        fill the cache for the featured series at the drop instant (no stampede)
 */
public record CacheModel(Duration ttl, double missCostFactor, boolean singleFlight, boolean prewarm) {

    public CacheModel {
        Checks.positive("cache.ttl", ttl);
        Checks.positive("cache.miss-cost-factor", missCostFactor);
        if (missCostFactor < 1) {
            throw new io.dropnight.core.ConfigException("cache.miss-cost-factor", missCostFactor, "must be >= 1");
        }
    }

    public static CacheModel defaults() {
        return new CacheModel(Duration.ofSeconds(30), 8.0, false, false);
    }
}
