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

    /** The wire values the README documents; literal, so that a change to the constants is caught. */
    private static final String MARKER = "something-went-wrong";
    private static final String MARKER_HEADER = "X-Dropnight-Error-Page";
    private static final String MESSAGE = "Something went wrong. Sorry, we're having trouble with your request. "
            + "You'll find lots to explore on the home page.";
    /** The one slot is held this long; a shed request must not wait for it. */
    private static final long SERVICE_MILLIS = 1_500;

    @Test
    void saturatedBackendAnswersTheBrandedErrorPageFast() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.slots(1).queueLimit(0).cacheMissCostFactor(1)
                .serviceTime("playback-start", "fixed:" + SERVICE_MILLIS + "ms")
                .serviceTime("page-home", "fixed:" + SERVICE_MILLIS + "ms"))) {
            String token = s.login();
            List<Timed> api = concurrently(8, () -> s.post("/api/playback/10101", token, ""));
            assertShedFastAndServedAfterTheServiceTime(api);
            HttpResponse<String> shed = api.stream().map(Timed::response).filter(r -> r.statusCode() == 503)
                    .findFirst().orElseThrow();
            assertEquals("2", shed.headers().firstValue("Retry-After").orElse(""));
            assertEquals(MARKER, shed.headers().firstValue(MARKER_HEADER).orElse(""));
            JsonNode error = json(shed).get("error");
            assertEquals("SERVICE_OVERLOADED", error.get("code").asText());
            assertEquals(MESSAGE, error.get("message").asText());
            assertEquals(MARKER, error.get("page").asText());
            assertTrue(error.get("retryAfterSeconds").isInt(), error::toString);
            assertEquals(2, error.get("retryAfterSeconds").asInt());

            List<Timed> pages = concurrently(8, () -> s.get("/", null));
            assertShedFastAndServedAfterTheServiceTime(pages);
            HttpResponse<String> page = pages.stream().map(Timed::response).filter(r -> r.statusCode() == 503)
                    .findFirst().orElseThrow();
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals("2", page.headers().firstValue("Retry-After").orElse(""));
            assertEquals(MARKER, page.headers().firstValue(MARKER_HEADER).orElse(""));
            assertTrue(page.body().contains("<h1>Something went wrong.</h1>"), page.body());
            assertTrue(page.body().contains("Sorry, we're having trouble with your request. "
                    + "You'll find lots to explore on the home page."), page.body());
            assertTrue(page.body().contains("id=\"something-went-wrong\""), page.body());

            JsonNode metrics = json(s.get("/metrics", null)).get("metrics").get("scenarios").get("unlabelled");
            long shedApi = api.stream().filter(t -> t.response().statusCode() == 503).count();
            assertEquals(shedApi, metrics.get("playback-start").get("rejected").asLong());
            assertEquals(shedApi, metrics.get("playback-start").get("errorPages").asLong());
        }
    }

    /**
     * One request holds the only slot for the service time; every other one is shed at once, long
     * before that slot frees (half the service time is a bound a busy machine keeps).
     */
    private static void assertShedFastAndServedAfterTheServiceTime(List<Timed> all) {
        List<Timed> served = all.stream().filter(t -> t.response().statusCode() == 200).toList();
        List<Timed> shed = all.stream().filter(t -> t.response().statusCode() == 503).toList();
        assertFalse(served.isEmpty(), "one request holds the slot");
        assertEquals(all.size(), served.size() + shed.size(), "served or shed, nothing else");
        assertFalse(shed.isEmpty(), "the others are shed");
        for (Timed t : served) {
            assertTrue(t.millis() >= SERVICE_MILLIS, () -> "served in " + t.millis() + " ms, under the modelled time");
        }
        for (Timed t : shed) {
            assertTrue(t.millis() < SERVICE_MILLIS / 2, () -> "shed after " + t.millis()
                    + " ms: the error page waited for the slot instead of being answered at once");
        }
    }

    @Test
    void errorPageServedWithStatus200StillCarriesItsMarker() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.slots(1).queueLimit(0).errorPageStatus(200)
                .serviceTime("playback-start", "fixed:400ms"))) {
            String token = s.login();
            List<HttpResponse<String>> api = concurrently(8, () -> s.post("/api/playback/10101", token, "")).stream()
                    .map(Timed::response).toList();
            List<HttpResponse<String>> shed = api.stream().filter(r -> r.body().contains(MARKER)).toList();
            assertFalse(shed.isEmpty(), "some requests were shed");
            for (HttpResponse<String> r : shed) {
                assertEquals(200, r.statusCode());
                assertEquals(MARKER, r.headers().firstValue(MARKER_HEADER).orElse(""));
                assertTrue(r.headers().firstValue("retry-after").isEmpty(), "Retry-After belongs to 503 only");
            }
            JsonNode metrics = json(s.get("/metrics", null)).get("metrics").get("scenarios").get("unlabelled");
            assertEquals(shed.size(), metrics.get("playback-start").get("rejected").asLong(),
                    "a 200 error page is still counted as a rejection");
        }
    }

    @Test
    void requestsAreMeasuredPerScenarioWithTheModelledServiceTimeIncluded() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.serviceTime("home", "fixed:30ms"))) {
            String token = s.login();
            for (int i = 0; i < 3; i++) {
                s.send(HttpRequest.newBuilder(s.uri("/api/home")).header("Authorization", "Bearer " + token)
                        .header("X-Scenario", "finale-drop").GET());
            }
            JsonNode home = json(s.get("/metrics", null)).get("metrics").get("scenarios").get("finale-drop").get("home");
            assertEquals(3, home.get("count").asLong());
            assertEquals(3, home.get("ok").asLong());
            // Server time includes the modelled 30 ms: every request took at least that long.
            long p50 = home.get("p50Micros").asLong();
            assertTrue(p50 >= 30_000 && p50 < 1_030_000, () -> "p50 " + p50 + " µs for a fixed 30 ms service time");
            assertFalse(json(s.get("/metrics", null)).get("metrics").get("scenarios").has("unlabelled")
                    && json(s.get("/metrics", null)).get("metrics").get("scenarios").get("unlabelled").has("home"),
                    "the labelled requests are not counted unlabelled");
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
            JsonNode backend = json(s.get("/metrics", null)).get("backend");
            assertEquals("priority", backend.get("policy").asText());
            assertEquals(8, backend.get("slots").asInt(), backend::toString);
        }
    }

    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    /** A response and how long the client waited for it. */
    private record Timed(HttpResponse<String> response, long millis) {
    }

    private static List<Timed> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<Timed>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = call.run();
                        return new Timed(r, (System.nanoTime() - start) / 1_000_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            List<Timed> out = new ArrayList<>();
            for (CompletableFuture<Timed> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
