package io.dropnight.capacity;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The one rule for a service-time entry, shared by the config file, the flags and /admin/capacity;
 * and how scaled slots that are not whole are served.
 */
class CapacityModelTest {

    @ParameterizedTest
    @CsvSource({
            // slots, scale, slots served, stretch of each service time
            "67, 0.5,   34, 1.0149253731",
            "68, 0.5,   34, 1.0",
            "78, 0.1,   8,  1.0256410256",
            "80, 0.1,   8,  1.0",
            "10, 0.05,  1,  2.0",
            "64, 1.0,   64, 1.0"})
    void servesScaledSlotsThatAreNotWholeBySlowerWholeSlots(int slots, double scale, int served, double stretch) {
        CapacityModel m = CapacityModel.defaults().withSlots(slots).withScale(scale);
        assertEquals(slots * scale, m.scaledSlots(), 1e-12);
        assertEquals(served, m.effectiveSlots());
        assertEquals(stretch, m.serviceStretch(), 1e-9);
        assertEquals(m.scaledSlots(), m.effectiveSlots() / m.serviceStretch(), 1e-9, "slot-equivalents served");
    }

    @Test
    void setsAModelledEndpointsServiceTimeFromItsEntry() {
        CapacityModel m = CapacityModel.defaults().withServiceTime("serviceTimes", "search", "fixed:7ms");
        assertEquals("fixed:7ms", m.serviceTimes().get(Endpoint.SEARCH).spec());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "capacity.service-times | nope   | fixed:5ms | capacity.service-times = nope: unknown endpoint 'nope'",
            "serviceTimes           | health | fixed:5ms | serviceTimes = health: is not a modelled endpoint",
            "serviceTimes           | admin  | fixed:5ms | serviceTimes = admin: is not a modelled endpoint",
            "serviceTimes           | home   | soon      | serviceTimes.home = soon:"})
    void refusesAnEntryNamingWhereItWasWritten(String field, String endpoint, String spec, String messageStart) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CapacityModel.defaults().withServiceTime(field, endpoint, spec));
        assertEquals(messageStart, e.getMessage().substring(0, Math.min(messageStart.length(), e.getMessage().length())),
                e.getMessage());
    }
}
