package io.dropnight.capacity;

import io.dropnight.shedding.AdmissionLimiter;
import io.dropnight.shedding.OverloadPolicy;

/** Policy, model and the limiter built from them: replaced as a whole on reconfiguration. */
record BackendSettings(OverloadPolicy policy, CapacityModel model, AdmissionLimiter limiter) {

    int slots() {
        return model.effectiveSlots();
    }

    int queueLimit() {
        return model.effectiveQueueLimit();
    }

    /** Whether the wait queue is bounded (every policy but {@code none}). */
    boolean boundedQueue() {
        return policy != OverloadPolicy.NONE;
    }
}
