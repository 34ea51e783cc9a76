package io.dropnight.server;

import io.dropnight.capacity.ModelledBackend;
import io.dropnight.metrics.RequestRecorder;
import io.dropnight.server.api.Router;

import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * What every connection's handlers share: routes, authentication, the virtual backend, the
 * recorder and limits. Immutable; every part is thread-safe.
 *
 * @param router         the route table
 * @param sessions       maps a bearer token to its profile id, or null when invalid
 * @param adminToken     the admin token (compared in constant time)
 * @param backend        the virtual backend
 * @param recorder       where finished requests are recorded
 * @param scenarioLabels turns an untrusted {@code X-Scenario} header into a bounded label
 * @param responses      builds responses
 * @param limits         protective limits
 * @param drain          in-flight tracking and shutdown state
 * @param nanoClock      monotonic clock for latency, nanoseconds
 */
public record ServerContext(Router router, Function<String, String> sessions, String adminToken,
                            ModelledBackend backend, RequestRecorder recorder, UnaryOperator<String> scenarioLabels,
                            Responses responses, NetworkLimits limits, Drain drain, LongSupplier nanoClock) {
}
