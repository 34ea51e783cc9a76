package io.dropnight.server.api;

import io.dropnight.capacity.ModelledBackend;
import io.dropnight.metrics.ServerMetrics;
import io.dropnight.metrics.ServiceExposition;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}, {@code /metrics} and {@code /metrics/prometheus}: answered directly, never shed,
 * so overload stays observable. Thread-safe.
 */
public final class OpsApi {
    private final ServerMetrics metrics;
    private final ModelledBackend backend;
    private final ServiceExposition exposition;

    /** Builds the Prometheus exposition (its registry) once, over {@code metrics} and {@code backend}. */
    public OpsApi(ServerMetrics metrics, ModelledBackend backend) {
        this.metrics = metrics;
        this.backend = backend;
        this.exposition = new ServiceExposition(metrics, backend::state);
    }

    public Route.Call health(RequestView request) {
        return Route.Call.of(() -> Reply.json(HttpResponseStatus.OK, Map.of("status", "up")));
    }

    public Route.Call metrics(RequestView request) {
        return Route.Call.of(() -> Reply.json(HttpResponseStatus.OK, body()));
    }

    /**
     * The same counts and state as {@link #metrics}, in the Prometheus format the {@code Accept}
     * header negotiates, written straight into the response's buffer on the event loop (CPU only).
     */
    public Route.Call prometheus(RequestView request) {
        ServiceExposition.Format format = exposition.negotiate(request.headers().get(HttpHeaderNames.ACCEPT));
        return Route.Call.of(() -> Reply.written(HttpResponseStatus.OK, format.contentType(),
                out -> exposition.write(format, out)));
    }

    /** The scrapes of {@code /metrics/prometheus}, for the service's stop to wait for a last one. */
    public io.dropnight.metrics.Scrapes scrapes() {
        return exposition.scrapes();
    }

    /** The /metrics document: the backend's model and live state, then the per-scenario histograms. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backend", backend.describe());
        body.put("metrics", metrics.snapshot());
        return body;
    }
}
