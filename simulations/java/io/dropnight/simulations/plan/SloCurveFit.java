package io.dropnight.simulations.plan;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One SLO's curve near its bound, fitted to its figures: {@code log load = level - slope * (log
 * capacity - reference) + scatter * Z}, Z standard normal and independent from one night to the
 * next. The posterior over (slope, scatter) is computed on a grid, the level integrated over
 * (flat prior) by quadrature around the exact figures' mean; a censored figure enters as the
 * probability of its side ({@code P(load >= x)} or {@code P(load <= x)}), not as a value. Pure;
 * draws take the randomness they are given. Not thread-safe (the direction check is computed once, when first asked).
 */
final class SloCurveFit {
    private static final int SLOPES = 33;
    private static final double SLOPE_MIN = 0.5;
    private static final double SLOPE_MAX = 128;
    private static final int SCATTERS = 33;
    private static final double SCATTER_MIN = 0.02;
    private static final double SCATTER_MAX = 4;
    /** The slope grid of the direction check: flat from -32 to 32 per e-fold. */
    private static final int SIGNED_SLOPES = 64;
    /** A curve falls when its slope is at least this: the load at least halves when capacity doubles. */
    static final double FALLS_AT_LEAST = 1;
    private static final double SIGNED_SLOPE_MAX = 32;
    /** Quadrature over the level: nodes within 4 standard deviations of the exact figures' mean. */
    private static final int LEVEL_NODES = 21;
    private static final double LEVEL_SPAN = 4;
    private static final Normal.Grid LEVEL_GRID = Normal.Grid.of(LEVEL_NODES, LEVEL_SPAN);
    private static final double[] NODE_Z = LEVEL_GRID.z();
    private static final double[] NODE_W = LEVEL_GRID.weight();
    private static final double[] NODE_W_CUMULATIVE = new double[LEVEL_NODES];

    static {
        double cum = 0;
        for (int k = 0; k < LEVEL_NODES; k++) {
            cum += NODE_W[k];
            NODE_W_CUMULATIVE[k] = cum;
        }
    }

    /** One draw of the curve from the posterior. */
    record Draw(double level, double slope, double scatter, double reference) {
        /** The line's log load at log capacity {@code x}. */
        double logLoad(double x) {
            return level - slope * (x - reference);
        }

        /** The probability that a night at log capacity {@code x} meets the bound (load at most 1). */
        double passProbability(double x) {
            return Normal.cdf(-logLoad(x) / scatter);
        }

        /** The log capacity at which a night meets the bound with probability {@code p}. */
        double logCapacityAt(double z) {
            return reference + (level + z * scatter) / slope;
        }
    }

    private final List<SloFigure> figures;
    private final CurvePrior prior;
    private final int exact;
    private final double reference; // mean log capacity of the exact figures
    private final double meanY;
    private final double syy;
    private final double syd;
    private final double sdd;
    private final double[] censoredD;
    private final double[] censoredBound;
    private final boolean[] censoredAtLeast;
    private final double[] cumulative; // the (slope, scatter) grid's posterior, cumulated
    private final double[][] levelWeights; // per cell, the level nodes' weights given the censored figures (null: none)
    private final int distinctValues;
    private double falls = Double.NaN; // the direction check, computed once, when first asked
    private double rises = Double.NaN;

    private SloCurveFit(List<SloFigure> figures, CurvePrior prior) {
        this.figures = List.copyOf(figures);
        this.prior = Objects.requireNonNull(prior, "prior");
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (SloFigure f : figures) {
            if (f.kind() == SloFigure.Kind.EXACT) {
                n++;
                sx += Math.log(f.value());
                sy += Math.log(f.load());
            }
        }
        this.exact = n;
        this.reference = n == 0 ? 0 : sx / n;
        this.meanY = n == 0 ? 0 : sy / n;
        double yy = 0;
        double yd = 0;
        double dd = 0;
        int censored = figures.size() - n;
        censoredD = new double[censored];
        censoredBound = new double[censored];
        censoredAtLeast = new boolean[censored];
        int c = 0;
        for (SloFigure f : figures) {
            double d = Math.log(f.value()) - reference;
            if (f.kind() == SloFigure.Kind.EXACT) {
                double y = Math.log(f.load()) - meanY;
                yy += y * y;
                yd += y * d;
                dd += d * d;
            } else {
                censoredD[c] = d;
                censoredBound[c] = Math.log(f.load());
                censoredAtLeast[c] = f.kind() == SloFigure.Kind.AT_LEAST;
                c++;
            }
        }
        syy = yy;
        syd = yd;
        sdd = dd;
        distinctValues = (int) figures.stream().mapToDouble(SloFigure::value).distinct().count();
        levelWeights = censored == 0 || exact == 0 ? null : new double[SLOPES * SCATTERS][];
        cumulative = exact == 0 ? new double[0] : grid();
    }

    /** Fits {@code figures} (one SLO's) under {@code prior}. */
    static SloCurveFit of(List<SloFigure> figures, CurvePrior prior) {
        return new SloCurveFit(figures, prior);
    }

    List<SloFigure> figures() {
        return figures;
    }

    /** Figures read exactly (within the window of the bound). */
    int exactCount() {
        return exact;
    }

    /** Distinct capacities among all the figures. */
    int distinctValues() {
        return distinctValues;
    }

    /** Distinct capacities among the exact figures: a slope needs two. */
    int distinctExactValues() {
        return (int) figures.stream().filter(f -> f.kind() == SloFigure.Kind.EXACT).mapToDouble(SloFigure::value).distinct().count();
    }

    /** The log capacity the level is given at: the exact figures' mean. */
    double reference() {
        return reference;
    }

    /**
     * Residual degrees of freedom of the scatter: exact figures beyond the two a line needs. Below
     * 2 the scatter is mostly the prior's.
     */
    int scatterDf() {
        return Math.max(0, exact - 2);
    }

    /**
     * The probability, from the figures alone (a flat prior on the slope from -32 to 32 per
     * e-fold, the scatter's prior kept), that the load falls at least in proportion to capacity
     * (a slope of {@value #FALLS_AT_LEAST} or more: twice the capacity, half the load or less).
     * Needs an exact figure and figures at two capacities; 0.5 with fewer (the figures cannot tell).
     */
    double fallProbability() {
        direction();
        return falls;
    }

    /** As {@link #fallProbability()}: the probability that the load rises with capacity (a negative slope). */
    double riseProbability() {
        direction();
        return rises;
    }

    private void direction() {
        if (!Double.isNaN(falls)) {
            return;
        }
        if (exact < 1 || distinctValues < 2) {
            falls = 0.5;
            rises = 0.5;
            return;
        }
        double[] logW = new double[SIGNED_SLOPES * SCATTERS];
        double[] slope = new double[SIGNED_SLOPES];
        double step = 2 * SIGNED_SLOPE_MAX / SIGNED_SLOPES;
        for (int i = 0; i < SIGNED_SLOPES; i++) {
            slope[i] = -SIGNED_SLOPE_MAX + step * (i + 0.5);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SIGNED_SLOPES; i++) {
            for (int j = 0; j < SCATTERS; j++) {
                double sigma = scatterAt(j);
                double w = logLikelihood(slope[i], sigma, -1) + prior.logScatter(sigma);
                logW[i * SCATTERS + j] = w;
                max = Math.max(max, w);
            }
        }
        double down = 0;
        double up = 0;
        double all = 0;
        for (int i = 0; i < SIGNED_SLOPES; i++) {
            for (int j = 0; j < SCATTERS; j++) {
                double w = Math.exp(logW[i * SCATTERS + j] - max);
                all += w;
                down += slope[i] >= FALLS_AT_LEAST ? w : 0; // y = level - slope * d: a positive slope falls
                up += slope[i] < 0 ? w : 0;
            }
        }
        falls = all > 0 ? down / all : 0.5;
        rises = all > 0 ? up / all : 0.5;
    }

    /**
     * {@code n} draws from the posterior. Needs at least one exact figure.
     *
     * @param random the randomness (seeded by the caller, so that a plan is repeatable)
     */
    Draw[] draws(int n, RandomGenerator random) {
        return draws(n, random, null, 0);
    }

    /**
     * {@code n} draws from the posterior, the level's of draw {@code k} sharing {@code shared[k]}
     * (a standard normal common to every SLO's draw {@code k}) with correlation {@code rho}. The
     * SLOs' levels are read from the same nights, whose scatter the SLOs share: one night that ran
     * hot lifts every SLO's figures, so their levels' errors move together, and drawing them apart
     * would let the highest of several SLOs' levels overstate the capacity a night needs.
     * {@code shared} null: the levels drawn alone.
     */
    Draw[] draws(int n, RandomGenerator random, double[] shared, double rho) {
        if (exact == 0) {
            throw new IllegalStateException("no exact figure: nothing to fit");
        }
        Draw[] out = new Draw[n];
        double slopeStep = Math.log(SLOPE_MAX / SLOPE_MIN) / (SLOPES - 1);
        double scatterStep = Math.log(SCATTER_MAX / SCATTER_MIN) / (SCATTERS - 1);
        for (int k = 0; k < n; k++) {
            int cell = pick(random.nextDouble());
            int i = cell / SCATTERS;
            int j = cell % SCATTERS;
            // spread within the cell, so that draws are not stuck on the grid's values
            double slope = slopeAt(i) * Math.exp((random.nextDouble() - 0.5) * slopeStep);
            double sigma = scatterAt(j) * Math.exp((random.nextDouble() - 0.5) * scatterStep);
            double z = random.nextGaussian();
            if (shared != null) {
                z = Math.sqrt(rho) * shared[k] + Math.sqrt(1 - rho) * z;
            }
            out[k] = new Draw(level(cell, sigma, z, random), slope, sigma, reference);
        }
        return out;
    }

    /**
     * The level given the cell: normal around the exact figures' mean, weighted by the censored
     * figures' probability at each quadrature node, spread evenly between nodes; read at the
     * standard normal {@code z} (by its probability where censored figures weigh the nodes).
     */
    private double level(int cell, double sigma, double z, RandomGenerator random) {
        double sd = sigma / Math.sqrt(exact);
        if (levelWeights == null) {
            return meanY + sd * z;
        }
        double[] w = levelWeights[cell];
        double target = Normal.cdf(z) * w[LEVEL_NODES - 1];
        int k = 0;
        while (k < LEVEL_NODES - 1 && w[k] < target) {
            k++;
        }
        double spacing = 2 * LEVEL_SPAN / (LEVEL_NODES - 1);
        return meanY + sd * (NODE_Z[k] + (random.nextDouble() - 0.5) * spacing);
    }

    private int pick(double u) {
        double target = u * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double[] grid() {
        double[] logW = new double[SLOPES * SCATTERS];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SLOPES; i++) {
            double slope = slopeAt(i);
            for (int j = 0; j < SCATTERS; j++) {
                double sigma = scatterAt(j);
                double w = logLikelihood(slope, sigma, i * SCATTERS + j) + prior.logSlope(slope) + prior.logScatter(sigma);
                logW[i * SCATTERS + j] = w;
                max = Math.max(max, w);
            }
        }
        double[] cum = new double[logW.length];
        double sum = 0;
        for (int c = 0; c < logW.length; c++) {
            sum += Math.exp(logW[c] - max);
            cum[c] = sum;
        }
        return cum;
    }

    /**
     * The figures' log likelihood at (slope, scatter), the level integrated out under a flat
     * prior: the exact figures' part in closed form, the censored ones' by quadrature over the
     * level's normal given the exact figures; the nodes' cumulated weights kept for {@code cell}'s
     * draws (none kept for a negative cell).
     */
    private double logLikelihood(double slope, double sigma, int cell) {
        double ssr = Math.max(0, syy + 2 * slope * syd + slope * slope * sdd);
        double ll = -(exact - 1) * Math.log(sigma) - ssr / (2 * sigma * sigma);
        if (censoredD.length == 0) {
            return ll;
        }
        double sd = sigma / Math.sqrt(exact);
        double sum = 0;
        double[] cum = cell >= 0 ? new double[LEVEL_NODES] : null;
        for (int k = 0; k < LEVEL_NODES; k++) {
            sum += NODE_W[k] * censoredProbability(meanY + sd * NODE_Z[k], slope, sigma);
            if (cum != null) {
                cum[k] = sum;
            }
        }
        if (cum != null) {
            levelWeights[cell] = sum > 0 ? cum : NODE_W_CUMULATIVE;
        }
        return ll + (sum > 0 ? Math.log(sum) : -1e6);
    }

    /** The probability of every censored figure's side, at one level, slope and scatter. */
    private double censoredProbability(double level, double slope, double sigma) {
        double p = 1;
        for (int c = 0; c < censoredD.length && p > 0; c++) {
            double mu = level - slope * censoredD[c];
            p *= Normal.cdf(censoredAtLeast[c] ? (mu - censoredBound[c]) / sigma : (censoredBound[c] - mu) / sigma);
        }
        return p;
    }

    private static double slopeAt(int i) {
        return SLOPE_MIN * Math.pow(SLOPE_MAX / SLOPE_MIN, (double) i / (SLOPES - 1));
    }

    private static double scatterAt(int j) {
        return SCATTER_MIN * Math.pow(SCATTER_MAX / SCATTER_MIN, (double) j / (SCATTERS - 1));
    }
}
