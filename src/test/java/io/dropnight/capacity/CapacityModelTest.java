package io.dropnight.capacity;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one rule for a service-time entry, shared by the config file, the flags and /admin/capacity. */
class CapacityModelTest {

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
