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
}
