package io.dropnight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.simulations.service.JvmCommand;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * WireMock's standalone server as a foreign target, in its own JVM on loopback: stubs are added
 * through its admin API ({@link #stub}), and its request journal ({@link #requests}) is what the
 * target saw, to be compared with the harness's counts. The jar is copied into
 * {@code target/wiremock/} by Maven before the integration tests (pom.xml); missing, the test is
 * skipped with that line, or failed under {@code CI=true}.
 */
public final class WireMockTarget implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** WireMock's own default priority for a stub. */
    public static final int DEFAULT_PRIORITY = 5;
    private final Process process;
    private final int port;
    /** Its HTTPS port, or 0 when it serves none. */
    private int httpsPort;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WireMockTarget(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts WireMock on a free loopback port, its files and console in {@code dir}, and waits until it answers. */
    public static WireMockTarget start(Path dir) throws IOException {
        return start(dir, List.of());
    }

    /**
     * As {@link #start(Path)}, also serving HTTPS on another free port with the key and certificate
     * of {@code keyStore} (PKCS12, {@code password} for the store and the key).
     */
    public static WireMockTarget startHttps(Path dir, Path keyStore, String password) throws IOException {
        int https = FreePort.next();
        WireMockTarget t = start(dir, List.of("--https-port", Integer.toString(https), "--https-keystore", keyStore.toString(),
                "--keystore-type", "PKCS12", "--keystore-password", password, "--key-manager-password", password));
        t.httpsPort = https;
        return t;
    }

    private static WireMockTarget start(Path dir, List<String> extra) throws IOException {
        Path jar = Path.of(System.getProperty("dropnight.buildDir", "target"), "wiremock", "wiremock-standalone.jar");
        if (!Files.isRegularFile(jar)) {
            String message = jar + " is missing: mvn verify copies WireMock's standalone jar there (pre-integration-test)";
            if ("true".equalsIgnoreCase(System.getenv().getOrDefault("CI", "").trim())) {
                fail("CI=true: " + message);
            }
            Assumptions.abort("skipped: " + message);
        }
        Path root = Files.createDirectories(dir.resolve("wiremock"));
        int port = FreePort.next();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port),
                "--bind-address", "127.0.0.1", "--root-dir", root.toString(), "--disable-banner"));
        args.addAll(extra);
        List<String> command = JvmCommand.plain().jvmArgs("-Xmx256m").jar(jar, args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("wiremock.log").toFile()).start();
        WireMockTarget target = new WireMockTarget(p, port);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !p.isAlive() || target.answers());
            if (!p.isAlive()) {
                throw new IOException("WireMock exited with " + p.exitValue() + ": " + Files.readString(root.resolve("wiremock.log")));
            }
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    private boolean answers() {
        try {
            return get("/__admin/health").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Its HTTPS address (see {@link #startHttps}). */
    public URI httpsUrl() {
        if (httpsPort == 0) {
            throw new IllegalStateException("started without HTTPS");
        }
        return URI.create("https://127.0.0.1:" + httpsPort);
    }



    /** A stub answering {@code method url} with 200 and a JSON {@code body}. */
    public void stubJson(String method, String url, String body) throws IOException, InterruptedException {
        stubJson(Map.of("method", method, "url", url), Map.of(), body, DEFAULT_PRIORITY);
    }

    /**
     * A stub answering {@code request} (WireMock's request matchers: method, url, headers, cookies,
     * bodyPatterns) with 200, a JSON {@code body} and {@code headers} besides its Content-Type.
     *
     * @param priority WireMock's: the lower number wins where two stubs match
     */
    public void stubJson(Map<String, Object> request, Map<String, String> headers, String body, int priority)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(Map.of("Content-Type", "application/json"));
        all.putAll(headers);
        stub(JSON.writeValueAsString(Map.of("priority", priority, "request", request,
                "response", Map.of("status", 200, "headers", all, "body", body))));
    }

    /**
     * A stub answering {@code request} with {@code status}, {@code headers} (its Content-Type among
     * them, if any) and {@code body}.
     */
    public void stubAnswer(Map<String, Object> request, int status, Map<String, String> headers, String body, int priority)
            throws IOException, InterruptedException {
        stub(JSON.writeValueAsString(Map.of("priority", priority, "request", request,
                "response", Map.of("status", status, "headers", headers, "body", body))));
    }

    /** Adds one stub mapping (WireMock's JSON: {@code {"request": {...}, "response": {...}}}). */
    private void stub(String mapping) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url().resolve("/__admin/mappings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(mapping)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), "WireMock refused the stub: " + r.body());
    }

    /** Every request WireMock received, from its journal: each a {@code request} object (method, url, headers, body). */
    public List<JsonNode> requests() throws IOException, InterruptedException {
        JsonNode journal = JSON.readTree(get("/__admin/requests").body());
        List<JsonNode> out = new ArrayList<>();
        journal.path("requests").forEach(r -> out.add(r.path("request")));
        return out;
    }

    /**
     * WireMock's serve events, oldest first: each a {@code request} (method, absoluteUrl, headers,
     * body, loggedDate) and the {@code response} it got (status, headers, body), as its journal keeps them.
     */
    public List<JsonNode> serveEvents() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(get("/__admin/requests").body()).path("requests").forEach(out::add);
        out.sort(java.util.Comparator.comparingLong(e -> e.path("request").path("loggedDate").asLong()));
        return out;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
