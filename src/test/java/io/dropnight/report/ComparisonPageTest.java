package io.dropnight.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runs table tells runs apart by the settings engineers change between them. */
class ComparisonPageTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void capacityReadsAsSlotsQueueAndRate() throws Exception {
        assertEquals("64 slots, queue 256, ~3616 req/s",
                ComparisonPage.capacity(json.readTree("{\"slots\":64,\"queueLimit\":256,\"capacityPerSecond\":3616.3}")));
        assertEquals("unconstrained", ComparisonPage.capacity(json.readTree("{\"unconstrained\":true,\"slots\":64}")));
        assertEquals("?", ComparisonPage.capacity(json.readTree("null")));
    }

    @Test
    void parametersShowScaleCompressionAndRefresh() throws Exception {
        assertEquals("0.5, 20.0, backoff", ComparisonPage.parameters(
                json.readTree("{\"scale\":0.5,\"compression\":20.0,\"refresh\":\"backoff\"}")));
        assertEquals("?", ComparisonPage.parameters(json.readTree("null")));
    }

    @Test
    void timelinesAreAlignedOnEachRunsDrop() throws Exception {
        List<RunModel> runs = List.of(RunModel.of(RunReader.read(Fixtures.run(Fixtures.NONE))),
                RunModel.of(RunReader.read(Fixtures.run(Fixtures.PRIORITY))));
        ChartSpec chart = ComparisonPage.fromDrop("c1", runs, "premiere", "error pages", "%",
                LoadSeries.Point::errorPagePercent);
        assertEquals(ChartSpec.TIMELINE_FROM_DROP, chart.kind());
        assertEquals(0.0, chart.dropAtSec());
        assertEquals(2, chart.series().size());
        // Both fixture runs started at 01:59:50 for a drop at 02:00:00 (run.json): x is seconds from the drop.
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(-10.0, chart.series().get(i).points().get(0)[0], 1e-9, "first point of run " + i);
        }
    }
}
