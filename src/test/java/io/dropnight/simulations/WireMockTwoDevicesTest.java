package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.testing.WireMockTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A night file of two populations against WireMock, a service no one here wrote (issue 23): TV
 * apps on their own API ({@code /tv/...}: a JSON login, rails, the title polled every 2–3 s, play
 * locked with 425 until 2 s past the drop) backing off on the error page, beside web viewers on the
 * web API arriving at the drop, refreshing. The harness's requests per endpoint equal WireMock's
 * journal route by route, and each population's endpoints are its own.
 */
@Tag("night")
class WireMockTwoDevicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How far ahead of the injector's start the drop is announced: its JVM's start and preflight
     * (3 to 6 s on the loaded 2-core box) plus a single injector's 8 s lead must fit before it, with
     * room; every second more is a second of TV viewers polling the title page.
     */
    private static final Duration DROP_IN = Duration.ofSeconds(22);

    @Test
    void aTvAndAWebPopulationOnTheirOwnApisCountWhatTheTargetSaw(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tv.yml"), """
                name: tv-app
                steps:
                  - { name: tv-login, role: session, request: { method: POST, path: /tv/login, json: { device: 'tv-#{userId}' } },
                      capture: { token: { json: token } } }
                  - { name: tv-rails, request: { path: /tv/rails, headers: { X-Token: '#{token}' } },
                      capture: { titleId: { json: hero.id }, episodeId: { json: hero.finale }, dropAt: { json: hero.at } } }
                  - { name: tv-title, role: wait-for-drop, every: 2-3s, request: { path: '/tv/titles/#{titleId}' },
                      until: { json: available } }
                  - { name: tv-play, role: play, request: { method: POST, path: '/tv/play/#{episodeId}' },
                      capture: { playbackId: { json: id } }, locked: { status: 425 } }
                  - { name: tv-beat, role: heartbeat, every: 30s, request: { method: POST, path: '/tv/beat/#{playbackId}' }, ok: [204] }
                errorPage: { statuses: [503] }
                """);
        Files.writeString(dir.resolve("web.yml"), """
                name: web-app
                steps:
                  - { name: web-session, role: session, request: { method: POST, path: /api/session, form: { user: 'w#{userId}' } } }
                  - { name: web-home, request: { path: /api/home },
                      capture: { titleId: { json: hero.id }, episodeId: { json: hero.finale }, dropAt: { json: hero.at } } }
                  - { name: web-title, role: wait-for-drop, request: { path: '/api/titles/#{titleId}' }, until: { json: available } }
                  - { name: web-play, role: play, request: { method: POST, path: '/api/play/#{episodeId}' },
                      capture: { playbackId: { json: id } }, locked: { status: 425 } }
                errorPage: { statuses: [503] }
                """);
        Path night = Files.writeString(dir.resolve("two-devices.yml"), """
                name: two-devices
                drop: 8m
                audience: 3000000
                populations:
                  - name: tv
                    behaviour: wait-for-drop
                    journey: tv.yml
                    refresh: backoff
                    heartbeats: { count: 1, every: 60s }
                    arrivals: [ { gather: 1000 } ]
                  - name: web
                    behaviour: play-now
                    journey: web.yml
                    refresh: refresh
                    arrivals: [ { until: drop }, { ramp: 2000, over: 60s } ]
                """);
        List<JsonNode> journal;
        Path run;
        try (WireMockTarget wiremock = WireMockTarget.start(dir)) {
            // Announced once WireMock is up, not before its start.
            Instant dropAt = Instant.now().plus(DROP_IN).truncatedTo(ChronoUnit.SECONDS);
            String hero = "{\"hero\":{\"id\":\"show-z\",\"finale\":\"ep-z-9\",\"at\":\"" + dropAt + "\"}}";
            int p = WireMockTarget.DEFAULT_PRIORITY;
            wiremock.stubJson("POST", "/tv/login", "{\"token\":\"tk-1\"}");
            wiremock.stubJson(Map.of("method", "GET", "url", "/tv/rails", "headers", Map.of("X-Token", Map.of("equalTo", "tk-1"))),
                    Map.of(), hero, p);
            wiremock.stubJson(Map.of("method", "POST", "url", "/api/session"), Map.of("Set-Cookie", "ws=1; Path=/"), "{}", p);
            wiremock.stubJson(Map.of("method", "GET", "url", "/api/home", "cookies", Map.of("ws", Map.of("equalTo", "1"))),
                    Map.of(), hero, p);
            for (String title : List.of("/tv/titles/show-z", "/api/titles/show-z")) {
                wiremock.stubJson("GET", title, "{\"available\":false}");
            }
            for (String play : List.of("/tv/play/ep-z-9", "/api/play/ep-z-9")) {
                wiremock.stubAnswer(Map.of("method", "POST", "url", play), 425, Map.of("Content-Type", "application/json"), "{}", p);
            }
            wiremock.stubAnswer(Map.of("method", "POST", "url", "/tv/beat/pb-z"), 204, Map.of(), "", p);
            try (GatlingProcess g = GatlingProcess.start(Files.createDirectories(dir.resolve("injector")), List.of(
                    "-Dtarget=" + wiremock.url(), "-Dnight=" + night, "-Drehearsal=300", "-Dcompression=40", "-Dslo.enforce=false"))) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(dropAt));
                for (String title : List.of("/tv/titles/show-z", "/api/titles/show-z")) {
                    wiremock.stubJson(Map.of("method", "GET", "url", title), Map.of(), "{\"available\":true}", 1);
                }
                Instant unlock = dropAt.plusSeconds(2);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(unlock));
                for (String play : List.of("/tv/play/ep-z-9", "/api/play/ep-z-9")) {
                    wiremock.stubJson(Map.of("method", "POST", "url", play), Map.of(), "{\"id\":\"pb-z\"}", 1);
                }
                assertEquals(0, g.await(240), g.log());
                run = g.onlyRunFolder();
            }
            journal = wiremock.requests();
        }

        Map<String, Long> target = new TreeMap<>();
        for (JsonNode r : journal) {
            if ("two-devices".equals(r.path("headers").path("X-Scenario").asText())) {
                target.merge(r.path("method").asText() + " " + r.path("url").asText(), 1L, Long::sum);
            }
        }
        Map<String, String> routes = new TreeMap<>(Map.of("tv-login", "POST /tv/login", "tv-rails", "GET /tv/rails",
                "tv-title", "GET /tv/titles/show-z", "tv-title-poll", "GET /tv/titles/show-z", "tv-beat", "POST /tv/beat/pb-z",
                "web-session", "POST /api/session", "web-home", "GET /api/home", "web-title", "GET /api/titles/show-z",
                "web-title-poll", "GET /api/titles/show-z"));
        JsonNode info = JSON.readTree(run.resolve("run.json").toFile());
        Map<String, Long> harness = new TreeMap<>();
        long plays = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = info.get("requests").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("playback-start")) {
                plays = e.getValue().asLong();
                continue;
            }
            harness.merge(routes.getOrDefault(e.getKey(), "unknown endpoint " + e.getKey()), e.getValue().asLong(), Long::sum);
        }
        long targetPlays = target.getOrDefault("POST /tv/play/ep-z-9", 0L) + target.getOrDefault("POST /api/play/ep-z-9", 0L);
        target.remove("POST /tv/play/ep-z-9");
        target.remove("POST /api/play/ep-z-9");
        assertEquals(target, harness, "requests per route, harness vs WireMock's journal");
        assertEquals(targetPlays, plays, "play calls of both populations (one endpoint, the SLOs' playback-start)");
        JsonNode client = JSON.readTree(run.resolve("client-summary.json").toFile());
        assertEquals(300, client.get("users").asLong(), "100 TV viewers and 200 web viewers: " + client);
        assertEquals(300, client.get("playbackStarts").asLong(), client.toString());
        assertEquals(100, harness.get("POST /tv/login"));
        assertEquals(200, harness.get("POST /api/session"));
        assertEquals("tv-app", info.at("/populations/0/journey").asText());
        assertEquals("backoff", info.at("/populations/0/refresh").asText());
        assertEquals("web-app", info.at("/populations/1/journey").asText());
        assertEquals(10_000, Math.round(info.at("/audience/oneIn").asDouble()));
        assertTrue(!info.get("warnUnclassified").asBoolean(), "every answer understood: " + info.get("unclassified"));
    }
}
