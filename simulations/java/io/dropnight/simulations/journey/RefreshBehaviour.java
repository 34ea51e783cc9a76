package io.dropnight.simulations.journey;

import io.dropnight.simulations.params.RefreshPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;

/**
 * How long a viewer waits before refreshing after the error page. Thread-safe and stateless; each
 * call is given the viewer's own random source (bound: returns a value in [0, bound)), so that a
 * seeded night draws the same pauses for the same viewer.
 */
public final class RefreshBehaviour {
    static final Duration HUMAN_MIN = Duration.ofSeconds(1);
    static final Duration HUMAN_MAX = Duration.ofSeconds(3);
    static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

    private final RefreshPolicy policy;

    public RefreshBehaviour(RefreshPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param refreshNumber     1 for the first refresh of this viewer
     * @param retryAfterSeconds the server's {@code Retry-After}, when it sent one
     * @param random            the viewer's random source: given a bound, a value in [0, bound)
     * @return the pause before the refresh
     */
    public Duration pauseBefore(int refreshNumber, OptionalLong retryAfterSeconds, LongUnaryOperator random) {
        if (policy == RefreshPolicy.REFRESH) {
            // A person glances at the page and hits reload: 1–3 s, Retry-After unseen.
            long spread = HUMAN_MAX.toMillis() - HUMAN_MIN.toMillis();
            return HUMAN_MIN.plusMillis(random.applyAsLong(spread + 1));
        }
        // Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^(n-1))], but never
        // sooner than the server asked.
        int shift = Math.min(Math.max(refreshNumber - 1, 0), 20);
        long ceilingMillis = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << shift);
        long jittered = random.applyAsLong(ceilingMillis + 1);
        long floor = retryAfterSeconds.orElse(0) * 1000;
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
