package io.dropnight.simulations.plan;

import io.dropnight.simulations.plan.CapacityEstimate.Prediction;
import io.dropnight.simulations.plan.SloCurveFit.Draw;

import java.util.Arrays;
import java.util.List;

/**
 * Joint draws of every modelled SLO's curve from their posteriors (draw {@code j} of each SLO
 * together), read as a night's probability of meeting them all. One night's standardised scatter
 * is shared among its SLOs with one correlation {@code rho} ({@link CurvePrior#sloCorrelation()}):
 * {@code Z_i = sqrt(rho) W + sqrt(1 - rho) E_i}, W and the E_i independent standard normals, so
 * the night meets them all with probability {@code E_W[prod_i Phi((z_i - sqrt(rho) W) / sqrt(1 - rho))]},
 * {@code z_i} each SLO's standardised margin; the expectation is a sum over a fixed grid of W.
 * At 0 that is the product (the SLOs independent); towards 1, the least of them. Immutable.
 */
final class PassDraws {
    /** The grid over the shared part W: 33 even nodes from -4 to 4, a quarter apart, weighted by the normal density (beyond 4, 6e-5 of it). */
    private static final int NODES = 33;
    private static final double SPAN = 4;
    private static final Normal.Grid GRID = Normal.Grid.of(NODES, SPAN);
    private static final double[] NODE = GRID.z();
    private static final double[] WEIGHT = GRID.weight();

    private final List<Draw[]> bySlo;
    private final int count;
    private final double shared; // sqrt(rho)
    private final double own; // sqrt(1 - rho)

    /**
     * @param bySlo       each modelled SLO's draws, all of one length
     * @param correlation the correlation of the SLOs' scatters within one night, in [0, 1)
     */
    PassDraws(List<Draw[]> bySlo, double correlation) {
        if (bySlo.isEmpty() || bySlo.stream().anyMatch(d -> d.length != bySlo.get(0).length)) {
            throw new IllegalArgumentException("draws of at least one SLO, all as many, are needed");
        }
        if (!(correlation >= 0 && correlation < 1)) {
            throw new IllegalArgumentException("the SLOs' correlation must be in [0, 1), got " + correlation);
        }
        this.bySlo = List.copyOf(bySlo);
        this.count = bySlo.get(0).length;
        this.shared = Math.sqrt(correlation);
        this.own = Math.sqrt(1 - correlation);
    }

    int count() {
        return count;
    }

    /** Draw {@code j}'s probability that a night at log capacity {@code x} meets every modelled SLO. */
    double passProbability(int j, double x) {
        if (bySlo.size() == 1 || shared == 0) {
            double p = 1;
            for (Draw[] d : bySlo) {
                p *= d[j].passProbability(x);
            }
            return p;
        }
        double[] margin = new double[bySlo.size()];
        for (int i = 0; i < margin.length; i++) {
            Draw d = bySlo.get(i)[j];
            margin[i] = -d.logLoad(x) / d.scatter();
        }
        return jointly(margin, shared, own);
    }

    /** The probability that every {@code Z_i <= margin[i]}, the Z_i sharing {@code shared}^2 of their variance. */
    static double jointly(double[] margin, double shared, double own) {
        double sum = 0;
        for (int k = 0; k < NODES; k++) {
            double p = 1;
            for (int i = 0; i < margin.length && p > 1e-12; i++) {
                p *= Normal.cdf((margin[i] - shared * NODE[k]) / own);
            }
            sum += WEIGHT[k] * p;
        }
        return Math.min(1, sum);
    }

    /** Every draw's least log capacity meeting every modelled SLO with probability {@code p}, sorted. */
    double[] sortedLogCapacitiesAt(double p) {
        double[] out = new double[count];
        for (int j = 0; j < count; j++) {
            out[j] = logCapacityAt(j, p);
        }
        Arrays.sort(out);
        return out;
    }

    private double logCapacityAt(int j, double p) {
        double z = Normal.quantile(p);
        if (bySlo.size() == 1) {
            return bySlo.get(0)[j].logCapacityAt(z);
        }
        // the joint is at most each factor, and (sharing a positive part) at least their product, so at
        // least p when each is at least p^(1/S): bisect between
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double zEach = Normal.quantile(Math.pow(p, 1.0 / bySlo.size()));
        for (Draw[] d : bySlo) {
            lo = Math.max(lo, d[j].logCapacityAt(z));
            hi = Math.max(hi, d[j].logCapacityAt(zEach));
        }
        for (int k = 0; k < 50 && hi - lo > 1e-4; k++) {
            double mid = (lo + hi) / 2;
            if (passProbability(j, mid) >= p) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** How much the draws disagree about the pass probability at log capacity {@code x}: its standard deviation. */
    double spread(double x) {
        double sum = 0;
        double sq = 0;
        for (int j = 0; j < count; j++) {
            double p = passProbability(j, x);
            sum += p;
            sq += p * p;
        }
        double mean = sum / count;
        return Math.sqrt(Math.max(0, sq / count - mean * mean));
    }

    /** Each draw's probability that a night at {@code value} slots meets every modelled SLO, in draw order. */
    double[] passProbabilities(double value) {
        double x = Math.log(value);
        double[] p = new double[count];
        for (int j = 0; j < count; j++) {
            p[j] = passProbability(j, x);
        }
        return p;
    }

    /**
     * The pass probability at {@code value} slots: its mean over the draws (the probability that the
     * next night passes) and the least it is with {@code confidence} certainty.
     */
    Prediction predict(double value, double confidence) {
        double x = Math.log(value);
        double[] p = new double[count];
        double sum = 0;
        for (int j = 0; j < count; j++) {
            p[j] = passProbability(j, x);
            sum += p[j];
        }
        Arrays.sort(p);
        return new Prediction(value, sum / count, quantile(p, 1 - confidence));
    }

    /** The {@code q}-quantile of sorted values (the nearest rank at or above). */
    static double quantile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
