package io.dropnight.reliability;

import io.dropnight.server.NetworkLimits;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protective limits of the front end over real sockets: slow senders (slowloris) are answered
 * 408 and closed by the request timeout, silent connections are closed by the idle timeout, and
 * connections beyond the limit are refused, while a normal client is served throughout.
 */
class ConnectionLimitsTest {
    private static final byte[] SLOW_REQUEST = ("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Scenario: slowloris\r\n"
            + "X-Padding: " + "p".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path runDir;

    @Test
    void answersSlowlorisWith408AndKeepsServingOthers() throws Exception {
        int connections = 60;
        try (RunningService service = RunningService.start(runDir, b -> b.requestTimeout("1s").idleTimeout("30s"));
             LogCapture warnings = LogCapture.warnings("io.dropnight")) {
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            ExecutorService readers = Executors.newFixedThreadPool(connections);
            List<RawHttp> clients = new ArrayList<>();
            List<CompletableFuture<RawHttp.Outcome>> outcomes = new ArrayList<>();
            List<ScheduledFuture<?>> drips = new ArrayList<>();
            long startNanos = System.nanoTime();
            try {
                for (int i = 0; i < connections; i++) {
                    RawHttp c = new RawHttp(service.address(), Duration.ofSeconds(10));
                    clients.add(c);
                    CompletableFuture<RawHttp.Outcome> outcome = CompletableFuture.supplyAsync(() -> readOne(c), readers);
                    outcomes.add(outcome);
                    AtomicInteger next = new AtomicInteger();
                    // One byte every 100 ms: the whole request would take over 25 s to arrive.
                    drips.add(pacer.scheduleAtFixedRate(() -> {
                        int at = next.getAndIncrement();
                        if (at < SLOW_REQUEST.length && !outcome.isDone()) {
                            c.write(new byte[] {SLOW_REQUEST[at]});
                        }
                    }, i % 100, 100, TimeUnit.MILLISECONDS));
                }
                // The service keeps answering a normal client while every slow connection is held.
                WireHygiene.assertServesNormalClient(service.address());
                await().atMost(Duration.ofSeconds(8)).until(() -> outcomes.stream().allMatch(CompletableFuture::isDone));
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                assertTrue(seconds < 5, "slow senders were cut off within the request timeout plus slack, took " + seconds);
                for (CompletableFuture<RawHttp.Outcome> f : outcomes) {
                    RawHttp.Outcome o = f.join();
                    assertTrue(o.closed(), "a slow sender's connection is closed");
                    assertEquals(408, o.first().status(), () -> "a slow sender is told why: " + o.first());
                    WireHygiene.assertNoInternals("408", o.first().body());
                }
                WireHygiene.assertServesNormalClient(service.address());
                assertEquals(List.of(), warnings.events());
            } finally {
                drips.forEach(d -> d.cancel(false));
                pacer.shutdownNow();
                readers.shutdownNow();
                for (RawHttp c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void closesASilentConnectionAfterTheIdleTimeout() throws Exception {
        try (RunningService service = RunningService.start(runDir, b -> b.idleTimeout("500ms"));
             RawHttp silent = new RawHttp(service.address(), Duration.ofSeconds(5))) {
            long start = System.nanoTime();
            assertTrue(silent.awaitClose(), "the server closes a connection that never sends a byte");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 400 && millis < 3000, "closed after about the idle timeout, took " + millis + " ms");
        }
    }

    @Test
    void closesAKeptAliveConnectionOnceIdle() throws Exception {
        try (RunningService service = RunningService.start(runDir, b -> b.idleTimeout("500ms"));
             RawHttp client = new RawHttp(service.address(), Duration.ofSeconds(5))) {
            client.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Outcome o = client.read(1);
            assertEquals(200, o.first().status());
            assertFalse(o.closed(), "keep-alive holds the connection after the response");
            assertTrue(client.awaitClose(), "then the idle timeout closes it");
        }
    }

    @Test
    void refusesConnectionsBeyondTheLimitAndAcceptsAgainWhenOneCloses() throws Exception {
        int limit = 8;
        try (RunningService service = RunningService.start(runDir, b -> b.maxConnections(limit).idleTimeout("30s"))) {
            List<RawHttp> held = new ArrayList<>();
            try {
                for (int i = 0; i < limit; i++) {
                    RawHttp c = new RawHttp(service.address(), Duration.ofSeconds(5));
                    c.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals(200, c.read(1).first().status(), "connection " + i + " is within the limit");
                    held.add(c);
                }
                try (RawHttp extra = new RawHttp(service.address(), Duration.ofSeconds(5))) {
                    assertTrue(extra.awaitClose(), "connection " + (limit + 1) + " is closed at once");
                }
                held.remove(0).close();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> WireHygiene.assertServesNormalClient(
                        service.address()));
            } finally {
                for (RawHttp c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void defaultsAreSafe() {
        NetworkLimits d = NetworkLimits.defaults();
        assertTrue(d.requestTimeout().compareTo(Duration.ofSeconds(30)) <= 0, "a slow sender is cut off within 30 s");
        assertTrue(d.idleTimeout().compareTo(Duration.ofMinutes(5)) <= 0, "idle connections do not live forever");
        assertTrue(d.maxConnections() <= 20_000, "the connection limit stays within this machine's 20,000 descriptors");
        assertTrue(d.maxHeaderBytes() <= 64 * 1024 && d.maxBodyBytes() <= 1 << 20 && d.maxJsonDepth() <= 64,
                "headers, bodies and JSON nesting are bounded");
        assertTrue(d.maxPipelined() <= 64, "a connection cannot queue unbounded pipelined requests");
    }

    private static RawHttp.Outcome readOne(RawHttp c) {
        try {
            return c.read(1);
        } catch (IOException e) {
            return new RawHttp.Outcome(List.of(), true);
        }
    }
}
