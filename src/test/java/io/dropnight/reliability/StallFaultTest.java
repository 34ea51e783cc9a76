package io.dropnight.reliability;

import io.dropnight.metrics.LagLog;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stalled-host test fault ({@code POST /admin/fault} with {@code stallMs}): every loop of the
 * service blocked, seen by the service's own lag probes in service-lag.csv; at the drop it waits
 * for the drop. Bad values are 400s naming the rule.
 */
class StallFaultTest {

    @Test
    void aStallNowShowsInTheServicesLagLog(@TempDir Path dir) throws Exception {
        try (RunningService service = RunningService.start(dir, b -> { })) {
            HttpResponse<String> r = service.post("/admin/fault", RunningService.ADMIN_TOKEN, "{\"stallMs\":400}");
            assertEquals(200, r.statusCode(), r.body());
            await().atMost(Duration.ofSeconds(10)).alias("a probe at least 280 ms late (400 less one probe period and a margin) in service-lag.csv")
                    .until(() -> LagLog.read(dir), lag -> lag.stream().anyMatch(s -> s.maxLagMs() >= 280));
            assertEquals(200, service.get("/health", null).statusCode(), "it answers again after the stall");
        }
    }

    @Test
    void aStallAtTheDropWaitsForTheDrop(@TempDir Path dir) throws Exception {
        try (RunningService service = RunningService.start(dir, b -> { })) {
            assertEquals(200, service.post("/admin/fault", RunningService.ADMIN_TOKEN, "{\"stallMs\":400,\"atDrop\":true}").statusCode());
            // The drop is an hour away: nothing stalls until it is moved here.
            assertEquals(200, service.post("/admin/drop", RunningService.ADMIN_TOKEN, "{\"in\":\"0s\"}").statusCode());
            await().atMost(Duration.ofSeconds(10)).alias("a probe at least 280 ms late (400 less one probe period and a margin) in service-lag.csv")
                    .until(() -> LagLog.read(dir), lag -> lag.stream().anyMatch(s -> s.maxLagMs() >= 280));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"stallMs\":0}", "{\"stallMs\":\"2s\"}", "{\"stallMs\":20000}", "{\"stallMs\":1.5}",
            "{\"stallMs\":100,\"slowdown\":2}", "{\"stallMs\":100,\"when\":\"now\"}", "{\"stallMs\":100,\"atDrop\":\"yes\"}"})
    void aBadStallIsABadRequestNamingTheRule(String body, @TempDir Path dir) throws Exception {
        try (RunningService service = RunningService.start(dir, b -> { })) {
            HttpResponse<String> r = service.post("/admin/fault", RunningService.ADMIN_TOKEN, body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertTrue(r.body().contains("stall") || r.body().contains("atDrop"), r.body());
        }
    }
}
