package io.dropnight.simulations;

import io.dropnight.simulations.nights.EpisodeChoice;
import io.dropnight.simulations.preflight.Preflight;
import io.dropnight.profile.ProfileReader;
import io.dropnight.testing.WireMockTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preflight and the load read a target the same way (issue 22): for each journey file, against
 * the same WireMock target, the preflight passes exactly when one viewer walking the file on the
 * load's own engine ({@link OneViewerSimulation}: the night's steps, calls and classification, no
 * refresh to spend) meets no error page, failure or unclassified answer and starts its stream.
 * The files differ from a good journey by one fault each: a capture that finds nothing, a route
 * the target does not have, a step on the error page, a heartbeat that fails, a regex that matches
 * nothing. The good one uses a cookie login, a CSRF header, opaque ids, a Gatling EL function, a
 * raw body and an absolute captured URL.
 */
@Tag("night")
class PreflightAgreementTest {
    private static final String GOOD = """
            name: agreement
            steps:
              - name: session
                role: session
                request: { method: POST, path: /api/login, form: { username: 'v#{userId}' } }
                capture: { csrf: { header: X-CSRF-Token } }
              - name: home
                request: { method: POST, path: /graphql, headers: { X-CSRF-Token: '#{csrf}' }, json: { query: '{ home }' } }
                capture: { titleId: { json: data.home.hero.id }, episodeId: { json: data.home.hero.finalEpisode.id },
                           dropAt: { json: data.home.hero.releaseAt } }
              - name: rows
                request: { path: '/api/rows/continue?nonce=#{randomUuid()}' }
              - name: title
                role: wait-for-drop
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
                request: { method: POST, path: '/playback/#{playbackId}/heartbeat' }
                ok: [204]
            errorPage:
              any:
                - { status: [502, 503, 504] }
                - { bodyContains: something-went-wrong }
            """;

    @Test
    void thePreflightPassesExactlyWhenOneViewerOnTheLoadsEngineWalks(@TempDir Path dir) throws Exception {
        Map<String, String> journeys = new LinkedHashMap<>();
        journeys.put("good", GOOD);
        journeys.put("capture-finds-nothing", GOOD.replace("json: data.home.hero.releaseAt", "json: data.home.hero.premiere"));
        journeys.put("route-missing", GOOD.replace("/drm/license/", "/drm/licence/"));
        journeys.put("error-page", GOOD.replace("/api/rows/continue?", "/api/rows/broken?"));
        journeys.put("heartbeat-fails", GOOD.replace("/heartbeat' }", "/broken-heartbeat' }"));
        journeys.put("regex-finds-nothing", GOOD.replace("^seg-", "^chunk-"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> j : journeys.entrySet()) {
            files.add(Files.writeString(dir.resolve(j.getKey() + ".yml"), j.getValue()).toString());
        }

        Map<String, String> preflight = new TreeMap<>();
        Map<String, String> oneViewer = new TreeMap<>();
        try (WireMockTarget wiremock = WireMockTarget.start(dir)) {
            stubService(wiremock);
            for (String file : files) {
                String name = Path.of(file).getFileName().toString();
                try {
                    new Preflight(wiremock.url(), ProfileReader.read(Path.of(file)), EpisodeChoice.FINAL, new SplittableRandom(1), l -> { })
                            .walk();
                    preflight.put(name, "walked");
                } catch (Preflight.Failed e) {
                    preflight.put(name, "stopped");
                }
            }
            try (GatlingProcess viewers = GatlingProcess.start(Files.createDirectories(dir.resolve("one-viewer")), OneViewerSimulation.class,
                    List.of(), List.of("-Dtarget=" + wiremock.url(), "-Dprofiles=" + String.join(",", files)), Map.of())) {
                assertEquals(0, viewers.await(120), viewers.log());
                for (String line : viewers.log().lines().filter(l -> l.startsWith("one-viewer ") && l.contains(": walked, ")
                        || l.startsWith("one-viewer ") && l.contains(": stopped, ")).toList()) {
                    String name = Path.of(line.substring("one-viewer ".length(), line.indexOf(": "))).getFileName().toString();
                    oneViewer.put(name, line.contains(": walked, ") ? "walked" : "stopped");
                    if (name.equals("good.yml")) {
                        // session, home, rows, title, license, play, manifest, one heartbeat: the whole journey, once each
                        assertTrue(line.contains(", requests 8, "), line);
                    }
                }
            }
        }
        assertEquals("walked", preflight.get("good.yml"), "the good journey passes: " + preflight);
        assertEquals(5, preflight.values().stream().filter("stopped"::equals).count(), "each fault stops the preflight: " + preflight);
        assertEquals(preflight, oneViewer, "preflight vs one viewer on the load's engine, per journey");
    }

    private static void stubService(WireMockTarget wiremock) throws Exception {
        int p = WireMockTarget.DEFAULT_PRIORITY;
        wiremock.stubJson(Map.of("method", "POST", "url", "/api/login"), Map.of("Set-Cookie", "sid=s-1; Path=/", "X-CSRF-Token", "c-1"),
                "{}", p);
        wiremock.stubJson(Map.of("method", "POST", "url", "/graphql", "cookies", Map.of("sid", Map.of("equalTo", "s-1")),
                        "headers", Map.of("X-CSRF-Token", Map.of("equalTo", "c-1"))), Map.of(),
                "{\"data\":{\"home\":{\"hero\":{\"id\":\"show-q\",\"finalEpisode\":{\"id\":\"ep-q-3\"},\"releaseAt\":\"2020-01-01T00:00:00Z\"}}}}", p);
        wiremock.stubJson(Map.of("method", "GET", "urlPath", "/api/rows/continue"), Map.of(), "{\"rows\":[]}", p);
        wiremock.stubAnswer(Map.of("method", "GET", "urlPath", "/api/rows/broken"), 503, Map.of("Content-Type", "text/html"),
                "<p>something-went-wrong</p>", p);
        wiremock.stubJson("GET", "/api/titles/show-q", "{\"episodes\":[{\"id\":\"ep-q-3\",\"available\":true}]}");
        wiremock.stubAnswer(Map.of("method", "POST", "url", "/drm/license/ep-q-3"), 200, Map.of("Content-Type", "application/octet-stream"),
                "LICENSE", p);
        wiremock.stubJson("POST", "/playback/ep-q-3", "{\"id\":\"pb-q\",\"manifest\":{\"url\":\"" + wiremock.url() + "/m/ep-q-3.m3u8?sig=1\"}}");
        wiremock.stubAnswer(Map.of("method", "GET", "url", "/m/ep-q-3.m3u8?sig=1"), 200, Map.of("Content-Type", "application/vnd.apple.mpegurl"),
                "#EXTM3U\nseg-1.ts\nseg-2.ts\n", p);
        wiremock.stubAnswer(Map.of("method", "POST", "url", "/playback/pb-q/heartbeat"), 204, Map.of(), "", p);
        wiremock.stubAnswer(Map.of("method", "POST", "url", "/playback/pb-q/broken-heartbeat"), 500, Map.of(), "oops", p);
    }
}
