package io.dropnight.simulations.plan;

/**
 * What the capacity estimate assumes before any figure, stated so that it can be argued with.
 * Near its bound an SLO's log load is taken to fall in a straight line with log capacity, with a
 * normal scatter of one width at every capacity; these are the priors on the line's slope and on
 * that scatter. Immutable.
 *
 * @param slopeMedian  the prior's median fall of log load per e-fold of capacity: 8 by default,
 *                     what {@link ThresholdGuess#ASSUMED_SLOPE} assumes near load 1 (the default
 *                     night's error pages: 2.3 % at 64 slots, 1.2 % at 71, 0.3 % at 77, about 11)
 * @param slopeSpread  the prior's standard deviation of the log of that slope: 0.7, so the slope
 *                     lies between 2 and 32 with 95 % prior probability
 * @param scatterScale the prior's typical scatter of log load at one capacity: 0.5 (a night's
 *                     figure within a factor 1.65 of the line two times in three); the default
 *                     night's error pages at 78 slots gave 0.49, 0.74 and 1.23 %, a scatter of 0.46
 *                     from three nights, rounded up
 * @param scatterDf    how many figures' worth that scatter prior weighs (a scaled inverse
 *                     chi-squared prior's degrees of freedom): 2, so the night's own figures
 *                     outweigh it after a few probes
 */
record CurvePrior(double slopeMedian, double slopeSpread, double scatterScale, double scatterDf) {
    /** The priors stated above. */
    static final CurvePrior DEFAULT = new CurvePrior(ThresholdGuess.ASSUMED_SLOPE, 0.7, 0.5, 2);

    CurvePrior {
        if (!(slopeMedian > 0 && slopeSpread > 0 && scatterScale > 0 && scatterDf > 0)) {
            throw new IllegalArgumentException("every prior parameter must be positive, got slope " + slopeMedian + " (spread "
                    + slopeSpread + "), scatter " + scatterScale + " (" + scatterDf + " df)");
        }
    }

    /** The slope prior's log density (up to a constant) on a grid even in log slope. */
    double logSlope(double slope) {
        double z = (Math.log(slope) - Math.log(slopeMedian)) / slopeSpread;
        return -0.5 * z * z;
    }

    /** The scatter prior's log density (up to a constant) on a grid even in log scatter. */
    double logScatter(double sigma) {
        return -scatterDf * Math.log(sigma) - scatterDf * scatterScale * scatterScale / (2 * sigma * sigma);
    }
}
