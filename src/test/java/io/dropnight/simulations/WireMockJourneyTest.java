package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.testing.TestCertificate;
import io.dropnight.testing.WireMockTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journey file of nine steps on two hosts against WireMock, a service no one here wrote (issue
 * 22): a form login that sets a cookie and a CSRF header; a GraphQL home page sent as JSON whose
 * opaque string ids and drop instant are captured; artwork fetched in parallel from a second host
 * (WireMock's HTTPS port, a self-signed certificate, HTTP/2); an optional row that always answers
 * the error page; the title page polled until it says the episode is out; a licence call with a raw
 * body; play, locked (425) for 2 s after the drop, which returns a signed manifest URL on the
 * second host; the manifest fetched from that absolute URL and its segments captured; heartbeats.
 * The harness's requests per endpoint equal WireMock's journal; the second host spoke HTTP/2; the
 * journey file's own trust store (its password a secret) is what the preflight and the load trust;
 * without it the preflight refuses the target in one line (exit 4) before any load.
 */
@Tag("night")
class WireMockJourneyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NIGHT = "finale-drop";
    /**
     * How far ahead of the trusted injector's start the drop is announced: its JVM's start and
     * preflight plus a single injector's 8 s lead must fit before it, with room (on the loaded
     * 2-core box: about 5 s, which leaves a 9 s gathering); every second more is a second of
     * viewers polling the title page.
     */
    private static final Duration DROP_IN = Duration.ofSeconds(22);
    /** The journey: nine steps on two hosts (the second, cdn, from ${env:CDN_URL}; its trust store a file beside it). */
    static final String JOURNEY = """
            name: wiremock-journey
            hosts: { cdn: '${env:CDN_URL}' }
            protocol: { http2: true, trustStore: trust.p12, trustStorePassword: '${env:TRUST_PASS}' }
            steps:
              - name: session
                role: session
                request: { method: POST, path: /api/login, form: { username: 'v#{userId}', password: '${env:VIEWER_PASS}' } }
                capture: { csrf: { header: X-CSRF-Token } }
              - name: home
                request: { method: POST, path: /graphql, headers: { X-CSRF-Token: '#{csrf}' },
                           json: { query: '{ home { hero { id finalEpisode { id } releaseAt } } }' } }
                capture: { titleId: { json: data.home.hero.id }, episodeId: { json: data.home.hero.finalEpisode.id },
                           dropAt: { json: data.home.hero.releaseAt } }
              - name: artwork
                parallel: [ { host: cdn, path: '/img/#{titleId}/hero.jpg' }, { host: cdn, path: '/img/#{titleId}/logo.png' } ]
              - name: continue-watching
                optional: true
                request: { path: /api/rows/continue }
              - name: title
                role: wait-for-drop
                every: 1-2s
                request: { path: '/api/titles/#{titleId}' }
                until: { json: "episodes[?id=='#{episodeId}'].available | [0]" }
              - name: license
                request: { method: POST, path: '/drm/license/#{episodeId}', body: 'challenge-#{userId}' }
              - name: play
                role: play
                request: { method: POST, path: '/playback/#{episodeId}' }
                capture: { manifestUrl: { json: manifest.url }, playbackId: { json: id } }
                locked: { status: 425 }
              - name: manifest
                request: { url: '#{manifestUrl}' }
                capture: { segments: { regex: '(?m)^seg-\\d+\\.ts$', all: true } }
              - name: heartbeat
                role: heartbeat
                every: 30s
                request: { method: POST, path: '/playback/#{playbackId}/heartbeat' }
            errorPage:
              any:
                - { status: [502, 503, 504] }
                - { json: 'errors[0]' }
            """;

    @Test
    void aNineStepJourneyOnTwoHostsCountsWhatTheTargetSaw(@TempDir Path dir) throws Exception {
        String text = JOURNEY;
        Path journey = Files.writeString(dir.resolve("staging-journey.yml"), text);
        Path untrusting = Files.writeString(dir.resolve("untrusting-journey.yml"),
                text.replace(", trustStore: trust.p12, trustStorePassword: '${env:TRUST_PASS}'", ""));
        // A drop the refused run never reaches; the night's own is announced when its injector starts.
        Instant refusedDropAt = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        TestCertificate certificate = TestCertificate.create(dir, "changeit-789");
        List<JsonNode> journal;
        Path run;
        String cdn;
        try (WireMockTarget wiremock = WireMockTarget.startHttps(dir, certificate.keyStore(), certificate.password())) {
            cdn = wiremock.httpsUrl().toString();
            stubService(wiremock, refusedDropAt, cdn, false);
            Map<String, String> env = Map.of("CDN_URL", cdn, "VIEWER_PASS", "pw-Quokka-77", "TRUST_PASS", certificate.password());
            List<String> night = List.of("-Dtarget=" + wiremock.url(), "-Dnight=" + NIGHT, "-Dscale=0.05",
                    "-Dcompression=100", "-Dslo.enforce=false");

            // Without the trust store, the certificate of the second host is refused before any load.
            List<String> untrusted = new java.util.ArrayList<>(night);
            untrusted.add("-Dprofile=" + untrusting);
            try (GatlingProcess refused = GatlingProcess.start(Files.createDirectories(dir.resolve("untrusted")), List.of(), untrusted, env)) {
                assertEquals(4, refused.await(120), refused.log());
                // The host's URL came from the environment: shown as its placeholder, as every such value is.
                assertTrue(refused.log().contains("preflight failed at step artwork: GET ${env:CDN_URL}/img/show-ab/hero.jpg:"
                        + " the target's certificate is not trusted"), refused.log());
            }
            assertTrue(wiremock.requests().stream().noneMatch(r -> NIGHT.equals(scenario(r))), "no viewer was started");

            List<String> trusted = new java.util.ArrayList<>(night);
            trusted.add("-Dprofile=" + journey);
            // Announced now, not before WireMock's start and the refused run: the injector's start and
            // nine-step preflight (about 5 s here), its 8 s lead, then the waiting viewers' gathering.
            Instant dropAt = Instant.now().plus(DROP_IN).truncatedTo(ChronoUnit.SECONDS);
            stubHome(wiremock, dropAt);
            try (GatlingProcess injector = GatlingProcess.start(Files.createDirectories(dir.resolve("injector")), List.of(), trusted, env)) {
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(dropAt));
                stubService(wiremock, dropAt, cdn, true);
                Instant unlockAt = dropAt.plusSeconds(2);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(unlockAt));
                wiremock.stubJson(Map.of("method", "POST", "url", "/playback/ep-ab-10"), Map.of(),
                        "{\"id\":\"pb-ab\",\"manifest\":{\"url\":\"" + cdn + "/m/ep-ab-10/master.m3u8?sig=ab12\"}}", 1);
                assertEquals(0, injector.await(300), injector.log());
                assertFalse(injector.log().contains("pw-Quokka-77"), "the secret is not on the console");
                assertTrue(injector.log().contains("TLS: certificates checked against the trust store " + certificate.trustStore()
                        + " (the journey file's protocol.trustStore)"), injector.log());
                run = injector.onlyRunFolder();
            }
            journal = wiremock.requests();
        }

        Map<String, Long> target = new TreeMap<>();
        for (JsonNode r : journal) {
            if (!NIGHT.equals(scenario(r))) {
                continue;
            }
            String route = r.path("method").asText() + " " + r.path("url").asText();
            boolean secondHost = r.path("absoluteUrl").asText().startsWith(cdn);
            assertEquals(secondHost, route.startsWith("GET /img/") || route.startsWith("GET /m/"), "host of " + route);
            assertEquals(secondHost ? "HTTP/2.0" : "HTTP/1.1", r.path("protocol").asText(), "protocol of " + route);
            target.merge(route, 1L, Long::sum);
        }
        Map<String, String> routes = Map.of("session", "POST /api/login", "home", "POST /graphql",
                "artwork", "GET /img/show-ab/*", "continue-watching", "GET /api/rows/continue",
                "title", "GET /api/titles/show-ab", "title-poll", "GET /api/titles/show-ab", "license", "POST /drm/license/ep-ab-10",
                "playback-start", "POST /playback/ep-ab-10", "manifest", "GET /m/ep-ab-10/master.m3u8?sig=ab12",
                "heartbeat", "POST /playback/pb-ab/heartbeat");
        Map<String, Long> targetByRoute = new TreeMap<>();
        target.forEach((route, n) -> targetByRoute.merge(route.startsWith("GET /img/show-ab/") ? "GET /img/show-ab/*" : route, n, Long::sum));
        Map<String, Long> harness = new TreeMap<>();
        JsonNode info = JSON.readTree(run.resolve("run.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = info.get("requests").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            harness.merge(routes.getOrDefault(e.getKey(), "unknown endpoint " + e.getKey()), e.getValue().asLong(), Long::sum);
        }
        assertEquals(targetByRoute, harness, "requests per endpoint, harness vs WireMock's journal");

        JsonNode client = JSON.readTree(run.resolve("client-summary.json").toFile());
        long viewers = client.get("users").asLong();
        assertEquals(620, viewers, "every planned viewer started");
        assertEquals(viewers, client.get("playbackStarts").asLong(), "every viewer played: " + client);
        assertEquals(viewers, harness.get("GET /api/rows/continue"), "the optional row, tried once by each viewer");
        assertEquals(2 * viewers, harness.get("GET /img/show-ab/*"), "both images, once by each viewer");
        assertEquals(viewers, client.get("errorPagesSeen").asLong(), "the optional row's error pages only: " + client);
        assertFalse(info.get("warnUnclassified").asBoolean(), "every answer understood: " + info.get("unclassified"));
        String recorded = Files.readString(run.resolve("run.json"));
        assertFalse(recorded.contains("pw-Quokka-77"), "no secret in run.json");
        assertFalse(recorded.contains(certificate.password()), "no trust store password in run.json");
        assertTrue(recorded.contains("${env:VIEWER_PASS}"), "the journey is recorded with its placeholder");
    }

    /**
     * The home page that announces {@code dropAt}; a later call announces another drop (WireMock
     * answers with the newest of stubs of equal priority).
     */
    static void stubHome(WireMockTarget wiremock, Instant dropAt) throws Exception {
        Map<String, Object> home = new HashMap<>(Map.of("method", "POST", "url", "/graphql",
                "cookies", Map.of("sid", Map.of("equalTo", "s-77")), "headers", Map.of("X-CSRF-Token", Map.of("equalTo", "c-77"))));
        home.put("bodyPatterns", List.of(Map.of("matchesJsonPath", "$.query")));
        wiremock.stubJson(home, Map.of(), "{\"data\":{\"home\":{\"hero\":{\"id\":\"show-ab\",\"finalEpisode\":{\"id\":\"ep-ab-10\"},"
                + "\"releaseAt\":\"" + dropAt + "\"}}}}", WireMockTarget.DEFAULT_PRIORITY);
    }

    /** The target's header X-Scenario (its name's case as HTTP/1.1 or HTTP/2 wrote it). */
    private static String scenario(JsonNode request) {
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getKey().equalsIgnoreCase("X-Scenario")) {
                return h.getValue().asText();
            }
        }
        return "";
    }

    /** The streaming API; {@code out}: the title page says the final episode is available. */
    static void stubService(WireMockTarget wiremock, Instant dropAt, String cdn, boolean out) throws Exception {
        if (!out) {
            wiremock.stubJson(Map.of("method", "POST", "url", "/api/login",
                            "headers", Map.of("Content-Type", Map.of("contains", "application/x-www-form-urlencoded")),
                            "bodyPatterns", List.of(Map.of("contains", "password=pw-Quokka-77"))),
                    Map.of("Set-Cookie", "sid=s-77; Path=/; HttpOnly", "X-CSRF-Token", "c-77"), "{}", WireMockTarget.DEFAULT_PRIORITY);
            stubHome(wiremock, dropAt);
            for (String image : List.of("hero.jpg", "logo.png")) {
                wiremock.stubAnswer(Map.of("method", "GET", "url", "/img/show-ab/" + image), 200, Map.of("Content-Type", "image/png"),
                        "PNG", WireMockTarget.DEFAULT_PRIORITY);
            }
            wiremock.stubAnswer(Map.of("method", "GET", "url", "/api/rows/continue"), 503, Map.of("Content-Type", "text/html"),
                    "<h1>Something went wrong</h1>", WireMockTarget.DEFAULT_PRIORITY);
            wiremock.stubAnswer(Map.of("method", "POST", "url", "/drm/license/ep-ab-10",
                            "headers", Map.of("Content-Type", Map.of("contains", "text/plain")),
                            "bodyPatterns", List.of(Map.of("matches", "challenge-[0-9]+"))),
                    200, Map.of("Content-Type", "application/octet-stream"), "LICENSE", WireMockTarget.DEFAULT_PRIORITY);
            wiremock.stubAnswer(Map.of("method", "POST", "url", "/playback/ep-ab-10"), 425, Map.of("Content-Type", "application/json"),
                    "{\"code\":\"TOO_EARLY\"}", WireMockTarget.DEFAULT_PRIORITY);
            wiremock.stubAnswer(Map.of("method", "GET", "url", "/m/ep-ab-10/master.m3u8?sig=ab12"), 200,
                    Map.of("Content-Type", "application/vnd.apple.mpegurl"), "#EXTM3U\nseg-1.ts\nseg-2.ts\n", WireMockTarget.DEFAULT_PRIORITY);
            wiremock.stubAnswer(Map.of("method", "POST", "url", "/playback/pb-ab/heartbeat"), 204, Map.of(), "",
                    WireMockTarget.DEFAULT_PRIORITY);
        }
        wiremock.stubJson(Map.of("method", "GET", "url", "/api/titles/show-ab"), Map.of(),
                "{\"episodes\":[{\"id\":\"ep-ab-09\",\"available\":true},{\"id\":\"ep-ab-10\",\"available\":" + out + "}]}",
                out ? 1 : WireMockTarget.DEFAULT_PRIORITY);
    }
}
