package io.dropnight.shedding;

import io.dropnight.core.Checks;
import io.dropnight.core.Endpoint;

/**
 * Policy {@link OverloadPolicy#FIXED}: admits while fewer than {@code limit} requests are in
 * flight (slots plus wait queue), and rejects at once beyond it. Thread-safe.
 */
final class FixedLimiter extends CountingLimiter {
    private final int limit;

    /** @param limit the in-flight bound, at least 1 */
    FixedLimiter(int limit) {
        this.limit = Checks.atLeast("limit", limit, 1);
    }

    @Override
    protected int boundFor(Endpoint endpoint) {
        return limit;
    }

    @Override
    public int currentLimit() {
        return limit;
    }
}
