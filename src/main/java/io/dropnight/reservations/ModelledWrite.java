package io.dropnight.reservations;

import java.util.concurrent.CompletionStage;

/**
 * The capacity model's cost of one booking write: the stage completes after the modelled queueing
 * and service time of the database (so a rush means the same on any machine), beside the real
 * commit. Must not block; thread-safe.
 */
@FunctionalInterface
public interface ModelledWrite {
    /** No modelled cost: completes at once. */
    ModelledWrite FREE = () -> java.util.concurrent.CompletableFuture.completedFuture(null);

    CompletionStage<?> write();
}
