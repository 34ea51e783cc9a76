package io.dropnight.security;

import io.dropnight.auth.TokenService;
import io.dropnight.server.ServiceConfig;
import io.dropnight.config.ServiceConfigBuilder;
import io.dropnight.reliability.RawHttp;
import io.dropnight.testing.RunningService;
import io.dropnight.reliability.WireHygiene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The negative suite: every protected route, tried with no credentials and with every wrong
 * credential we can think of, succeeds zero times. Positive controls prove the routes and tokens
 * used are otherwise good, so that a 401 means "refused", not "broken".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
    @TempDir
    static Path runDir; // static: a per-class instance field is not injected yet in @BeforeAll
    private RunningService service;
    private String session;
    private String playbackId;
    private long episodeId;

    /** A protected route: method, path and a body it accepts when the credential is right. */
    record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A wrong credential: a name and how to build the Authorization header from the real ones. */
    record Forgery(String name, java.util.function.Function<AccessControlTest, String> header) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() throws IOException {
        service = RunningService.start(runDir, b -> b.dropIn("0s"));
        session = field(RawHttp.post(service.address(), "/api/session", null, "{}").body(), "token");
        episodeId = service.service().catalogue().dropEpisodes().get(0).id();
        RawHttp.Response playback = RawHttp.post(service.address(), "/api/playback/" + episodeId, session, "{}");
        assertEquals(200, playback.status(), playback::body);
        playbackId = field(playback.body(), "playbackId");
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    List<Call> sessionRoutes() {
        return List.of(new Call("GET", "/api/home", null), new Call("GET", "/api/titles/1", null),
                new Call("GET", "/api/search?q=night", null), new Call("POST", "/api/playback/" + episodeId, "{}"),
                new Call("POST", "/api/playback/" + playbackId + "/heartbeat", "{}"));
    }

    static List<Call> adminRoutes() {
        return List.of(new Call("POST", "/admin/reset", "{}"), new Call("POST", "/admin/capacity", "{}"),
                new Call("POST", "/admin/fault", "{\"slowdown\":1}"), new Call("POST", "/admin/drop", "{\"in\":\"0s\"}"));
    }

    static List<Forgery> sessionForgeries() {
        return List.of(
                new Forgery("no Authorization header", t -> null),
                new Forgery("empty bearer", t -> "Bearer "),
                new Forgery("basic scheme", t -> "Basic " + b64("viewer:password")),
                new Forgery("garbage token", t -> "Bearer not-a-token"),
                new Forgery("tampered subject, original MAC", t -> "Bearer " + t.tamperedSubject()),
                new Forgery("flipped MAC", t -> "Bearer " + flipLast(t.session)),
                new Forgery("truncated MAC", t -> "Bearer " + t.session.substring(0, t.session.length() - 6)),
                new Forgery("MAC of another token", t -> "Bearer " + t.session.split("\\.")[0] + "."
                        + t.playbackId.split("\\.")[1]),
                new Forgery("extra segment", t -> "Bearer " + t.session + ".x"),
                new Forgery("payload only", t -> "Bearer " + t.session.split("\\.")[0]),
                new Forgery("playback id as session token", t -> "Bearer " + t.playbackId),
                new Forgery("admin token as session token", t -> "Bearer " + RunningService.ADMIN_TOKEN),
                new Forgery("signed with another key", t -> "Bearer " + new TokenService(Clock.systemUTC())
                        .issue("session", "intruder", Duration.ofHours(1))),
                new Forgery("over-long token", t -> "Bearer " + t.session + "A".repeat(600)),
                new Forgery("token in the wrong scheme", t -> "Token " + t.session));
    }

    static List<Forgery> adminForgeries() {
        String admin = RunningService.ADMIN_TOKEN;
        return List.of(
                new Forgery("no Authorization header", t -> null),
                new Forgery("empty bearer", t -> "Bearer "),
                new Forgery("wrong token of the same length", t -> "Bearer " + flipLast(admin)),
                new Forgery("prefix of the admin token", t -> "Bearer " + admin.substring(0, admin.length() - 1)),
                new Forgery("admin token plus a character", t -> "Bearer " + admin + "x"),
                new Forgery("admin token upper-cased", t -> "Bearer " + admin.toUpperCase(java.util.Locale.ROOT)),
                new Forgery("session token", t -> "Bearer " + t.session),
                new Forgery("basic scheme with the admin token", t -> "Basic " + b64("admin:" + admin)),
                new Forgery("admin token without scheme", t -> admin));
    }

    Stream<org.junit.jupiter.params.provider.Arguments> sessionAttempts() {
        List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
        for (Call c : sessionRoutes()) {
            for (Forgery f : sessionForgeries()) {
                all.add(org.junit.jupiter.params.provider.Arguments.of(c, f));
            }
        }
        return all.stream();
    }

    Stream<org.junit.jupiter.params.provider.Arguments> adminAttempts() {
        List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
        for (Call c : adminRoutes()) {
            for (Forgery f : adminForgeries()) {
                all.add(org.junit.jupiter.params.provider.Arguments.of(c, f));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("sessionAttempts")
    void refusesSessionRouteWithoutAValidToken(Call call, Forgery forgery) throws IOException {
        assertRefused(call, forgery.header().apply(this));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("adminAttempts")
    void refusesAdminRouteWithoutTheAdminToken(Call call, Forgery forgery) throws IOException {
        assertRefused(call, forgery.header().apply(this));
    }

    @Test
    void acceptsTheRealCredentials() throws IOException {
        for (Call c : sessionRoutes()) {
            RawHttp.Response r = send(c, "Bearer " + session);
            assertTrue(r.status() < 300, () -> c + " with the real session token: " + r.statusLine() + " " + r.body());
        }
        for (Call c : adminRoutes()) {
            RawHttp.Response r = send(c, "Bearer " + RunningService.ADMIN_TOKEN);
            assertEquals(200, r.status(), () -> c + " with the admin token: " + r.body());
        }
    }

    @Test
    void refusesAnotherViewersPlayback() throws IOException {
        String otherViewer = field(RawHttp.post(service.address(), "/api/session", null, "{}").body(), "token");
        RawHttp.Response r = send(new Call("POST", "/api/playback/" + playbackId + "/heartbeat", "{}"),
                "Bearer " + otherViewer);
        assertEquals(404, r.status(), "a heartbeat for somebody else's playback does not exist for you");
    }

    @Test
    void refusesAnExpiredSessionToken(@TempDir Path otherRunDir) throws Exception {
        try (RunningService shortLived = RunningService.start(otherRunDir, b -> b.sessionTtl("2s"))) {
            String token = field(RawHttp.post(shortLived.address(), "/api/session", null, "{}").body(), "token");
            assertEquals(200, RawHttp.get(shortLived.address(), "/api/home", token).status(), "valid at first");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                    .until(() -> RawHttp.get(shortLived.address(), "/api/home", token).status() == 401);
            for (Call c : List.of(new Call("GET", "/api/search?q=a", null), new Call("GET", "/api/titles/1", null))) {
                RawHttp.Response r = RawHttp.get(shortLived.address(), c.path(), token);
                assertEquals(401, r.status(), () -> c + " with an expired token");
                assertTrue(r.body().contains("expired"), r::body);
            }
        }
    }

    @Test
    void expiresTokensOnTheInjectedClock() {
        MutableClock clock = new MutableClock();
        TokenService tokens = new TokenService(clock);
        String token = tokens.issue("session", "viewer", Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(tokens.verify("session", token).isPresent(), "valid a second before expiry");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), tokens.verify("session", token), "refused at expiry");
        assertEquals(Optional.empty(), tokens.verify("playback", tokens.issue("session", "v", Duration.ofHours(1))),
                "a token of one kind is never accepted as another");
    }

    @Test
    void bindsToLoopbackUnlessToldOtherwise() throws Exception {
        ServiceConfig defaults = new ServiceConfigBuilder(Clock.systemUTC()).build();
        assertEquals("127.0.0.1", defaults.host());
        assertTrue(defaults.loopbackOnly());
        assertTrue(service.address().getAddress().isLoopbackAddress(), "the running service is on loopback");
        Optional<InetAddress> external = externalAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback address to try");
        try (Socket s = new Socket()) {
            assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(external.get(), service.port()), 2000),
                    "the service must not be reachable on " + external.get());
        }
    }

    @Test
    void generatesAdminTokensFromASecureRandomSource() {
        ServiceConfigBuilder a = new ServiceConfigBuilder(Clock.systemUTC());
        ServiceConfigBuilder b = new ServiceConfigBuilder(Clock.systemUTC());
        assertTrue(a.adminTokenGenerated());
        String first = a.build().adminToken();
        String second = b.build().adminToken();
        assertTrue(first.length() >= ServiceConfig.MIN_ADMIN_TOKEN_LENGTH);
        assertNotEquals(first, second, "every start draws a fresh token");
        assertThrows(io.dropnight.core.ConfigException.class,
                () -> new ServiceConfigBuilder(Clock.systemUTC()).adminToken("short").build(),
                "a guessable admin token is refused");
    }

    private void assertRefused(Call call, String authorization) throws IOException {
        RawHttp.Response r = send(call, authorization);
        assertEquals(401, r.status(), () -> call + " was not refused: " + r.statusLine() + " " + r.body());
        assertTrue(r.body().contains("UNAUTHORIZED"), r::body);
        WireHygiene.assertNoInternals(call.toString(), r.body());
    }

    private RawHttp.Response send(Call call, String authorization) throws IOException {
        byte[] body = call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(call.method()).append(' ').append(call.path())
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (call.body() != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] wire = new byte[h.length + body.length];
        System.arraycopy(h, 0, wire, 0, h.length);
        System.arraycopy(body, 0, wire, h.length, body.length);
        RawHttp.Outcome o = RawHttp.exchange(service.address(), wire, 1, Duration.ofSeconds(5));
        if (o.first() == null) {
            throw new IOException(call + ": no response");
        }
        return o.first();
    }

    /** The session token with its subject changed and the original MAC kept. */
    private String tamperedSubject() {
        String[] parts = session.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String[] claims = payload.split("\\|");
        String forged = claims[0] + "|someone-else|" + claims[2];
        return Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1];
    }

    private static String flipLast(String s) {
        char last = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        try {
            Map<?, ?> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
            return String.valueOf(m.get(name));
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A clock that moves only when told to. Not thread-safe. */
    static final class MutableClock extends Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-11-26T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
