package io.dropnight.learn.night;

import java.util.List;

/**
 * The arrivals per second a learned population's entries plan at scale 1 and compression 1, from
 * the night's first injection: the harness's own arithmetic (nights.Arrival, Phase and
 * watch.PlannedArrivals in the simulations, which the jar does not hold), restated for the few
 * kinds a learned night writes. {@code LearnedNightPlanTest} holds the two to each other on
 * learned nights. Stateless.
 */
final class PlannedCurve {
    private PlannedCurve() {
    }

    /**
     * @param dropSeconds the night's {@code drop}: from its first arrival to the drop
     * @return viewers planned in each second from the night's start, as long as the entries last
     */
    static long[] of(List<Entry> entries, int dropSeconds) {
        int length = 0;
        for (Entry e : entries) {
            length += seconds(e, dropSeconds);
        }
        long[] out = new long[length];
        int at = 0;
        for (Entry e : entries) {
            switch (e.kind()) {
                case GATHER -> ramp(out, at, e.viewers(), gathering(dropSeconds));
                case RAMP -> ramp(out, at, e.viewers(), Math.max(1, e.seconds()));
                case TAIL -> {
                    long users = e.viewers();
                    for (int i = 0; i < e.halvings(); i++) {
                        ramp(out, at + i * e.seconds(), users, e.seconds());
                        users = Math.max(1, users / 2); // Nights.halvingTail
                    }
                }
                case PER_SECOND -> System.arraycopy(e.perSecond(), 0, out, at, e.perSecond().length);
                case UNTIL_DROP -> {
                }
            }
            at += seconds(e, dropSeconds);
        }
        return out;
    }

    /** How long an entry lasts, whole seconds. */
    static int seconds(Entry e, int dropSeconds) {
        return switch (e.kind()) {
            case GATHER -> gathering(dropSeconds);
            case UNTIL_DROP -> dropSeconds;
            case RAMP -> Math.max(1, e.seconds());
            case TAIL -> e.seconds() * e.halvings();
            case PER_SECOND -> e.perSecond().length;
        };
    }

    /**
     * Nights.gathering: the drop less 5 s of calm, or half of a drop of 10 s or less, rounded half
     * up to whole seconds (Phase.wholeSeconds), at least 1 s (Phase.MIN_RAMP).
     */
    static int gathering(int dropSeconds) {
        int halfUp = (dropSeconds + 1) / 2;
        return Math.max(1, dropSeconds > 10 ? dropSeconds - 5 : halfUp);
    }

    /** A ramp of {@code users} over {@code seconds}, counted as PlannedArrivals does: floor(users × elapsed / length). */
    private static void ramp(long[] out, int at, long users, int seconds) {
        for (int s = 0; s < seconds; s++) {
            out[at + s] += users * (s + 1) / seconds - users * s / seconds;
        }
    }
}
