package io.dropnight.simulations.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.metrics.ScenarioLabels;
import io.dropnight.simulations.run.RunFolder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The harness's own calls to the service, outside the measured night: moving the drop and reading
 * /metrics. They carry the {@link ScenarioLabels#HARNESS} label, so the report keeps them apart.
 */
public final class HarnessClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI baseUrl;

    public HarnessClient(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Moves the service's drop instant ({@code POST /admin/drop}).
     *
     * @return the HTTP status, or empty when the service could not be reached
     */
    public Optional<Integer> moveDrop(Instant at, String adminToken) {
        return send(HttpRequest.newBuilder(baseUrl.resolve("/admin/drop"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"at\":\"" + at + "\"}"))).map(HttpResponse::statusCode);
    }

    /**
     * The stalled-host test fault ({@code POST /admin/fault} with {@code stallMs}): every loop of
     * the service blocked for {@code stall} when the drop fires.
     *
     * @return the HTTP status, or empty when the service could not be reached
     */
    public Optional<Integer> stallAtDrop(Duration stall, String adminToken) {
        return send(HttpRequest.newBuilder(baseUrl.resolve("/admin/fault"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stallMs\":" + stall.toMillis() + ",\"atDrop\":true}")))
                .map(HttpResponse::statusCode);
    }

    /** The service's /metrics, for the capacity and policy it really runs with; empty if unreachable. */
    public Optional<JsonNode> metrics() {
        Optional<HttpResponse<String>> r = send(HttpRequest.newBuilder(baseUrl.resolve("/metrics")).GET())
                .filter(response -> response.statusCode() == 200);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunFolder.parse(r.get().body()));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private Optional<HttpResponse<String>> send(HttpRequest.Builder request) {
        try {
            return Optional.of(client.send(request.timeout(TIMEOUT).header("X-Scenario", ScenarioLabels.HARNESS).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
