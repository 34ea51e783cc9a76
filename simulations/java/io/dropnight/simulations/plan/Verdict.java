package io.dropnight.simulations.plan;

/**
 * What one probe (one compressed night) says. {@link #INCONCLUSIVE} means the load generator, not
 * the target, was the limit: it is never read as a pass or a fail.
 */
public enum Verdict {
    PASS, FAIL, INCONCLUSIVE;

    /** The word used in slo.json's {@code verdict} field and in plan.json: {@code pass}, {@code fail}, {@code inconclusive}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
