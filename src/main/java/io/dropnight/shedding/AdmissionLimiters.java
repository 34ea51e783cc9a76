package io.dropnight.shedding;

import io.dropnight.core.Checks;

import java.util.function.LongSupplier;

/** Builds the {@link AdmissionLimiter} for each {@link OverloadPolicy}. */
public final class AdmissionLimiters {
    private AdmissionLimiters() {
    }

    /**
     * @param policy     the overload policy
     * @param slots      backend slots after scaling, at least 1
     * @param queueLimit wait-queue bound after scaling, at least 0 (ignored by {@code NONE})
     * @param nanoClock  the model's clock in nanoseconds (the adaptive limiter measures round trips with it)
     * @return a new, thread-safe limiter with nothing in flight
     */
    public static AdmissionLimiter forPolicy(OverloadPolicy policy, int slots, int queueLimit, LongSupplier nanoClock) {
        Checks.notNull("policy", policy);
        Checks.atLeast("slots", slots, 1);
        Checks.atLeast("queueLimit", queueLimit, 0);
        int capacity = slots + queueLimit;
        return switch (policy) {
            case NONE -> new UnboundedLimiter();
            case FIXED -> new FixedLimiter(capacity);
            case ADAPTIVE -> new AdaptiveLimiter(slots, capacity, nanoClock);
            case PRIORITY -> new PriorityLimiter(capacity, PriorityLimiter.DEFAULT_THRESHOLDS);
        };
    }
}
