package io.dropnight.simulations.plan;

import io.dropnight.simulations.plan.CapacityEstimate.Prediction;
import io.dropnight.simulations.plan.SloCurveFit.Draw;

import java.util.Arrays;
import java.util.List;

/**
 * Joint draws of every modelled SLO's curve from their posteriors (draw {@code j} of each SLO
 * together), read as a night's probability of meeting them all: the product over the SLOs, taken
 * as independent (see {@link CapacityEstimator}). Immutable.
 */
final class PassDraws {
    private final List<Draw[]> bySlo;
    private final int count;

    /** @param bySlo each modelled SLO's draws, all of one length */
    PassDraws(List<Draw[]> bySlo) {
        if (bySlo.isEmpty() || bySlo.stream().anyMatch(d -> d.length != bySlo.get(0).length)) {
            throw new IllegalArgumentException("draws of at least one SLO, all as many, are needed");
        }
        this.bySlo = List.copyOf(bySlo);
        this.count = bySlo.get(0).length;
    }

    int count() {
        return count;
    }

    /** Draw {@code j}'s probability that a night at log capacity {@code x} meets every modelled SLO. */
    double passProbability(int j, double x) {
        double p = 1;
        for (Draw[] d : bySlo) {
            p *= d[j].passProbability(x);
        }
        return p;
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
        // the product is at most each factor, and at least p when each is at least p^(1/S): bisect between
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double zEach = Normal.quantile(Math.pow(p, 1.0 / bySlo.size()));
        for (Draw[] d : bySlo) {
            lo = Math.max(lo, d[j].logCapacityAt(z));
            hi = Math.max(hi, d[j].logCapacityAt(zEach));
        }
        for (int k = 0; k < 50 && hi - lo > 1e-7; k++) {
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
