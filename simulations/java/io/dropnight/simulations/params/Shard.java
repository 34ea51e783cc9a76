package io.dropnight.simulations.params;

import java.util.Locale;

/**
 * Which share of a night this injector runs: injector {@code index} (0-based) of {@code count}
 * ({@code -Dinjector}, {@code -Dinjectors}). {@link #WHOLE} is an unsharded run. Immutable.
 *
 * @param index this injector, from 0 to {@code count - 1}
 * @param count how many injectors share the night, from 1 to {@link #MAX_INJECTORS}
 */
public record Shard(int index, int count) {
    /** A bound that catches a typo (an extra zero) long before it catches a real deployment. */
    public static final int MAX_INJECTORS = 10_000;

    /** The whole night on one injector. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || count > MAX_INJECTORS) {
            throw new ParameterException(NightParameters.INJECTORS, count,
                    "must be a whole number from 1 to " + MAX_INJECTORS);
        }
        if (index < 0 || index >= count) {
            throw new ParameterException(NightParameters.INJECTOR, index, String.format(Locale.ROOT,
                    "must be from 0 to injectors - 1 = %d (0-based, as JOB_COMPLETION_INDEX)", count - 1));
        }
    }

    /** Whether the night is split over several injectors. */
    public boolean sharded() {
        return count > 1;
    }

    /** {@code injector 2 of 3} (1-based count, 0-based index as given), for logs. */
    public String describe() {
        return String.format(Locale.ROOT, "injector %d of %d (0-based)", index, count);
    }
}
