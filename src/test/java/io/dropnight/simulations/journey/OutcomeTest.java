package io.dropnight.simulations.journey;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How a viewer reads an answer: a locked episode first (only the play step can be locked), then the
 * error page whatever its status, then the profile's statuses and saves. A locked answer that also
 * carries the error page's marker (both a 200 with an errors array) is locked, not the error page.
 */
class OutcomeTest {

    @ParameterizedTest(name = "status {0}, error page {1}, locked {2}, saves found {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
        "200, true, false, false, ERROR_PAGE",
        "503, true, false, false, ERROR_PAGE",
        "200, false, false, true, OK",
        "200, false, false, false, UNCLASSIFIED",
        "403, false, true, false, LOCKED",
        "403, false, false, false, UNCLASSIFIED",
        "500, false, false, true, UNCLASSIFIED",
        "null, false, false, false, FAILED",
        "200, true, true, false, LOCKED",
        "403, true, true, false, LOCKED",
        "null, true, true, false, ERROR_PAGE"})
    void classifiesLockedThenTheErrorPageThenStatusesAndSaves(Integer status, boolean errorPage, boolean locked, boolean savesFound,
                                    Outcome expected) {
        assertEquals(expected, Outcome.classify(status, errorPage, locked, savesFound, Set.of(200)));
    }
}
