package io.dropnight.server.api;

import io.dropnight.capacity.ModelledBackend;
import io.dropnight.metrics.ServerMetrics;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} and {@code /metrics}: answered directly, never shed, so overload stays observable. */
public final class OpsApi {
    private final ServerMetrics metrics;
    private final ModelledBackend backend;

    public OpsApi(ServerMetrics metrics, ModelledBackend backend) {
        this.metrics = metrics;
        this.backend = backend;
    }

    public Route.Call health(RequestView request) {
        return Route.Call.of(() -> Reply.json(HttpResponseStatus.OK, Map.of("status", "up")));
    }

    public Route.Call metrics(RequestView request) {
        return Route.Call.of(() -> Reply.json(HttpResponseStatus.OK, body()));
    }

    /** The /metrics document: the backend's model and live state, then the per-scenario histograms. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backend", backend.describe());
        body.put("metrics", metrics.snapshot());
        return body;
    }
}
