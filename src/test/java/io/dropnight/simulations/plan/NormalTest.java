package io.dropnight.simulations.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The normal distribution's figures against published values. */
class NormalTest {

    @ParameterizedTest(name = "P(Z <= {0}) = {1}")
    @CsvSource({"0, 0.5", "1.6448536270, 0.95", "-1.6448536270, 0.05", "1, 0.8413447461", "-3, 0.0013498980", "2.3263478740, 0.99"})
    void cdfAndQuantileAgreeWithTheTables(double z, double p) {
        assertEquals(p, Normal.cdf(z), 2e-7 * Math.max(p, 1e-3));
        assertEquals(z, Normal.quantile(p), 1e-6);
    }

    @Test
    void aQuantileNeedsAProbabilityStrictlyBetweenZeroAndOne() {
        assertThrows(IllegalArgumentException.class, () -> Normal.quantile(0));
        assertThrows(IllegalArgumentException.class, () -> Normal.quantile(1));
    }

    @Test
    void aGridStandsForAStandardNormal() {
        Normal.Grid g = Normal.Grid.of(49, 6);
        double sum = 0;
        double mean = 0;
        double variance = 0;
        for (int k = 0; k < 49; k++) {
            sum += g.weight()[k];
            mean += g.weight()[k] * g.z()[k];
            variance += g.weight()[k] * g.z()[k] * g.z()[k];
        }
        assertEquals(1, sum, 1e-12);
        assertEquals(0, mean, 1e-12);
        assertEquals(1, variance, 1e-6); // a quarter apart: the even sum is exact for the normal to far below this
        assertEquals(-6, g.z()[0]);
        assertEquals(6, g.z()[48]);
    }
}
