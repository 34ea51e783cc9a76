package io.dropnight.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.dropnight.testing.RunningService.ADMIN_TOKEN;
import static io.dropnight.testing.RunningService.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drop instant, the branded error page under overload, admin changes and per-scenario metrics. */
class OverloadAndDropTest {
    @TempDir
    Path runDir;

    @Test
    void finaleUnlocksWhenTheAdminMovesTheDropToNow() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            String token = s.login();
            long finale = json(s.get("/api/home", token)).get("featured").get("finalEpisodeId").asLong();
            assertEquals(403, s.post("/api/playback/" + finale, token, "").statusCode());
            assertEquals(401, s.post("/admin/drop", token, "{\"in\":\"0s\"}").statusCode());
            assertEquals(200, s.post("/admin/drop", ADMIN_TOKEN, "{\"in\":\"0s\"}").statusCode());
            assertEquals(200, s.post("/api/playback/" + finale, token, "").statusCode());
        }
    }

    @Test
    void badAdminValuesAreRejectedNamingTheField() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            HttpResponse<String> r = s.post("/admin/capacity", ADMIN_TOKEN, "{\"slots\": -3}");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("capacity.slots = -3"), r.body());
            assertEquals(400, s.post("/admin/drop", ADMIN_TOKEN, "{\"at\":\"tomorrow\"}").statusCode());
            assertEquals(400, s.post("/admin/capacity", ADMIN_TOKEN, "{\"policy\":\"yolo\"}").statusCode());
        }
    }

    @Test
    void saturatedBackendAnswersTheBrandedErrorPageFast() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.slots(1).queueLimit(0)
                .serviceTime("playback-start", "fixed:400ms").serviceTime("page-home", "fixed:400ms"))) {
            String token = s.login();
            List<HttpResponse<String>> api = concurrently(8, () -> s.post("/api/playback/10101", token, ""));
            HttpResponse<String> shed = api.stream().filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
            assertTrue(api.stream().anyMatch(r -> r.statusCode() == 200));
            JsonNode error = json(shed).get("error");
            assertEquals("SERVICE_OVERLOADED", error.get("code").asText());
            assertEquals(ErrorPage.MESSAGE, error.get("message").asText());
            assertTrue(shed.body().contains(ErrorPage.MARKER));
            assertEquals(String.valueOf(Responses.RETRY_AFTER_SECONDS), shed.headers().firstValue("retry-after").orElse(""));
            assertEquals(ErrorPage.MARKER, shed.headers().firstValue(ErrorPage.HEADER).orElse(""));

            List<HttpResponse<String>> pages = concurrently(8, () -> s.get("/", null));
            HttpResponse<String> page = pages.stream().filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
            assertTrue(page.body().contains("Something went wrong."));
            assertTrue(page.body().contains("You'll find lots to explore on the home page."));
            assertTrue(page.body().contains(ErrorPage.MARKER));

            JsonNode metrics = json(s.get("/metrics", null)).get("metrics").get("scenarios").get("unlabelled");
            assertTrue(metrics.get("playback-start").get("rejected").asLong() >= 1);
            assertTrue(metrics.get("playback-start").get("errorPages").asLong() >= 1);
        }
    }

    @Test
    void errorPageServedWithStatus200StillCarriesItsMarker() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.slots(1).queueLimit(0).errorPageStatus(200)
                .serviceTime("playback-start", "fixed:400ms"))) {
            String token = s.login();
            List<HttpResponse<String>> api = concurrently(8, () -> s.post("/api/playback/10101", token, ""));
            List<HttpResponse<String>> shed = api.stream().filter(r -> r.body().contains(ErrorPage.MARKER)).toList();
            assertFalse(shed.isEmpty(), "some requests were shed");
            for (HttpResponse<String> r : shed) {
                assertEquals(200, r.statusCode());
                assertEquals(ErrorPage.MARKER, r.headers().firstValue(ErrorPage.HEADER).orElse(""));
                assertTrue(r.headers().firstValue("retry-after").isEmpty(), "Retry-After belongs to 503 only");
            }
            JsonNode metrics = json(s.get("/metrics", null)).get("metrics").get("scenarios").get("unlabelled");
            assertEquals(shed.size(), metrics.get("playback-start").get("rejected").asLong(),
                    "a 200 error page is still counted as a rejection");
        }
    }

    @Test
    void requestsAreMeasuredPerScenario() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            String token = s.login();
            for (int i = 0; i < 3; i++) {
                s.send(HttpRequest.newBuilder(s.uri("/api/home")).header("Authorization", "Bearer " + token)
                        .header("X-Scenario", "finale-drop").GET());
            }
            JsonNode home = json(s.get("/metrics", null)).get("metrics").get("scenarios").get("finale-drop").get("home");
            assertEquals(3, home.get("count").asLong());
            assertEquals(3, home.get("ok").asLong());
            assertTrue(home.get("p99Micros").asLong() >= home.get("p50Micros").asLong());
            assertTrue(home.get("p50Micros").asLong() > 0);
        }
    }

    @Test
    void adminCanResetHistogramsAndChangePolicy() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            String token = s.login();
            s.get("/api/home", token);
            assertEquals(200, s.post("/admin/reset", ADMIN_TOKEN, "").statusCode());
            JsonNode scenarios = json(s.get("/metrics", null)).get("metrics").get("scenarios");
            assertFalse(scenarios.has("unlabelled") && scenarios.get("unlabelled").has("home"));
            HttpResponse<String> r = s.post("/admin/capacity", ADMIN_TOKEN, "{\"policy\":\"priority\",\"slots\":8}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("priority", json(s.get("/metrics", null)).get("backend").get("policy").asText());
        }
    }

    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    private static List<HttpResponse<String>> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return call.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            List<HttpResponse<String>> out = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
