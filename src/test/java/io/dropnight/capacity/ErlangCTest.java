package io.dropnight.capacity;

import io.dropnight.core.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErlangCTest {

    /** The textbook formula with factorials: an independent check on the recurrence. */
    private static double direct(int c, double a) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < c; k++) {
            sum += term;
            term = term * a / (k + 1);
        }
        double top = term * c / (c - a);
        return top / (sum + top);
    }

    @ParameterizedTest
    @CsvSource({"1, 0.7", "2, 1.5", "8, 6.0", "10, 8.0", "32, 25.6", "64, 60.0"})
    void matchesTheTextbookFormula(int slots, double erlangs) {
        assertEquals(direct(slots, erlangs), ErlangC.probabilityOfWaiting(slots, erlangs), 1e-9);
    }

    @Test
    void singleSlotIsTheMm1Queue() {
        assertEquals(0.7, ErlangC.probabilityOfWaiting(1, 0.7), 1e-12);
        // M/M/1: W = 1 / (mu - lambda) = 1 / (100 - 70) s
        assertEquals(1.0 / 30, ErlangC.meanResponseSeconds(1, 70, 0.01), 1e-12);
    }

    @Test
    void twoSlotsMatchTheClosedForm() {
        double rho = 0.75;
        assertEquals(2 * rho * rho / (1 + rho), ErlangC.probabilityOfWaiting(2, 2 * rho), 1e-12);
    }

    @Test
    void largeSystemsDoNotOverflow() {
        double c = ErlangC.probabilityOfWaiting(5_000, 4_900);
        assertTrue(c > 0 && c < 1, "probability " + c);
    }

    @Test
    void refusesAnUnstableLoadWithTheRule() {
        ConfigException e = assertThrows(ConfigException.class, () -> ErlangC.probabilityOfWaiting(8, 8.0));
        assertTrue(e.getMessage().contains("must be below the number of slots (8)"), e.getMessage());
    }
}
