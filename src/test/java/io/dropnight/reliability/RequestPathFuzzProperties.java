package io.dropnight.reliability;

import io.dropnight.server.api.AdminApi;
import io.dropnight.server.api.CatalogueApi;
import io.dropnight.server.api.Json;
import io.dropnight.server.api.OpsApi;
import io.dropnight.server.api.PagesApi;
import io.dropnight.server.api.PlaybackApi;
import io.dropnight.server.api.Routes;
import io.dropnight.auth.TokenService;
import io.dropnight.core.UntrustedText;
import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.VirtualBackend;
import io.dropnight.capacity.VirtualClock;
import io.dropnight.catalogue.Catalogue;
import io.dropnight.catalogue.CatalogueGenerator;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.catalogue.CatalogueConfig;
import io.dropnight.server.NetworkLimits;
import io.dropnight.metrics.ServerMetrics;
import io.dropnight.server.ConnectionLimiter;
import io.dropnight.server.Drain;
import io.dropnight.server.DropnightInitializer;
import io.dropnight.server.Responses;
import io.dropnight.server.ServerContext;
import io.dropnight.shedding.OverloadPolicy;
import io.dropnight.testing.LeakGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of the whole request path (the service's own pipeline on an
 * EmbeddedChannel, so thousands of tries take seconds): random bytes, mutated valid requests and
 * random request lines always get at least one well-formed HTTP response with no server error
 * (an incomplete request is answered 408 once the request timeout passes on the channel's clock);
 * no exception escapes a handler (the service logs those as warnings), and no buffer leaks.
 * Tries are bounded so CI runs it in seconds.
 *
 * <p>jqwik does not run JUnit Jupiter extensions, so the leak listener is installed here, before
 * the container, and read after it.
 */
class RequestPathFuzzProperties {
    private static final String ADMIN = "fuzz-admin-token-0123456789";
    private static final VirtualBackend BACKEND = new VirtualBackend(OverloadPolicy.FIXED,
            CapacityModel.defaults().withUnconstrained(true), new VirtualClock(), 1);
    private static final ServerContext CONTEXT = context();
    private static final Duration REQUEST_TIMEOUT = NetworkLimits.defaults().requestTimeout();
    private static final List<String> VALID = List.of(
            "GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /api/search?q=night%20drop HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc.def\r\n\r\n",
            "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 19\r\n\r\n"
                    + "{\"profile\":\"fuzz\"}",
            "POST /api/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            "GET /title/12 HTTP/1.0\r\n\r\n",
            "POST /admin/fault HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN
                    + "\r\nContent-Length: 14\r\n\r\n{\"slowdown\":1}",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Scenario: premiere\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");

    @Property(tries = 1500, seed = "2026")
    void randomBytesNeverCauseAServerError(@ForAll("randomBytes") byte[] input) throws IOException {
        assertAnsweredSafely(input);
    }

    @Property(tries = 2500, seed = "2026")
    void mutatedValidRequestsNeverCauseAServerError(@ForAll("mutatedRequests") byte[] input) throws IOException {
        assertAnsweredSafely(input);
    }

    @Property(tries = 1500, seed = "2026")
    void randomRequestLinesAndHeadersNeverCauseAServerError(@ForAll("structuredRequests") String input)
            throws IOException {
        assertAnsweredSafely(input.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeContainer
    static void watchLeaks() {
        LeakGuard.startWatching();
    }

    @AfterContainer
    static void noLeaks() {
        LeakGuard.provokeReports();
        assertEquals(List.of(), LeakGuard.leaks());
        BACKEND.close();
    }

    private static void assertAnsweredSafely(byte[] input) throws IOException {
        try (LogCapture warnings = LogCapture.warnings("io.dropnight")) {
            EmbeddedChannel channel = new EmbeddedChannel(new DropnightInitializer(CONTEXT, new ConnectionLimiter(10)));
            byte[] written;
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(input));
                channel.runPendingTasks();
                written = drainOutbound(channel);
                if (written.length == 0 && channel.isOpen()) {
                    // Incomplete: let the request timeout pass on the channel's own clock.
                    channel.advanceTimeBy(REQUEST_TIMEOUT.toNanos() + 1_000_000_000L, TimeUnit.NANOSECONDS);
                    channel.runPendingTasks();
                    written = drainOutbound(channel);
                }
            } finally {
                channel.finishAndReleaseAll();
            }
            List<RawHttp.Response> responses = parse(written, input);
            if (input.length > 0) {
                assertFalse(responses.isEmpty(), () -> "no answer to " + input.length + " bytes: "
                        + UntrustedText.abbreviate(new String(input, StandardCharsets.ISO_8859_1)));
            }
            for (RawHttp.Response r : responses) {
                assertTrue(r.status() < 500 || r.status() == 505, () -> "server error: " + r.statusLine() + " " + r.body());
                WireHygiene.assertNoInternals(r.statusLine(), r.body());
            }
            assertEquals(List.of(), warnings.events(), "an exception escaped a handler");
        }
    }

    /** A HEAD request's response has no body, unless the request was too broken to be read as HEAD. */
    private static List<RawHttp.Response> parse(byte[] written, byte[] input) throws IOException {
        try {
            return RawHttp.parseAll(written, false);
        } catch (IOException e) {
            if (new String(input, StandardCharsets.ISO_8859_1).startsWith("HEAD ")) {
                return RawHttp.parseAll(written, true);
            }
            throw e;
        }
    }

    private static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        Arbitrary<byte[]> valid = Arbitraries.of(VALID).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        return Combinators.combine(valid, Arbitraries.integers().between(1, 8), Arbitraries.longs())
                .as((bytes, mutations, seed) -> Mutations.apply(bytes, mutations, new java.util.SplittableRandom(seed)));
    }

    @Provide
    Arbitrary<String> structuredRequests() {
        Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS",
                "CONNECT", "TRACE", "get", "G\u00c9T", ""), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/", "/health", "/api/home", "/api/titles/", "/title/", "/admin/drop", "*", "",
                        "/api/playback/1/heartbeat", "//", "/%", "/%2", "/%zz", "/%c0%af", "/%ff%fe", "/\u00e9\u00e8"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).map(s -> "/" + s),
                Arbitraries.strings().all().ofMaxLength(20));
        Arbitrary<String> suffix = Arbitraries.oneOf(Arbitraries.of("", "1", "-1", "99999999999999999999", "?q=%",
                        "?q=" + "a".repeat(300), "?&&==&", "#frag"),
                Arbitraries.strings().ofMaxLength(10));
        Arbitrary<String> version = Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1 ", "http/1.1",
                "HTTP/1.", "", "HTTP/11.1");
        Arbitrary<String> headers = Arbitraries.oneOf(
                Arbitraries.of("Host: x\r\n", "Host: x\r\nContent-Length: 5\r\n", "Host: x\r\nContent-Length: -1\r\n",
                        "Host: x\r\nTransfer-Encoding: chunked\r\n", "Host: x\r\nAuthorization: Bearer \r\n",
                        "Host: x\r\nAuthorization: Bearer " + ADMIN + "\r\n", "Host: x\r\nExpect: 100-continue\r\n",
                        "Host: x\r\nConnection: close\r\n", "\r\n", "Host x\r\n", " Host: x\r\n"),
                Arbitraries.strings().ofMaxLength(60).map(s -> "Host: x\r\n" + s + "\r\n"));
        Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.of("", "{}", "{\"profile\":", "[[[[[[[[[[",
                "{\"slowdown\":\"x\"}", "0\r\n\r\n", "zz\r\n"), Arbitraries.strings().ofMaxLength(40));
        return Combinators.combine(method, path, suffix, version, headers, body)
                .as((m, p, s, v, h, b) -> m + " " + p + s + " " + v + "\r\n" + h + "\r\n" + b);
    }

    private static ServerContext context() {
        Clock clock = Clock.systemUTC();
        Instant dropAt = Instant.now();
        Catalogue catalogue = CatalogueGenerator.generate(new CatalogueConfig(7, 50, dropAt, 1));
        DropSchedule drop = new DropSchedule(dropAt);
        NetworkLimits limits = NetworkLimits.defaults();
        Json json = new Json(limits.maxJsonDepth());
        ServerMetrics metrics = new ServerMetrics();
        TokenService tokens = new TokenService(clock);
        PlaybackApi playback = new PlaybackApi(catalogue, drop, tokens, clock, json, Duration.ofHours(1));
        return new ServerContext(Routes.table(new CatalogueApi(catalogue, drop, clock, json), playback,
                new PagesApi(catalogue, drop, clock), new OpsApi(metrics, BACKEND),
                new AdminApi(metrics, BACKEND, drop, at -> { }, clock, json, OverloadPolicy.FIXED, CapacityModel.defaults(), (d, atDrop) -> { })),
                playback::authenticate, ADMIN, BACKEND, metrics, metrics::scenarioLabel, new Responses(json), limits,
                new Drain(), System::nanoTime);
    }

    /** Byte-level mutations of a valid request, as a fuzzer applies them. */
    static final class Mutations {
        private static final byte[][] INTERESTING = {"\r\n".getBytes(StandardCharsets.ISO_8859_1), {'\n'}, {0}, {(byte) 0xff},
                "%".getBytes(StandardCharsets.ISO_8859_1), ":".getBytes(StandardCharsets.ISO_8859_1), {' '},
                "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), "Content-Length: 9999\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.ISO_8859_1)};

        private Mutations() {
        }

        static byte[] apply(byte[] input, int count, java.util.SplittableRandom random) {
            byte[] b = input.clone();
            for (int i = 0; i < count && b.length > 0; i++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(6)) {
                    case 0 -> b[at] = (byte) random.nextInt(256);
                    case 1 -> b = splice(b, at, at + Math.min(b.length - at, 1 + random.nextInt(8)), new byte[0]);
                    case 2 -> b = splice(b, at, at, INTERESTING[random.nextInt(INTERESTING.length)]);
                    case 3 -> b = java.util.Arrays.copyOf(b, at);
                    case 4 -> {
                        int end = Math.min(b.length, at + 1 + random.nextInt(32));
                        b = splice(b, at, at, java.util.Arrays.copyOfRange(b, at, end));
                    }
                    default -> b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
                }
            }
            return b;
        }

        private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
            byte[] out = new byte[b.length - (to - from) + insert.length];
            System.arraycopy(b, 0, out, 0, from);
            System.arraycopy(insert, 0, out, from, insert.length);
            System.arraycopy(b, to, out, from + insert.length, b.length - to);
            return out;
        }
    }
}
