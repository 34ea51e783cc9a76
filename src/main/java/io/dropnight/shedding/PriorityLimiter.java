package io.dropnight.shedding;

import io.dropnight.core.Checks;
import io.dropnight.core.ConfigException;
import io.dropnight.core.Endpoint;
import io.dropnight.core.Priority;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Policy {@link OverloadPolicy#PRIORITY}: one shared in-flight count, and a lower admission
 * threshold for each less critical class. With the defaults, search is refused once half of
 * {@code capacity} (slots plus queue) is in flight, home at 70%, title and session at 85%, and
 * playback only when everything is full. Surplus browsing therefore cannot occupy more than 70% of
 * the system, which keeps 30% (a whole queue's worth plus) for playback however large the surge:
 * playback stays available as long as playback alone fits in the capacity.
 *
 * <p>Why thresholds rather than the library's partitioned limiter: partitions reserve a share per
 * class even when that class is idle, and borrow only up to their limit; thresholds let browsing
 * use the whole spare capacity on a quiet night and still shed it first. Thread-safe.
 */
final class PriorityLimiter extends CountingLimiter {

    /** Fraction of capacity in flight above which a class is refused, most critical first. */
    static final Map<Priority, Double> DEFAULT_THRESHOLDS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Priority.PLAYBACK, 1.0, Priority.TITLE, 0.85, Priority.HOME, 0.70, Priority.SEARCH, 0.50)));

    private final int capacity;
    private final EnumMap<Priority, Integer> bounds = new EnumMap<>(Priority.class);

    /**
     * @param capacity   slots plus queue, at least 1
     * @param thresholds a fraction in (0, 1] for every priority, not increasing from the most
     *                   critical class to the least
     */
    PriorityLimiter(int capacity, Map<Priority, Double> thresholds) {
        this.capacity = Checks.atLeast("limit", capacity, 1);
        double previous = 1.0;
        for (Priority p : Priority.values()) {
            Double fraction = thresholds.get(p);
            String field = "shedding.thresholds." + p.name().toLowerCase(Locale.ROOT);
            if (fraction == null || !(fraction > 0) || fraction > previous) {
                throw new ConfigException(field, fraction,
                        "must be in (0, 1] and no higher than the threshold of a more critical class");
            }
            previous = fraction;
            bounds.put(p, (int) Math.max(1, Math.floor(fraction * capacity)));
        }
    }

    @Override
    protected int boundFor(Endpoint endpoint) {
        return bounds.get(endpoint.priority());
    }

    @Override
    public int currentLimit() {
        return capacity;
    }
}
