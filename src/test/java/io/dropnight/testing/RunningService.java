package io.dropnight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.config.ServiceConfigBuilder;
import io.dropnight.server.DropnightService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real service on a free loopback port for tests, with a small HTTP client. Close it to stop the
 * service (drain, final histograms).
 */
public final class RunningService implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DropnightService service;
    private final InetSocketAddress address;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningService(DropnightService service, InetSocketAddress address) {
        this.service = service;
        this.address = address;
        this.base = URI.create("http://127.0.0.1:" + address.getPort());
    }

    /**
     * Starts a service with test defaults (port 0, {@link #ADMIN_TOKEN}, run folder {@code runDir},
     * 200 titles, the drop an hour away) adjusted by {@code settings}.
     */
    public static RunningService start(Path runDir, Consumer<ServiceConfigBuilder> settings) {
        ServiceConfigBuilder b = new ServiceConfigBuilder(Clock.systemUTC())
                .port(0).runDir(runDir).adminToken(ADMIN_TOKEN).titles(200).dropIn("1h");
        settings.accept(b);
        DropnightService service = new DropnightService(b.build(), Clock.systemUTC());
        try {
            return new RunningService(service, service.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    public DropnightService service() {
        return service;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    public HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    /** A new session token. */
    public String login() throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/session", null, "{\"profile\":\"test\"}");
        if (r.statusCode() != 200) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("token").asText();
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return MAPPER.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        service.stop();
    }
}
