package io.dropnight.simulations.journey;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a viewer reads an answer: the error page is known by its marker, whatever its status. */
class OutcomeTest {

    @ParameterizedTest(name = "status {0}, {1} marker(s), code {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "200, 1, null, ERROR_PAGE",
        "503, 1, SERVICE_OVERLOADED, ERROR_PAGE",
        "200, 0, null, OK",
        "403, 0, EPISODE_LOCKED, LOCKED",
        "403, 0, FORBIDDEN, FAILED",
        "500, 0, null, FAILED",
        "null, 0, null, FAILED"})
    void classifiesByMarkerFirst(Integer status, int markers, String code, Outcome expected) {
        assertEquals(expected, Outcome.classify(status, markers, code, Set.of(200)));
    }
}
