package io.dropnight.reliability.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The whole arrival schedule of a run, computed up front so that it does not depend on how the
 * server answers (open model): offsets from the start in nanoseconds, sorted, each with the index
 * of its {@link Target}. Immutable.
 */
public final class Arrivals {
    /** How inter-arrival gaps are drawn. */
    public enum Shape {
        /** Evenly spaced: 1/rate apart. */
        FIXED,
        /** Exponential gaps with mean 1/rate (a Poisson process), from a seeded generator. */
        POISSON
    }

    private final long[] offsetsNanos;
    private final int[] targets;

    private Arrivals(long[] offsetsNanos, int[] targets) {
        this.offsetsNanos = offsetsNanos;
        this.targets = targets;
    }

    /** Arrivals of every target over {@code durationNanos}, merged in time order. */
    public static Arrivals of(List<Target> list, long durationNanos, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> all = new ArrayList<>();
        for (int t = 0; t < list.size(); t++) {
            double meanGapNanos = 1e9 / list.get(t).ratePerSecond();
            // A random phase, so that fixed-rate streams of several targets do not arrive in lockstep.
            double at = random.nextDouble() * meanGapNanos;
            while (at < durationNanos) {
                all.add(new long[] {(long) at, t});
                at += shape == Shape.FIXED ? meanGapNanos : -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
            }
        }
        long[][] sorted = all.toArray(long[][]::new);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long[] offsets = new long[sorted.length];
        int[] targets = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            offsets[i] = sorted[i][0];
            targets[i] = (int) sorted[i][1];
        }
        return new Arrivals(offsets, targets);
    }

    public int size() {
        return offsetsNanos.length;
    }

    public long offsetNanos(int i) {
        return offsetsNanos[i];
    }

    public int target(int i) {
        return targets[i];
    }
}
