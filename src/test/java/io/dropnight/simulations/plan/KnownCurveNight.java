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
 * Each probe advances a fake clock by one minute. Not thread-safe.
 */
final class KnownCurveNight implements PlanSearch.Probe {
    /** One SLO's known curve: its load falls {@code slope}-fold in log per e-fold of slots; median load 1 at {@code atHalf}. */
    record Curve(String name, double atHalf, double slope, double scatter) {
        double medianLogLoad(double slots) {
            return slope * (Math.log(atHalf) - Math.log(slots));
        }

        double passProbability(double slots) {
            return Normal.cdf(-medianLogLoad(slots) / scatter);
        }
    }

    private final List<Curve> curves;
    private final SplittableRandom random;
    final List<Double> tried = new ArrayList<>();
    long nanos;

    KnownCurveNight(long seed, Curve... curves) {
        this.curves = List.of(curves);
        this.random = new SplittableRandom(seed);
    }

    /** The night's true probability of meeting every SLO at {@code slots}: independent scatters, so the product. */
    double passProbability(double slots) {
        double p = 1;
        for (Curve c : curves) {
            p *= c.passProbability(slots);
        }
        return p;
    }

    @Override
    public ProbeResult run(double slots) {
        tried.add(slots);
        nanos += Duration.ofMinutes(1).toNanos();
        List<SloResult> slos = new ArrayList<>();
        for (Curve c : curves) {
            double load = Math.exp(c.medianLogLoad(slots) + c.scatter() * random.nextGaussian());
            slos.add(SloResult.atMost(c.name(), c.name(), 1.0, load, "%"));
        }
        boolean pass = slos.stream().allMatch(SloResult::passed);
        return new ProbeResult(slots, pass ? RunVerdict.PASS : RunVerdict.FAIL, List.of(), slos, Optional.empty(),
                Duration.ofMinutes(1));
    }
}
