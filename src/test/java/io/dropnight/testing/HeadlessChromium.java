package io.dropnight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket to its one page), for pages
 * that change after they load, which {@code --dump-dom} cannot wait for: navigate, evaluate
 * JavaScript, and collect everything the page said on its console (console calls of any kind,
 * uncaught exceptions, and the browser's own warnings and errors, failed loads included) from the
 * moment it started. The browser is found as {@link ExternalTool} finds it (skipped without one,
 * failed under {@code CI=true}) and run with the flags of TOOLCHAIN.md, a fresh profile each time.
 * Stopped by {@link #close()}, by its own process handle.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_BOUND = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;

    private HeadlessChromium(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a browser on {@code about:blank} with its profile and log under {@code dir}. */
    public static HeadlessChromium start(Path dir) throws Exception {
        Path chromium = ExternalTool.require("chromium", "chromium", "chromium-browser", "google-chrome");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path log = Files.createTempFile(dir, "chromium", ".log");
        ProcessBuilder builder = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1400,2000", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // its singleton socket's folder too, so that nothing is left in the machine's /tmp
        builder.environment().put("TMPDIR", dir.toAbsolutePath().toString());
        Process p = builder.start();
        HeadlessChromium browser = new HeadlessChromium(p, log);
        try {
            browser.connect(profile.resolve("DevToolsActivePort"));
            return browser;
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
    }

    private void connect(Path portFile) throws Exception {
        // the file's first line is the port chosen (0 asked for a free one)
        int port = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> readPort(portFile), Optional::isPresent).orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        URI list = URI.create("http://127.0.0.1:" + port + "/json/list");
        String ws = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> pageSocket(http, list), Optional::isPresent).orElseThrow();
        socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(15, TimeUnit.SECONDS);
        call("Runtime.enable");
        call("Log.enable");
        call("Page.enable");
    }

    private Optional<Integer> readPort(Path portFile) {
        if (!process.isAlive()) {
            throw new AssertionError("chromium exited with " + process.exitValue() + ": " + log());
        }
        try {
            List<String> lines = Files.readAllLines(portFile);
            return lines.size() >= 2 ? Optional.of(Integer.parseInt(lines.get(0).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // not written yet, or half written
        }
    }

    private static Optional<String> pageSocket(HttpClient http, URI list) throws Exception {
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText()) && t.hasNonNull("webSocketDebuggerUrl")) {
                return Optional.of(t.get("webSocketDebuggerUrl").asText());
            }
        }
        return Optional.empty();
    }

    /** Calls a DevTools method without parameters; its result. */
    public JsonNode call(String method) throws Exception {
        return call(method, JSON.createObjectNode());
    }

    /** Calls a DevTools method; its result, or an {@link AssertionError} with the browser's error. */
    public JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Opens {@code url} in the page. */
    public void navigate(URI url) throws Exception {
        JsonNode r = call("Page.navigate", JSON.createObjectNode().put("url", url.toString()));
        if (r.hasNonNull("errorText")) {
            throw new AssertionError("navigation to " + url + " failed: " + r.get("errorText").asText());
        }
    }

    /**
     * The value of a JavaScript expression in the page (JSON-like values only). Asked while the page
     * navigates, it is asked again of the page navigated to (a page that replaces itself is what some
     * tests wait for).
     */
    public JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode r;
        for (int attempt = 1; ; attempt++) {
            try {
                r = call("Runtime.evaluate", params);
                break;
            } catch (AssertionError e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("navigated or closed")) {
                    throw e;
                }
            }
        }
        if (r.has("exceptionDetails")) {
            throw new AssertionError("evaluating " + expression + " threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Saves what the page shows now as a PNG at {@code png}, for a person to look at. */
    public Path screenshot(Path png) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        Files.createDirectories(png.toAbsolutePath().getParent());
        return Files.write(png, java.util.Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Everything the page said on its console so far, one line each (none is what a clean page says). */
    public List<String> console() {
        return List.copyOf(console);
    }

    /** The browser's own output, for a failure's message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void event(JsonNode message) {
        String method = message.path("method").asText();
        JsonNode p = message.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                StringBuilder line = new StringBuilder("console." + p.path("type").asText() + ":");
                p.path("args").forEach(a -> line.append(' ').append(a.has("value") ? a.get("value").asText()
                        : a.path("description").asText()));
                console.add(line.toString());
            }
            case "Runtime.exceptionThrown" -> console.add("uncaught: " + p.path("exceptionDetails").path("text").asText() + " "
                    + p.path("exceptionDetails").path("exception").path("description").asText());
            case "Log.entryAdded" -> {
                JsonNode e = p.path("entry");
                String level = e.path("level").asText();
                if (level.equals("warning") || level.equals("error")) {
                    console.add("browser " + level + ": " + e.path("text").asText() + " " + e.path("url").asText(""));
                }
            }
            default -> { } // page life cycle events: not asked about
        }
    }

    /**
     * Stops the browser it started and the processes it started (renderers, utilities: its own
     * descendants, read before it stops, nothing else), each awaited with a bound, so that none is
     * still writing its profile when the caller's temporary folder is deleted.
     */
    @Override
    public void close() throws InterruptedException {
        if (socket != null) {
            socket.abort();
        }
        List<ProcessHandle> children = process.descendants().toList(); // once it has exited they are no longer its own
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroy();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> call = calls.remove(message.get("id").asInt());
                        if (call != null) {
                            call.complete(message);
                        }
                    } else {
                        event(message);
                    }
                } catch (IOException e) {
                    console.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
