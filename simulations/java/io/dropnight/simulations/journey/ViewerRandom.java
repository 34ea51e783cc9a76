package io.dropnight.simulations.journey;

import io.gatling.javaapi.core.Session;

import java.util.SplittableRandom;

/**
 * The client side's random choices (which episode, how long before a refresh), seeded from
 * {@code -Dseed}: each viewer gets a {@link SplittableRandom} of its own, derived from the seed, the
 * injector's index and the viewer's Gatling user id, kept in its session. The same seed therefore
 * draws the same choices for the same viewer, whatever the interleaving of viewers on Gatling's
 * threads. (Gatling's own uniform pauses between title-page polls are not drawn here.)
 *
 * <p>Thread-safety: this object is immutable; a viewer's random source is used only by that
 * viewer's session, which Gatling runs one action at a time.
 */
public final class ViewerRandom {
    static final String KEY = "viewerRandom";

    private final long seed;

    /**
     * @param seed     {@code -Dseed}
     * @param injector the injector's index (0 when not sharded), so that shards draw apart
     */
    public ViewerRandom(long seed, int injector) {
        this.seed = mix(seed ^ mix(injector + 1L));
    }

    /** The viewer's session with its own random source. */
    Session seed(Session s) {
        return s.set(KEY, forViewer(s.userId()));
    }

    /** The viewer's random source; one derived from the seed alone if {@link #seed} was skipped. */
    SplittableRandom of(Session s) {
        SplittableRandom own = s.get(KEY);
        return own != null ? own : forViewer(s.userId());
    }

    /** A fresh random source for Gatling user {@code userId}: the same for the same seed, injector and user. */
    SplittableRandom forViewer(long userId) {
        return new SplittableRandom(mix(seed ^ userId));
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser: nearby inputs give unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
