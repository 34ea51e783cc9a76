package io.dropnight.reliability;

import io.dropnight.testing.ChildJvm;
import io.dropnight.testing.RunningService;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as an operator runs it, in a child JVM: SIGTERM drains requests in flight, writes
 * the final histograms and exits 0; SIGKILL loses at most the interval in progress (the last
 * interval on disk ends within a second of the kill), and the interval log on disk reads back with
 * HdrHistogram's own reader.
 */
class ProcessFaultTest {

    @TempDir
    Path runDir;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void killLeftoversAndCheckForLeaks() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Path stderr = runDir.resolve("stderr.txt");
        if (Files.exists(stderr)) {
            ChildJvm.assertNoLeakReport("the service", Files.readString(stderr));
        }
    }

    @Test
    void drainsInFlightRequestsOnSigtermWritesHistogramsAndExitsZero() throws Exception {
        // A miss factor of 1: the cold title cache would otherwise make the first pages cost 8x.
        int port = startServe("--service-time", "page-home=fixed:1500ms", "--cache-miss-factor", "1");
        int answered = sendLoad(port, 40);
        // Let the child report any leak so far (a collection, then tracked requests), counted as answered.
        ChildJvm.provokeLeakReports(process.pid(), () -> sendLoad(port, 2));
        answered += 4;
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(http.sendAsync(get(port, "/"), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> busySlots(port) >= 4);

        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the service stops within the drain grace");
        assertEquals(0, process.exitValue(), "SIGTERM is a clean stop");
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            assertEquals(200, f.get(5, TimeUnit.SECONDS).statusCode(), "a request in flight at SIGTERM is answered");
        }
        assertTrue(Files.readString(runDir.resolve("stderr.txt")).contains("every request in flight was answered"));

        long recorded = totalCount(runDir.resolve("server.hlog"));
        assertEquals(answered + 4 + countMetricsCalls, recorded, "every answered request is in server.hlog");
        try (Stream<Path> hgrm = Files.list(runDir.resolve("server"))) {
            List<Path> files = hgrm.filter(p -> p.toString().endsWith(".hgrm")).toList();
            assertFalse(files.isEmpty(), "final percentile distributions are written");
            for (Path p : files) {
                assertTrue(Files.readString(p).contains("#[Mean"), () -> p + " is an HdrHistogram distribution");
            }
        }
    }

    @Test
    void sigkillLosesAtMostTheLastSecond() throws Exception {
        int port = startServe();
        Path log = runDir.resolve("server.hlog");
        int[] answered = {0};
        // Load in small batches until two whole intervals are on disk (bounded by the await)...
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            answered[0] += sendLoad(port, 20);
            return intervals(log) >= 2;
        });
        // ...then keep loading for 1.5 s more, so that the kill falls well past the last interval
        // seen: a writer that waits longer than a second between flushes has not written again.
        long loadUntil = System.nanoTime() + 1_500_000_000L;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            answered[0] += sendLoad(port, 20);
            return System.nanoTime() >= loadUntil;
        });
        long killedAtMillis = System.currentTimeMillis();
        process.destroyForcibly(); // SIGKILL
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));

        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        long count = 0;
        long lastEndMillis = 0;
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            count += ((org.HdrHistogram.Histogram) h).getTotalCount();
            lastEndMillis = Math.max(lastEndMillis, h.getEndTimeStamp());
        }
        long lostMillis = killedAtMillis - lastEndMillis;
        // One 1 s interval at most, plus 250 ms for the writer thread being scheduled late on a busy machine.
        assertTrue(lostMillis <= 1_250, () -> "the last interval on disk ended " + lostMillis
                + " ms before the SIGKILL: more than the second in progress was lost");
        assertTrue(count > 0 && count <= answered[0] + countMetricsCalls, "what was read is what was answered");
        String text = Files.readString(log);
        assertTrue(text.endsWith("\n"), "the log ends on a whole line (flushed per interval)");
    }

    private int countMetricsCalls;

    /** Starts {@code dropnight serve} in a child JVM and returns its port, read from its stdout. */
    private int startServe(String... extra) throws IOException {
        // At Surefire's leak level; its leak reports go to stderr.txt, read after the test.
        List<String> cmd = new ArrayList<>(ChildJvm.java("-Xmx256m"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.dropnight.cli.Main", "serve",
                "--port", "0", "--run-dir", runDir.toString(), "--admin-token", RunningService.ADMIN_TOKEN,
                "--metrics-interval", "1s"));
        cmd.addAll(List.of(extra));
        process = new ProcessBuilder(cmd).redirectError(runDir.resolve("stderr.txt").toFile()).start();
        return ChildJvm.awaitListeningPort(process, () -> "see " + runDir.resolve("stderr.txt"));
    }

    /** Sends {@code n} requests to the HTML home page concurrently and returns how many were answered. */
    private int sendLoad(int port, int n) throws Exception {
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(http.sendAsync(get(port, i % 2 == 0 ? "/" : "/health"), HttpResponse.BodyHandlers.discarding()));
        }
        int answered = 0;
        for (CompletableFuture<HttpResponse<Void>> f : all) {
            f.get(30, TimeUnit.SECONDS);
            answered++;
        }
        return answered;
    }

    private int busySlots(int port) throws Exception {
        countMetricsCalls++;
        String body = http.send(get(port, "/metrics"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"busySlots\":(\\d+)").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("X-Scenario", "faults").build();
    }

    private static int intervals(Path hlog) throws IOException {
        if (!Files.exists(hlog)) {
            return 0;
        }
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        int n = 0;
        while (reader.nextIntervalHistogram() != null) {
            n++;
        }
        return n;
    }

    private static long totalCount(Path hlog) throws IOException {
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        long count = 0;
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            count += ((org.HdrHistogram.Histogram) h).getTotalCount();
        }
        return count;
    }
}
