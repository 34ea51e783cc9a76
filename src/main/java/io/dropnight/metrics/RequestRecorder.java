package io.dropnight.metrics;

import io.dropnight.core.Endpoint;

/**
 * Where the server reports each finished request. Implementations must be thread-safe and must not
 * block: this is called on event-loop threads.
 */
public interface RequestRecorder {

    /** Records nothing; used where measurement is not wanted (some unit tests). */
    RequestRecorder NONE = (scenario, endpoint, outcome, latencyNanos) -> { };

    /**
     * @param scenario     the sanitised {@code X-Scenario} label, never null
     * @param endpoint     the route that answered
     * @param outcome      how it ended
     * @param latencyNanos from the first byte of the request read to the last byte of the response
     *                     written, queueing and modelled service time included; nanoseconds
     */
    void record(String scenario, Endpoint endpoint, RequestOutcome outcome, long latencyNanos);
}
