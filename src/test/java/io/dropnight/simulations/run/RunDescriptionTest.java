package io.dropnight.simulations.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDescriptionTest {

    @Test
    void keepsTheModelAndDropsLiveCounters() throws Exception {
        JsonNode backend = new ObjectMapper().readTree("""
                {"policy":"fixed","slots":64,"queueLimit":256,"busySlots":3,"queued":7,"admitted":1000,
                 "capacityPerSecond":3616.3,"serviceTimes":{"home":"lognormal:8ms:40ms"},
                 "cache":{"ttl":"30s","singleFlight":true,"hits":10,"misses":2,"coalesced":1}}""");
        JsonNode model = RunDescription.capacityModel(backend);
        assertEquals(64, model.get("slots").asInt());
        assertEquals("lognormal:8ms:40ms", model.get("serviceTimes").get("home").asText());
        assertFalse(model.has("busySlots") || model.has("queued") || model.has("admitted"));
        assertTrue(model.get("cache").get("singleFlight").asBoolean());
        assertFalse(model.get("cache").has("hits"));
        assertNull(RunDescription.capacityModel(null));
    }
}
