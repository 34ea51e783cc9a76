package io.dropnight.simulations.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a search's time budget leaves room for one more probe: a value, not an exception. Once
 * a safe answer exists (a value passed by majority), a probe that would end past the budget, taking
 * the longest probe so far as its length, is not started. Before anything has passed the budget does
 * not stop the search: without a pass there is no safe answer to give. Pure.
 */
final class ProbeBudget {
    private ProbeBudget() {
    }

    /**
     * @param budget        the search's budget; empty: no bound
     * @param elapsed       how long the search has run
     * @param longestProbe  the longest probe so far (zero before the first)
     * @param hasSafeAnswer whether a value has passed by majority
     * @return whether the next probe may start
     */
    static boolean roomForAnotherProbe(Optional<Duration> budget, Duration elapsed, Duration longestProbe, boolean hasSafeAnswer) {
        if (budget.isEmpty() || longestProbe.isZero() || !hasSafeAnswer) {
            return true;
        }
        return budget.get().minus(elapsed).compareTo(longestProbe) >= 0;
    }
}
