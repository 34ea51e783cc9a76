package io.dropnight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) for a test: its own configuration,
 * its own TSDB folder, its HTTP API on a free loopback port. It scrapes every second; each job finds
 * its targets in a file the test writes ({@link #targets}) once it knows their ports, which Prometheus
 * re-reads within a second. Close it to stop the process it started (by its handle, not by name).
 */
public final class PrometheusServer implements AutoCloseable {
    public static final String DEBIAN_PACKAGE = "prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sample of an instant vector: its labels, its time (epoch seconds) and value. */
    public record Sample(Map<String, String> labels, double time, double value) {
    }

    /** One series of a range vector: its labels and its raw samples in time order. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
    }

    private final Process process;
    private final Path dir;
    private final URI api;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path dir, URI api) {
        this.process = process;
        this.dir = dir;
        this.api = api;
    }

    /**
     * Starts Prometheus in {@code dir} with one scrape job per entry of {@code jobs} (name → metrics
     * path), none with a target yet; returns once its API answers. Skips the test when Prometheus is
     * missing (fails it under CI=true, naming the package).
     */
    public static PrometheusServer start(Path dir, Map<String, String> jobs) throws IOException {
        Path prometheus = executable();
        Files.createDirectories(dir);
        for (String job : jobs.keySet()) {
            writeTargets(dir, job, List.of());
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), config(dir, jobs));
        int port = FreePort.next();
        Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(p, dir, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !p.isAlive() || server.ready());
            if (!p.isAlive()) {
                throw new IOException("prometheus exited with " + p.exitValue() + ": " + server.log());
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Debian installs it at /usr/bin/prometheus; otherwise PATH decides. */
    static Path executable() {
        Path bin = Path.of("/usr/bin/prometheus");
        return Files.isExecutable(bin) ? bin : ExternalTool.require(DEBIAN_PACKAGE, "prometheus");
    }

    /** The configuration: scrapes every second, each job's targets from its own file, re-read every second. */
    static String config(Path dir, Map<String, String> jobs) {
        StringBuilder yml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                """);
        jobs.forEach((job, path) -> yml.append(String.format(Locale.ROOT, """
                  - job_name: %s
                    metrics_path: %s
                    file_sd_configs:
                      - files: ['%s']
                        refresh_interval: 1s
                """, job, path, targetsFile(dir, job))));
        return yml.toString();
    }

    /**
     * Sets {@code job}'s targets: each {@code host:port} with its own labels (such as
     * {@code injector=0}). Written whole, then moved into place, so Prometheus never reads half a file.
     */
    public void targets(String job, Map<String, Map<String, String>> targets) throws IOException {
        List<ObjectNode> groups = new ArrayList<>();
        targets.forEach((target, labels) -> {
            ObjectNode g = JSON.createObjectNode();
            g.putArray("targets").add(target);
            labels.forEach(g.putObject("labels")::put);
            groups.add(g);
        });
        writeTargets(dir, job, groups);
    }

    private static void writeTargets(Path dir, String job, List<ObjectNode> groups) throws IOException {
        ArrayNode all = JSON.createArrayNode().addAll(groups);
        Path tmp = Files.writeString(dir.resolve("targets-" + job + ".json.tmp"), all.toString());
        Files.move(tmp, targetsFile(dir, job), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path targetsFile(Path dir, String job) {
        return dir.resolve("targets-" + job + ".json");
    }

    /** An instant query evaluated now: {@code /api/v1/query}. */
    public List<Sample> query(String promql) throws IOException, InterruptedException {
        return vector(get("query=" + encode(promql)));
    }

    /** An instant query evaluated at {@code time} (epoch seconds, as Prometheus gives sample times). */
    public List<Sample> query(String promql, double time) throws IOException, InterruptedException {
        return vector(get("query=" + encode(promql) + "&time=" + String.format(Locale.ROOT, "%.3f", time)));
    }

    /** The raw samples of a range selector ({@code metric[10m]}) evaluated now: every scrape's value. */
    public List<Series> samples(String rangeSelector) throws IOException, InterruptedException {
        JsonNode data = get("query=" + encode(rangeSelector));
        List<Series> out = new ArrayList<>();
        for (JsonNode s : data.get("result")) {
            List<Sample> points = new ArrayList<>();
            for (JsonNode v : s.get("values")) {
                points.add(new Sample(Map.of(), v.get(0).asDouble(), Double.parseDouble(v.get(1).asText())));
            }
            out.add(new Series(labels(s), points));
        }
        return out;
    }

    private JsonNode get(String query) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(api.resolve("api/v1/query?" + query))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("prometheus answered " + r.statusCode() + " to " + query + ": " + r.body());
        }
        return body.get("data");
    }

    private static List<Sample> vector(JsonNode data) throws IOException {
        if (!"vector".equals(data.path("resultType").asText())) {
            throw new IOException("not an instant vector: " + data);
        }
        List<Sample> out = new ArrayList<>();
        for (JsonNode s : data.get("result")) {
            JsonNode v = s.get("value");
            out.add(new Sample(labels(s), v.get(0).asDouble(), Double.parseDouble(v.get(1).asText())));
        }
        return out;
    }

    private static Map<String, String> labels(JsonNode series) {
        Map<String, String> labels = new TreeMap<>();
        series.get("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private boolean ready() {
        try {
            return client.send(HttpRequest.newBuilder(api.resolve("-/ready")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Its console (warnings and errors), for a failure's message. */
    public String log() throws IOException {
        Path log = dir.resolve("prometheus.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops the process this started: SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Labels for one target, in a fixed order. */
    public static Map<String, String> labels(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }
}
