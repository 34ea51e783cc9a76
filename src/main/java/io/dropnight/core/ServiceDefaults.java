package io.dropnight.core;

/**
 * The embedded service's defaults that the harness must know too (a plan's probes scale the
 * queue with the slots; the viewers draw from the same seed): one owner for both sides.
 */
public final class ServiceDefaults {
    /** Full-size backend slots. */
    public static final int SLOTS = 64;
    /** Full-size wait-queue bound: four per slot. */
    public static final int QUEUE_LIMIT = 256;
    /** The catalogue's and the service times' seed, and the viewers' choices'. */
    public static final long SEED = 2026;

    private ServiceDefaults() {
    }
}
