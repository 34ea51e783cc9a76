package io.dropnight.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
