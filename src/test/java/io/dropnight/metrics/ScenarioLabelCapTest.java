package io.dropnight.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Over a real socket, a client cannot grow the server's memory with X-Scenario labels: the first
 * 16 distinct labels are kept, every later one is counted as {@code other}.
 */
class ScenarioLabelCapTest {
    @TempDir
    Path runDir;

    @Test
    void keepsSixteenDistinctLabelsAndCountsTheRestAsOther() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> { })) {
            for (int i = 0; i < 40; i++) {
                String label = String.format(Locale.ROOT, "Night %02d", i); // sanitised to night-NN
                assertEquals(200, s.send(HttpRequest.newBuilder(s.uri("/health")).header("X-Scenario", label).GET())
                        .statusCode());
            }
            JsonNode scenarios = RunningService.json(s.get("/metrics", null)).get("metrics").get("scenarios");

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                expected.add(String.format(Locale.ROOT, "night-%02d", i));
            }
            expected.add("other");
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = scenarios.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            assertEquals(expected, names);
            assertEquals(24, scenarios.get("other").get("health").get("count").asLong(), "requests 16 to 39");
            assertEquals(1, scenarios.get("night-15").get("health").get("count").asLong());
        }
    }
}
