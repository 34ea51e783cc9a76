package io.dropnight.simulations.plan;

/**
 * The standard normal distribution's density, cumulative function and its inverse, for the
 * capacity estimate's scatter. Pure; relative error below about 1.2e-7, far below what a night's
 * figures can tell apart.
 */
final class Normal {
    private static final double SQRT2 = Math.sqrt(2);

    private Normal() {
    }

    /** P(Z <= z). */
    static double cdf(double z) {
        return z < 0 ? 0.5 * erfc(-z / SQRT2) : 1 - 0.5 * erfc(z / SQRT2);
    }

    /** The density. */
    static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /**
     * {@code count} even nodes from {@code -span} to {@code span}, weighted by the density and
     * normalised to sum to 1: a sum over them stands for an expectation over a standard normal.
     * Both arrays are the caller's.
     */
    record Grid(double[] z, double[] weight) {
        static Grid of(int count, double span) {
            double[] z = new double[count];
            double[] w = new double[count];
            double sum = 0;
            for (int k = 0; k < count; k++) {
                z[k] = -span + 2 * span * k / (count - 1);
                w[k] = pdf(z[k]);
                sum += w[k];
            }
            for (int k = 0; k < count; k++) {
                w[k] /= sum;
            }
            return new Grid(z, w);
        }
    }

    /**
     * The z with P(Z <= z) = p, for p in (0, 1): Acklam's rational approximation, refined by one
     * Halley step.
     */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability strictly between 0 and 1 is needed, got " + p);
        }
        double z;
        double plow = 0.02425;
        if (p < plow) {
            double q = Math.sqrt(-2 * Math.log(p));
            z = tail(q);
        } else if (p > 1 - plow) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            z = -tail(q);
        } else {
            double q = p - 0.5;
            double r = q * q;
            z = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                    + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                    / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        double e = cdf(z) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(z * z / 2);
        return z - u / (1 + z * u / 2);
    }

    private static double tail(double q) {
        return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1);
    }

    /** The complementary error function for {@code x >= 0} (Numerical Recipes' erfcc: relative error below 1.2e-7). */
    private static double erfc(double x) {
        double t = 1 / (1 + 0.5 * x);
        return t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
    }
}
