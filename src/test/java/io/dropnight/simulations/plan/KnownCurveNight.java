package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A simulated night whose SLO curves are known: each SLO's load (actual / bound) is
 * {@code (atHalf / slots)^slope * exp(scatter * Z)}, Z standard normal drawn from a seeded
 * generator, so a night at {@code atHalf} slots meets it half the time; a night passes when every
 * SLO does. Its true pass probability at any capacity is known, to judge an estimate against.
 * Each probe advances a fake clock by one minute, or as told. Not thread-safe.
 */
final class KnownCurveNight implements PlanSearch.Probe {
    /**
     * One SLO's known curve: its load falls {@code slope}-fold in log per e-fold of slots; median load
     * 1 at {@code atHalf}. Where the median load is above {@code bendLoad} it falls {@code slopeAbove}
     * per e-fold instead (the default night's error pages: 17 below 1.6 times the bound, 4 above).
     */
    record Curve(String name, double atHalf, double slope, double scatter, double slopeAbove, double bendLoad) {
        Curve(String name, double atHalf, double slope, double scatter) {
            this(name, atHalf, slope, scatter, slope, Double.POSITIVE_INFINITY);
        }

        double medianLogLoad(double slots) {
            double straight = slope * (Math.log(atHalf) - Math.log(slots));
            double bend = Math.log(bendLoad);
            return straight <= bend ? straight : bend + (straight - bend) * slopeAbove / slope;
        }

        /** The capacity at which a night meets this SLO alone with probability {@code q}. */
        double capacityAt(double q) {
            return atHalf * Math.exp(Normal.quantile(q) * scatter / slope);
        }

        double passProbability(double slots) {
            return Normal.cdf(-medianLogLoad(slots) / scatter);
        }
    }

    private final List<Curve> curves;
    private final SplittableRandom random;
    private boolean stopsEarly;
    private double shared; // sqrt of the correlation of the SLOs' scatters within one night
    private Duration probeLength = Duration.ofMinutes(1);
    final List<Double> tried = new ArrayList<>();
    long nanos;

    KnownCurveNight(long seed, Curve... curves) {
        this.curves = List.of(curves);
        this.random = new SplittableRandom(seed);
    }

    /** Each probe run whole takes {@code length} of the fake clock (one minute unless told). */
    KnownCurveNight takingEach(Duration length) {
        this.probeLength = length;
        return this;
    }

    /**
     * Probes that fail stop early, as {@code -Dslo.abortOnFail} stops a night whose SLO is lost: the
     * failed SLO furthest past its bound is given as lost in the first reason, its figure so far
     * anywhere between half and all of the whole night's, and the probe takes half a minute.
     */
    KnownCurveNight stoppingEarly() {
        this.stopsEarly = true;
        return this;
    }

    /**
     * One night's scatter is shared by its SLOs with {@code correlation}: each SLO's standard normal
     * is {@code sqrt(rho) W + sqrt(1 - rho) E}, W the night's and E the SLO's own.
     */
    KnownCurveNight sharing(double correlation) {
        this.shared = Math.sqrt(correlation);
        return this;
    }

    /**
     * The night's true probability of meeting every SLO at {@code slots}: the product where the
     * scatters are independent, otherwise integrated over the night's shared part (Simpson's rule,
     * 1,600 intervals from -8 to 8: a computation of its own, not the estimate's).
     */
    double passProbability(double slots) {
        if (shared == 0) {
            double p = 1;
            for (Curve c : curves) {
                p *= c.passProbability(slots);
            }
            return p;
        }
        double own = Math.sqrt(1 - shared * shared);
        int n = 1600;
        double h = 16.0 / n;
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            double w = -8 + k * h;
            double p = Math.exp(-w * w / 2) / Math.sqrt(2 * Math.PI);
            for (Curve c : curves) {
                p *= Normal.cdf((-c.medianLogLoad(slots) / c.scatter() - shared * w) / own);
            }
            sum += (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2) * p;
        }
        return Math.min(1, sum * h / 3);
    }

    /** The least capacity at which a night meets every SLO with probability {@code q} (bisection). */
    double capacityAt(double q) {
        double lo = 1;
        double hi = 1 << 16;
        for (int k = 0; k < 60; k++) {
            double mid = Math.sqrt(lo * hi);
            if (passProbability(mid) >= q) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    @Override
    public ProbeResult run(double slots) {
        tried.add(slots);
        nanos += probeLength.toNanos();
        List<SloResult> slos = new ArrayList<>();
        double night = shared == 0 ? 0 : random.nextGaussian(); // drawn only when shared: older seeds keep their nights
        double own = Math.sqrt(1 - shared * shared);
        for (Curve c : curves) {
            double z = shared * night + own * random.nextGaussian();
            double load = Math.exp(c.medianLogLoad(slots) + c.scatter() * z);
            slos.add(SloResult.atMost(c.name(), c.name(), 1.0, load, "%"));
        }
        boolean pass = slos.stream().allMatch(SloResult::passed);
        if (pass || !stopsEarly) {
            return new ProbeResult(slots, pass ? RunVerdict.PASS : RunVerdict.FAIL, List.of(), slos, Optional.empty(),
                    probeLength);
        }
        nanos -= probeLength.minusSeconds(30).toNanos();
        SloResult lost = slos.stream().max(java.util.Comparator.comparingDouble(SloResult::load)).orElseThrow();
        List<SloResult> soFar = slos.stream().map(s -> SloResult.atMost(s.name(), s.metric(), s.threshold(),
                s.actual() * (0.5 + 0.5 * random.nextDouble()), s.unit())).toList();
        String reason = "stopped at +30 s: " + lost.name() + " lost (figures so far)";
        return new ProbeResult(slots, RunVerdict.FAIL, List.of(reason), soFar, Optional.empty(), Duration.ofSeconds(30));
    }
}
