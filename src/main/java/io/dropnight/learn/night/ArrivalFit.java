package io.dropnight.learn.night;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the arrivals after the drop into a night file's vocabulary: a step (a ramp over S seconds),
 * a decaying tail (K segments of H seconds, each half the one before: a half-life of H), then a
 * steady rate to the end. S and H are searched over a grid (every second up to a minute, coarser
 * beyond; a step of at most 30 minutes, a half-life of at most an hour); the tail's first segment
 * is the measured one, and it lasts as long as its halving count stays above the steady rate (the
 * last quarter's, at most 5 minutes'), or one or two segments less. The winner has the smallest largest difference per 10-second window, then the
 * smallest sum of squared differences per window. Stateless.
 */
final class ArrivalFit {
    private static final int MAX_HALVINGS = 20;
    /** A step longer than half an hour is no step; a half-life longer than an hour is a steady rate. */
    private static final int MAX_STEP = 1800;
    private static final int MAX_EVERY = 3600;

    private ArrivalFit() {
    }

    /**
     * @param after arrivals in each second from the drop on, ending with the last second anyone arrived
     * @return the entries after {@code until: drop}
     */
    static List<Entry> afterDrop(long[] after) {
        long[] prefix = new long[after.length + 1];
        for (int i = 0; i < after.length; i++) {
            prefix[i + 1] = prefix[i] + after[i];
        }
        int steadyFrom = after.length - Math.max(1, Math.min(after.length / 4, 300));
        double steadyRate = (double) (prefix[after.length] - prefix[steadyFrom]) / (after.length - steadyFrom);
        List<Entry> best = List.of(Entry.ramp("step", prefix[after.length], after.length));
        double[] bestScore = score(prefix, best);
        for (int step : grid(Math.min(after.length, MAX_STEP))) {
            for (int every : grid(Math.min(after.length - step, MAX_EVERY))) {
                int most = halvings(prefix, step, every, steadyRate);
                for (int halvings = Math.max(0, most - 2); halvings <= most; halvings++) {
                    List<Entry> candidate = candidate(prefix, step, every, halvings);
                    double[] s = score(prefix, candidate);
                    if (s[0] < bestScore[0] - 1e-9 || Math.abs(s[0] - bestScore[0]) <= 1e-9 && s[1] < bestScore[1]) {
                        best = candidate;
                        bestScore = s;
                    }
                }
            }
        }
        return best;
    }

    /** The tail's segments while its halving count stays above the steady rate and within the curve; at most 20. */
    private static int halvings(long[] prefix, int step, int every, double steadyRate) {
        int length = prefix.length - 1;
        long n = prefix[Math.min(length, step + every)] - prefix[step];
        int halvings = 0;
        while (halvings < MAX_HALVINGS && step + (halvings + 1) * every <= length && n > steadyRate * every && n >= 1) {
            halvings++;
            if (n == 1) {
                break;
            }
            n = Math.max(1, n / 2);
        }
        return halvings;
    }

    /**
     * A step of {@code step} seconds, a tail of {@code halvings} segments of {@code every} seconds
     * from the measured first one, then a steady rate bringing the rest of the curve's viewers.
     */
    private static List<Entry> candidate(long[] prefix, int step, int every, int halvings) {
        int length = prefix.length - 1;
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.ramp("step", Math.max(1, prefix[step]), step));
        int at = step;
        if (halvings > 0) {
            entries.add(Entry.tail(prefix[step + every] - prefix[step], halvings, every));
            at += halvings * every;
        }
        // The steady rate brings whoever the step and the tail left out, so that the night keeps the log's viewers.
        long rest = prefix[length] - plannedBy(entries, at);
        if (at < length && rest > 0) {
            entries.add(Entry.ramp("steady", rest, length - at));
        }
        return entries;
    }

    /**
     * [largest difference per 10-s window, squared differences per window summed] of a candidate's
     * plan, read off cumulative counts at the windows' bounds: a candidate costs one step per window.
     */
    private static double[] score(long[] prefix, List<Entry> entries) {
        int length = prefix.length - 1;
        double worst = 0;
        double squares = 0;
        long plannedBefore = 0;
        for (int end = Math.min(Curves.WINDOW, length); ; end = Math.min(end + Curves.WINDOW, length)) {
            long planned = plannedBy(entries, end);
            int start = end - (end % Curves.WINDOW == 0 ? Curves.WINDOW : end % Curves.WINDOW);
            long d = (prefix[end] - prefix[start]) - (planned - plannedBefore);
            worst = Math.max(worst, Math.abs(d));
            squares += (double) d * d;
            plannedBefore = planned;
            if (end == length) {
                return new double[] {worst, squares};
            }
        }
    }

    /** Viewers the entries (none of them a gathering or a wait) have planned by {@code t} seconds, as PlannedCurve counts. */
    static long plannedBy(List<Entry> entries, int t) {
        long sum = 0;
        int at = 0;
        for (Entry e : entries) {
            int u = t - at;
            if (u <= 0) {
                break;
            }
            if (e.kind() == Entry.Kind.TAIL) {
                long n = e.viewers();
                for (int i = 0; i < e.halvings() && u > 0; i++, u -= e.seconds(), n = Math.max(1, n / 2)) {
                    sum += u >= e.seconds() ? n : n * u / e.seconds();
                }
            } else {
                sum += u >= e.seconds() ? e.viewers() : e.viewers() * u / e.seconds();
            }
            at += PlannedCurve.seconds(e, 0);
        }
        return sum;
    }

    /** Every second to a minute, every 5 s to 5 minutes, every 30 s to 30 minutes, every 5 minutes beyond; at most {@code max}. */
    static List<Integer> grid(int max) {
        List<Integer> out = new ArrayList<>();
        for (int s = 1; s <= max; s += s < 60 ? 1 : s < 300 ? 5 : s < 1800 ? 30 : 300) {
            out.add(s);
        }
        return out;
    }
}
