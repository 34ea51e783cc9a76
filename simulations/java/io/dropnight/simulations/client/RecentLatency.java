package io.dropnight.simulations.client;

/**
 * Latency percentiles of every request finished in the last few seconds (all endpoints and
 * outcomes, from when each was due), as the live views show them. Milliseconds; not finite when
 * no request finished in the window. Immutable.
 *
 * @param seconds  the window's length, in whole seconds taken from client.hlog's intervals
 * @param requests the requests finished in the window
 * @param p50Ms    median, ms
 * @param p90Ms    90th percentile, ms
 * @param p99Ms    99th percentile, ms
 */
public record RecentLatency(int seconds, long requests, double p50Ms, double p90Ms, double p99Ms) {
    /** Nothing kept (a view without a client log), or nothing finished yet. */
    public static final RecentLatency NONE = new RecentLatency(0, 0, Double.NaN, Double.NaN, Double.NaN);

    public RecentLatency {
        if (seconds < 0 || requests < 0) {
            throw new IllegalArgumentException("seconds and requests must not be negative: " + seconds + ", " + requests);
        }
    }
}
