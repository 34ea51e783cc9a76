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
 * @param sloCorrelation how much one night's scatter is shared by its SLOs (the correlation of
 *                     their standardised residuals, one value for every pair, in [0, 1)): 0.85.
 *                     A plan's few probes cannot measure it; 43 clean nights of the default night
 *                     did (two plans' probes and their re-runs at 81, 87, 134 and 142 slots, load
 *                     5–14): error pages with time to play 0.88, with playback start 0.87, the two
 *                     latencies 0.83 (docs/PLANNING.md). A night that overloads is slow and shows
 *                     error pages at once. 0 reads the SLOs as independent (the product of their
 *                     pass probabilities, which overstates the capacity passing half the time)
 */
record CurvePrior(double slopeMedian, double slopeSpread, double scatterScale, double scatterDf, double sloCorrelation) {
    /** The priors stated above. */
    static final CurvePrior DEFAULT = new CurvePrior(ThresholdGuess.ASSUMED_SLOPE, 0.7, 0.5, 2, 0.85);

    CurvePrior {
        if (!(slopeMedian > 0 && slopeSpread > 0 && scatterScale > 0 && scatterDf > 0)) {
            throw new IllegalArgumentException("every prior parameter must be positive, got slope " + slopeMedian + " (spread "
                    + slopeSpread + "), scatter " + scatterScale + " (" + scatterDf + " df)");
        }
        if (!(sloCorrelation >= 0 && sloCorrelation < 1)) {
            throw new IllegalArgumentException("the SLOs' correlation must be in [0, 1), got " + sloCorrelation);
        }
    }

    /** These priors with the SLOs' scatters shared by {@code correlation}. */
    CurvePrior withSloCorrelation(double correlation) {
        return new CurvePrior(slopeMedian, slopeSpread, scatterScale, scatterDf, correlation);
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
