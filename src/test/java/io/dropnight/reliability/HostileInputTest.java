package io.dropnight.reliability;

import io.dropnight.testing.LeakGuard;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saved hostile corpus ({@code src/test/resources/hostile}) over real sockets: every case gets
 * the 4xx it deserves (and a close where the connection can no longer be trusted), no response
 * shows internals, a normal client is served right after, and nothing leaks (LeakGuard, paranoid).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    /** Short, so that the truncated cases are answered 408 quickly. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(700);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path runDir; // static: a per-class instance field is not injected yet in @BeforeAll
    private RunningService service;
    private String session;
    private final LogCapture serverWarnings = LogCapture.warnings("io.dropnight");

    @BeforeAll
    void start() throws IOException {
        service = RunningService.start(runDir, b -> b.requestTimeout("700ms").idleTimeout("10s").dropIn("0s"));
        RawHttp.Response r = RawHttp.post(service.address(), "/api/session", null, "{}");
        session = r.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
        serverWarnings.close();
    }

    static Stream<HostileCase> corpus() {
        return HostileCase.corpus();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersHostileRequestWithA4xxAndKeepsServing(HostileCase c) throws IOException {
        RawHttp.Outcome o = RawHttp.exchange(service.address(), c.bytes(RunningService.ADMIN_TOKEN, session), 1,
                READ_TIMEOUT);
        RawHttp.Response r = o.first();
        assertNotNull(r, () -> c.name() + " (" + c.why() + "): no response; closed=" + o.closed());
        assertTrue(c.statuses().contains(r.status()), () -> c.name() + " (" + c.why() + "): expected "
                + c.statusList() + ", got " + r.statusLine() + " " + r.body());
        assertTrue(r.status() >= 400 && r.status() < 500 || r.status() == 501 || r.status() == 505,
                () -> c.name() + ": not a client error: " + r.statusLine());
        if (c.mustClose()) {
            assertTrue(o.closed(), () -> c.name() + ": the connection was left open after " + r.statusLine());
        }
        if (c.bodyContains() != null) {
            assertTrue(r.body().contains(c.bodyContains()), () -> c.name() + ": the body does not say '"
                    + c.bodyContains() + "': " + r.body());
        }
        WireHygiene.assertNoInternals(c.name(), r.body());
        WireHygiene.assertServesNormalClient(service.address());
        assertEquals(List.of(), serverWarnings.events(), "a hostile request must not make the service log a warning");
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        String[] paths = {"/health", "/api/home", "/nowhere", "/api/titles/1", "/health", "/api/search?q=a",
                "/title/1", "/api/home"};
        StringBuilder wire = new StringBuilder();
        for (String p : paths) {
            wire.append("GET ").append(p).append(" HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ")
                    .append(session).append("\r\nX-Request: ").append(p).append("\r\n\r\n");
        }
        RawHttp.Outcome o = RawHttp.exchange(service.address(), wire.toString().getBytes(StandardCharsets.US_ASCII),
                paths.length, READ_TIMEOUT);
        assertEquals(paths.length, o.responses().size(), "every pipelined request is answered");
        assertFalse(o.closed(), "pipelining keeps the connection");
        int[] expected = {200, 200, 404, 200, 200, 200, 200, 200};
        // What only the answer to that request contains, so a response out of order fails.
        String[] contains = {"\"status\"", "\"rows\"", "NOT_FOUND", "\"seasons\"", "\"status\"", "\"results\"",
                "<html", "\"rows\""};
        for (int i = 0; i < paths.length; i++) {
            RawHttp.Response r = o.responses().get(i);
            int n = i;
            assertEquals(expected[i], r.status(), () -> "response " + n + " answers " + paths[n] + ": " + r.body());
            assertTrue(r.body().contains(contains[i]), () -> "response " + n + " answers " + paths[n] + ": " + r.body());
        }
    }

    @Test
    void closesAConnectionThatPipelinesBeyondItsQueue() throws IOException {
        StringBuilder wire = new StringBuilder();
        // Fewer than 128: past that depth Netty's HttpServerCodec closes the connection on its own,
        // and this test would pass without the service's own cap.
        int n = 64;
        for (int i = 0; i < n; i++) {
            wire.append("GET /api/home HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ").append(session)
                    .append("\r\n\r\n");
        }
        RawHttp.Outcome o = RawHttp.exchange(service.address(), wire.toString().getBytes(StandardCharsets.US_ASCII),
                n, READ_TIMEOUT);
        // One request in flight plus limits.max-pipelined (16) queued; the 18th closes the connection.
        assertTrue(o.closed(), () -> "the flood was not cut off; answered " + o.responses().size() + " of " + n);
        assertTrue(o.responses().size() <= 1 + 16, () -> "answered " + o.responses().size()
                + " pipelined requests, more than 1 in flight + 16 queued");
        o.responses().forEach(r -> assertTrue(r.status() == 200 || r.status() == 503, r::statusLine));
        WireHygiene.assertServesNormalClient(service.address());
    }

    @Test
    void heapStaysBoundedUnderTheCorpusRepeated() throws Exception {
        List<HostileCase> cases = HostileCase.corpus().toList();
        runConcurrently(cases, 2);
        long before = usedHeapAfterGc();
        runConcurrently(cases, 10);
        long after = usedHeapAfterGc();
        assertTrue(after - before < 48L << 20, () -> String.format(java.util.Locale.ROOT,
                "heap grew by %.1f MiB over 10 rounds of the corpus", (after - before) / 1048576.0));
        LeakGuard.provokeReports();
        assertTrue(LeakGuard.leaks().isEmpty(), () -> "leaks: " + LeakGuard.leaks());
        assertEquals(List.of(), serverWarnings.events(), "no exception escaped a handler");
        WireHygiene.assertServesNormalClient(service.address());
    }

    private void runConcurrently(List<HostileCase> cases, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<RawHttp.Outcome>> all = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (HostileCase c : cases) {
                    byte[] bytes = c.bytes(RunningService.ADMIN_TOKEN, session);
                    all.add(pool.submit(() -> RawHttp.exchange(service.address(), bytes, 1, READ_TIMEOUT)));
                }
            }
            for (Future<RawHttp.Outcome> f : all) {
                RawHttp.Outcome o = f.get(30, TimeUnit.SECONDS);
                assertFalse(o.responses().isEmpty(), () -> "a hostile request got no answer; closed=" + o.closed());
                o.responses().forEach(r -> assertTrue(r.status() < 500 || r.status() == 501 || r.status() == 505,
                        r::statusLine));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
