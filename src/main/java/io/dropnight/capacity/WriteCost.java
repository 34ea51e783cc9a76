package io.dropnight.capacity;

import io.dropnight.core.Checks;

/**
 * The modelled cost of a booking write (the cinema reservations' database): a confirm's commit
 * takes one of {@code slots} write slots for a draw from {@code time}, beside the backend slots
 * its request already used, so the database's throughput limits a rush the same way on any
 * machine. Scaled with the model's {@link CapacityModel#scale()} like the backend slots.
 *
 * @param slots full-size concurrent writes, &gt;= 1
 * @param time  one write's service time
 */
public record WriteCost(int slots, ServiceTimeDistribution time) {
    /** Full-size write slots: a primary database with a few dozen connections' worth of commits. */
    public static final int DEFAULT_SLOTS = 16;
    /** One commit: a few milliseconds, a slow tail of fsyncs. */
    public static final String DEFAULT_TIME = "lognormal:6ms:30ms";

    public WriteCost {
        Checks.atLeast("capacity.write-slots", slots, 1);
        Checks.notNull("capacity.write-time", time);
    }

    public static WriteCost defaults() {
        return new WriteCost(DEFAULT_SLOTS, ServiceTimeDistribution.parse("capacity.write-time", DEFAULT_TIME));
    }
}
