package io.dropnight.simulations.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassDrawsTest {
    /** The joint probability by Simpson's rule on 4,000 intervals from -8 to 8: slow, and computed apart. */
    private static double simpson(double[] margin, double rho) {
        int n = 4000;
        double h = 16.0 / n;
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            double w = -8 + k * h;
            double p = Normal.pdf(w);
            for (double m : margin) {
                p *= Normal.cdf((m - Math.sqrt(rho) * w) / Math.sqrt(1 - rho));
            }
            sum += (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2) * p;
        }
        return sum * h / 3;
    }

    @Test
    void theJointProbabilityOfSeveralSlosSharingANightsScatterIsWithinAThousandthOfTheFineIntegral() {
        double worst = 0;
        for (double rho : new double[] {0.2, 0.5, 0.85, 0.95}) {
            for (double a = -2.5; a <= 3; a += 0.25) {
                for (double b = -1; b <= 2; b += 0.5) {
                    double[] margin = {a, a + b, a - b / 2};
                    worst = Math.max(worst, Math.abs(PassDraws.jointly(margin, Math.sqrt(rho), Math.sqrt(1 - rho)) - simpson(margin, rho)));
                }
            }
        }
        assertTrue(worst < 1e-3, "largest difference " + worst);
    }

    @Test
    void independentSlosMultiplyAndFullySharedOnesPassWithTheLeast() {
        double[] margin = {0.3, 1.1, -0.4};
        double product = Normal.cdf(0.3) * Normal.cdf(1.1) * Normal.cdf(-0.4);
        assertEquals(product, PassDraws.jointly(margin, 0, 1), 1e-9);
        double least = Normal.cdf(-0.4);
        double nearlyShared = PassDraws.jointly(margin, Math.sqrt(0.995), Math.sqrt(0.005));
        assertEquals(least, nearlyShared, 5e-3);
        double halfShared = PassDraws.jointly(margin, Math.sqrt(0.5), Math.sqrt(0.5));
        assertTrue(halfShared > product && halfShared < least, product + " < " + halfShared + " < " + least);
    }

    @Test
    void theCapacityPassingHalfTheTimeIsLowerWhenTheSlosShareTheirScatter() {
        // two SLOs, each met half the time at 80 slots: apart, a night passes both a quarter of the time there
        SloCurveFit.Draw a = new SloCurveFit.Draw(0, 8, 0.5, Math.log(80));
        SloCurveFit.Draw b = new SloCurveFit.Draw(0, 8, 0.5, Math.log(80));
        double apart = Math.exp(new PassDraws(List.<SloCurveFit.Draw[]>of(new SloCurveFit.Draw[] {a}, new SloCurveFit.Draw[] {b}), 0)
                .sortedLogCapacitiesAt(0.5)[0]);
        double shared = Math.exp(new PassDraws(List.<SloCurveFit.Draw[]>of(new SloCurveFit.Draw[] {a}, new SloCurveFit.Draw[] {b}), 0.85)
                .sortedLogCapacitiesAt(0.5)[0]);
        assertEquals(80 * Math.exp(Normal.quantile(Math.sqrt(0.5)) * 0.5 / 8), apart, 0.01);
        assertTrue(shared > 80 && shared < apart, "80 < " + shared + " < " + apart);
        assertThrows(IllegalArgumentException.class, () -> new PassDraws(List.<SloCurveFit.Draw[]>of(new SloCurveFit.Draw[] {a}), 1));
    }
}
