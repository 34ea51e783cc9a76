package io.dropnight.profile;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preflight evaluates Gatling's stand-alone EL functions as the load does, instead of refusing them. */
class ElFunctionsTest {
    @Test
    void functionsGiveGatlingsKindOfValue() {
        UUID.fromString(ElFunctions.evaluate("randomUuid()").orElseThrow());
        assertTrue(ElFunctions.evaluate("currentTimeMillis()").orElseThrow().matches("\\d{13}"));
        assertTrue(ElFunctions.evaluate("currentDate(yyyy-MM-dd)").orElseThrow().matches("\\d{4}-\\d{2}-\\d{2}"));
        for (int i = 0; i < 200; i++) {
            long v = Long.parseLong(ElFunctions.evaluate("randomInt(3, 5)").orElseThrow());
            assertTrue(v == 3 || v == 4, "max is exclusive, as Gatling's: " + v);
        }
        assertTrue(ElFunctions.evaluate("randomAlphanumeric(12)").orElseThrow().matches("[A-Za-z0-9]{12}"));
    }

    @Test
    void unknownOrMalformedCallsAreNotEvaluated() {
        assertEquals(Optional.empty(), ElFunctions.evaluate("jsonStringify()"));
        assertEquals(Optional.empty(), ElFunctions.evaluate("randomInt(5, 3)"));
        assertEquals(Optional.empty(), ElFunctions.evaluate("randomInt(x)"));
        assertEquals(Optional.empty(), ElFunctions.evaluate("randomUuid(1)"));
    }

    @Test
    void substitutionFillsNamesAndFunctions() {
        String body = Expressions.substitute("{\"viewer\":\"#{userId}\",\"request\":\"#{randomUuid()}\"}", Map.of("userId", "7")).orElseThrow();
        assertTrue(body.matches("\\{\"viewer\":\"7\",\"request\":\"[0-9a-f-]{36}\"}"), body);
        assertEquals(Optional.empty(), Expressions.substitute("#{jsonStringify()}", Map.of()));
    }
}
