package io.dropnight.learn.night;

/**
 * Counts per second within a day either side of the drop (the longest a learned night's curve can
 * be, as a night file's {@code perSecond} holds a day): fixed arrays, 2.7 MB for the three series
 * kept, whatever the log's length. Seconds outside are not counted here. Not thread-safe.
 */
final class SecondSeries {
    /** A day, the reach either side of the drop. */
    static final int REACH = 86_400;

    private final long[] requests = new long[2 * REACH];
    private final long[] errors = new long[2 * REACH];
    private final long[] arrivals = new long[2 * REACH];

    /** Whether {@code second} from the drop is counted. */
    static boolean within(long second) {
        return second >= -REACH && second < REACH;
    }

    /** One request at {@code second} from the drop, answered with an error status or not. */
    void request(int second, boolean error) {
        if (within(second)) {
            requests[second + REACH]++;
            if (error) {
                errors[second + REACH]++;
            }
        }
    }

    /** One viewer whose first request was {@code second} from the drop. */
    void arrival(int second) {
        if (within(second)) {
            arrivals[second + REACH]++;
        }
    }

    /** Requests in each second of {@code [from, to)} from the drop. */
    long[] requests(int from, int to) {
        return slice(requests, from, to);
    }

    /** Requests answered with an error status in each second of {@code [from, to)}. */
    long[] errors(int from, int to) {
        return slice(errors, from, to);
    }

    /** New viewers in each second of {@code [from, to)}. */
    long[] arrivals(int from, int to) {
        return slice(arrivals, from, to);
    }

    private static long[] slice(long[] series, int from, int to) {
        long[] out = new long[to - from];
        System.arraycopy(series, from + REACH, out, 0, to - from);
        return out;
    }
}
