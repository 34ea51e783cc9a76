package io.dropnight.capacity;

import io.dropnight.core.Checks;
import io.dropnight.core.ConfigException;

/**
 * The M/M/c queue (Poisson arrivals, exponential service, {@code c} slots, unbounded FIFO queue):
 * the probability that an arrival waits and the mean wait, by Erlang's C formula. Used to check
 * the virtual backend against theory and for the README's capacity arithmetic. Stateless.
 */
public final class ErlangC {
    private ErlangC() {
    }

    /**
     * The probability that an arrival finds every slot busy and waits.
     *
     * @param slots           servers, at least 1
     * @param offeredErlangs  arrival rate times mean service time, below {@code slots}
     */
    public static double probabilityOfWaiting(int slots, double offeredErlangs) {
        checkStable(slots, offeredErlangs);
        // Erlang B by its stable recurrence, then C from B: no factorials, no overflow.
        double b = 1.0;
        for (int k = 1; k <= slots; k++) {
            b = offeredErlangs * b / (k + offeredErlangs * b);
        }
        return slots * b / (slots - offeredErlangs * (1 - b));
    }

    /**
     * The mean time an arrival waits for a slot, in seconds.
     *
     * @param arrivalsPerSecond  Poisson arrival rate, &gt; 0
     * @param meanServiceSeconds exponential service time's mean, &gt; 0
     */
    public static double meanWaitSeconds(int slots, double arrivalsPerSecond, double meanServiceSeconds) {
        double erlangs = Checks.positive("arrivalsPerSecond", arrivalsPerSecond)
                * Checks.positive("meanServiceSeconds", meanServiceSeconds);
        double c = probabilityOfWaiting(slots, erlangs);
        return c / (slots / meanServiceSeconds - arrivalsPerSecond);
    }

    /** The mean time from arrival to answer (wait plus service), in seconds. */
    public static double meanResponseSeconds(int slots, double arrivalsPerSecond, double meanServiceSeconds) {
        return meanWaitSeconds(slots, arrivalsPerSecond, meanServiceSeconds) + meanServiceSeconds;
    }

    private static void checkStable(int slots, double offeredErlangs) {
        Checks.atLeast("slots", slots, 1);
        Checks.positive("offeredErlangs", offeredErlangs);
        if (offeredErlangs >= slots) {
            throw new ConfigException("offeredErlangs", offeredErlangs,
                    "must be below the number of slots (" + slots + "), or the queue grows without bound");
        }
    }
}
