package io.dropnight.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static io.dropnight.testing.RunningService.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint over a real socket, below capacity, before the drop. */
class ServiceEndpointsTest {
    @TempDir
    static Path runDir;
    static RunningService service;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(runDir, b -> { });
        token = service.login();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void sessionReturnsTokenAndProfile() throws Exception {
        JsonNode body = json(service.post("/api/session", null, ""));
        assertFalse(body.get("token").asText().isEmpty());
        assertFalse(body.get("profileId").asText().isEmpty());
    }

    @Test
    void homeListsTheFeaturedSeriesFirst() throws Exception {
        HttpResponse<String> r = service.get("/api/home", token);
        assertEquals(200, r.statusCode());
        JsonNode body = json(r);
        assertEquals("Hollow Lights", body.get("featured").get("name").asText());
        assertEquals(1, body.get("rows").get(0).get("titles").get(0).get("id").asLong());
        assertTrue(body.get("rows").size() >= 3);
    }

    @Test
    void titleShowsTheFinaleLockedUntilTheDrop() throws Exception {
        JsonNode title = json(service.get("/api/titles/1", token));
        JsonNode lastSeason = title.get("seasons").get(title.get("seasons").size() - 1);
        JsonNode finale = lastSeason.get("episodes").get(lastSeason.get("episodes").size() - 1);
        assertFalse(finale.get("available").asBoolean());
        assertFalse(finale.get("availableAt").asText().isEmpty());
        assertTrue(lastSeason.get("episodes").get(0).get("available").asBoolean());
    }

    @Test
    void searchFindsTitlesByName() throws Exception {
        JsonNode body = json(service.get("/api/search?q=hollow", token));
        assertEquals("Hollow Lights", body.get("results").get(0).get("name").asText());
    }

    @Test
    void playbackOfTheLockedFinaleIsForbiddenWithItsAvailability() throws Exception {
        long finale = json(service.get("/api/home", token)).get("featured").get("finalEpisodeId").asLong();
        HttpResponse<String> r = service.post("/api/playback/" + finale, token, "");
        assertEquals(403, r.statusCode());
        assertEquals("EPISODE_LOCKED", json(r).get("error").get("code").asText());
        assertFalse(json(r).get("availableAt").asText().isEmpty());
    }

    @Test
    void playbackOfAnAvailableEpisodeGivesAManifestAndHeartbeatsAreAccepted() throws Exception {
        HttpResponse<String> r = service.post("/api/playback/10101", token, "");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertTrue(body.get("manifest").get("streams").size() > 0);
        String playbackId = body.get("playbackId").asText();
        assertEquals(204, service.post("/api/playback/" + playbackId + "/heartbeat", token, "").statusCode());
    }

    @Test
    void heartbeatOfAnotherProfilesPlaybackIsNotFound() throws Exception {
        String playbackId = json(service.post("/api/playback/10101", token, "")).get("playbackId").asText();
        String other = service.login();
        assertEquals(404, service.post("/api/playback/" + playbackId + "/heartbeat", other, "").statusCode());
    }

    @ParameterizedTest
    @CsvSource({"/api/titles/999999, 404", "/api/titles/abc, 400", "/api/search, 400", "/nowhere, 404"})
    void badLookupsAreClientErrorsWithJson(String path, int status) throws Exception {
        HttpResponse<String> r = service.get(path, token);
        assertEquals(status, r.statusCode());
        assertFalse(json(r).get("error").get("message").asText().isEmpty());
    }

    @Test
    void unknownEpisodeIsNotFound() throws Exception {
        assertEquals(404, service.post("/api/playback/123456789", token, "").statusCode());
    }

    @Test
    void wrongMethodIsMethodNotAllowed() throws Exception {
        assertEquals(405, service.send(HttpRequest.newBuilder(service.uri("/api/home"))
                .DELETE().header("Authorization", "Bearer " + token)).statusCode());
    }

    @Test
    void htmlPagesAreServedWithoutLogin() throws Exception {
        HttpResponse<String> home = service.get("/", null);
        assertEquals(200, home.statusCode());
        assertTrue(home.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(home.body().contains("Hollow Lights"));
        assertTrue(service.get("/title/1", null).body().contains("available at"));
    }

    @Test
    void invalidJsonBodyIsABadRequestNamingTheProblem() throws Exception {
        HttpResponse<String> r = service.post("/api/session", null, "{\"profile\": ");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("error").get("message").asText().startsWith("invalid JSON"), r.body());
    }

    @Test
    void healthAndMetricsAreUp() throws Exception {
        assertEquals(200, service.get("/health", null).statusCode());
        JsonNode metrics = json(service.get("/metrics", null));
        assertEquals("fixed", metrics.get("backend").get("policy").asText());
        assertEquals("microseconds", metrics.get("metrics").get("histogramUnit").asText());
    }
}
