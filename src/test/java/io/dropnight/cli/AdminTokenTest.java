package io.dropnight.cli;

import io.dropnight.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where {@code dropnight serve} takes its admin token from, as an operator starts it (a child JVM,
 * so that the environment is its own): {@code $DROPNIGHT_ADMIN_TOKEN} when set, else a generated
 * token written to {@code RUN_DIR/admin-token}, readable by its owner only.
 */
class AdminTokenTest {
    private static final Pattern LISTENING = Pattern.compile("Dropnight listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final String ENV = "DROPNIGHT_ADMIN_TOKEN";

    @TempDir
    Path runDir;
    private Process process;
    private URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            ChildJvm.provokeLeakReports(process.pid(), () -> http.send(HttpRequest.newBuilder(base.resolve("/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()));
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Path stderr = runDir.resolve("stderr.txt");
        if (Files.exists(stderr)) {
            ChildJvm.assertNoLeakReport("the service", Files.readString(stderr));
        }
    }

    @Test
    void honoursTheTokenFromTheEnvironment() throws Exception {
        String token = "from-the-environment-0123456789";
        URI base = serve(Map.of(ENV, token));
        assertEquals(200, reset(base, token).statusCode(), "the environment's token opens /admin");
        assertEquals(401, reset(base, "some-other-token-0123456789").statusCode());
        assertFalse(Files.exists(runDir.resolve("admin-token")), "no token is generated when one is given");
    }

    @Test
    void generatesATokenIntoTheRunFolderReadableByItsOwnerOnly() throws Exception {
        URI base = serve(Map.of());
        Path file = runDir.resolve("admin-token");
        assertTrue(Files.exists(file), "RUN_DIR/admin-token is written");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).trim();
        assertTrue(token.length() >= 16, "a generated token is long: " + token.length() + " characters");
        assertEquals(200, reset(base, token).statusCode(), "the generated token opens /admin");
        assertEquals(401, reset(base, null).statusCode());
    }

    private HttpResponse<String> reset(URI base, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/admin/reset")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts {@code serve} with only {@code env} as its admin-token environment; returns its URL once listening. */
    private URI serve(Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(ChildJvm.java("-Xmx256m"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.dropnight.cli.Main", "serve",
                "--port", "0", "--run-dir", runDir.toString(), "--titles", "50"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(runDir.resolve("stderr.txt").toFile());
        pb.environment().remove(ENV);
        pb.environment().putAll(env);
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return URI.create(m.group(1));
                    }
                }
                throw new IllegalStateException("serve exited without listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            base = ready.get(60, TimeUnit.SECONDS);
            return base;
        } catch (Exception e) {
            throw new AssertionError("serve did not start: " + Files.readString(runDir.resolve("stderr.txt")), e);
        }
    }
}
