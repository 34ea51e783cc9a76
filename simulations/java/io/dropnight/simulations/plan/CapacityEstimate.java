package io.dropnight.simulations.plan;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a capacity plan's probes predict, or why they cannot: see {@link CapacityEstimator}.
 * Immutable.
 *
 * @param supported   whether the figures support a fit; when not, {@link #reason} says why and
 *                    the search falls back to its votes
 * @param reason      why the figures cannot support a fit (empty when they can)
 * @param confidence  the pass probability asked ({@code -Dplan.confidence}), also how sure the
 *                    answer is to reach it
 * @param answer      the least whole capacity that passes with at least {@code confidence}
 *                    probability, held with {@code confidence} certainty (NaN when not supported)
 * @param atHalf      the capacity at which a night passes half the time, best estimate
 * @param bestAtConfidence the best estimate (posterior median) of the capacity that passes with
 *                    {@code confidence} probability: the answer less its uncertainty
 * @param atAnswer    the pass probability predicted at the answer
 * @param stepBelow   one resolution step below the answer, and its predicted pass probability
 * @param settled     whether the answer is within one resolution step of {@code bestAtConfidence}:
 *                    more probes would save at most that much capacity
 * @param next        where the next probe would inform the answer most, when not settled; for a
 *                    refusal, where a probe could still show the curve falling
 * @param slos        every SLO's curve (or why it is not modelled)
 * @param seed        the seed of the posterior's draws, so that the estimate can be repeated
 * @param draws       how many draws the posterior was read from
 */
public record CapacityEstimate(boolean supported, String reason, double confidence, double answer, double atHalf,
                        double bestAtConfidence, Prediction atAnswer, Prediction stepBelow, boolean settled,
                        Optional<NextProbe> next, List<SloCurve> slos, long seed, int draws) {

    public CapacityEstimate {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(atAnswer, "atAnswer");
        Objects.requireNonNull(stepBelow, "stepBelow");
        Objects.requireNonNull(next, "next");
        slos = List.copyOf(slos);
    }

    /** An estimate the figures cannot support, saying why. */
    static CapacityEstimate refused(String reason, double confidence, List<SloCurve> slos, long seed) {
        return refused(reason, confidence, slos, seed, Optional.empty());
    }

    /**
     * An estimate the figures cannot support yet, saying why and where a probe could help: {@code
     * widen}, a capacity farther from the threshold, where a figure could show the curve falling.
     */
    static CapacityEstimate refused(String reason, double confidence, List<SloCurve> slos, long seed, Optional<NextProbe> widen) {
        return new CapacityEstimate(false, reason, confidence, Double.NaN, Double.NaN, Double.NaN, Prediction.NONE,
                Prediction.NONE, false, widen, slos, seed, 0);
    }

    /**
     * The predicted pass probability at one capacity.
     *
     * @param value    the capacity, slots
     * @param expected the probability that the next night passes there (the posterior's mean)
     * @param atLeast  the probability held with the estimate's confidence: it is at least this
     */
    public record Prediction(double value, double expected, double atLeast) {
        static final Prediction NONE = new Prediction(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Where the next probe should go.
     *
     * @param value  the capacity to try
     * @param repeat whether it repeats a capacity already tried (only while the scatter is unknown)
     * @param why    one phrase for people
     */
    public record NextProbe(double value, boolean repeat, String why) {
    }

    /**
     * One SLO's fitted curve, or why it is not modelled.
     *
     * @param name             slo.json's name
     * @param unit             its unit
     * @param threshold        its bound, in its unit
     * @param modelled         whether its curve enters the prediction
     * @param note             why it does not (empty when modelled)
     * @param figures          every figure the fit read
     * @param fallProbability  the probability, from its figures alone, that its load falls at least in proportion to capacity
     * @param slope            its fall of log load per e-fold of capacity: median, 5 % and 95 % of the posterior
     * @param scatter          the standard deviation of its log load at one capacity: median, 5 %, 95 %
     * @param reference        the capacity its level is given at, slots
     * @param loadAtReference  its median line's load there
     * @param atHalf           for this SLO alone, the capacity at which it is met half the time
     * @param atConfidence     for this SLO alone, the capacity at which it is met with the confidence, held with it
     */
    public record SloCurve(String name, String unit, double threshold, boolean modelled, String note, List<SloFigure> figures,
                    double fallProbability, Range slope, Range scatter, double reference, double loadAtReference,
                    double atHalf, double atConfidence) {
        public SloCurve {
            figures = List.copyOf(figures);
        }

        static SloCurve notModelled(String name, String unit, double threshold, String note, List<SloFigure> figures,
                                    double fallProbability) {
            return new SloCurve(name, unit, threshold, false, note, figures, fallProbability, Range.NONE, Range.NONE,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** A posterior's median and its 5 % and 95 % points. */
    public record Range(double median, double low, double high) {
        static final Range NONE = new Range(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * One line for people: {@code 86 slots pass at least 95 % of nights (95 % sure; best estimate
     * 98.7 %); about half pass at 77.8 slots; band 78–86 slots}, or the refusal: the coin toss to a
     * tenth of a slot (plan-check re-runs the whole slots either side of it), the band in whole slots.
     */
    String summary() {
        if (!supported) {
            return "no fit: " + reason;
        }
        return String.format(Locale.ROOT, "%s slots pass %s of nights or more (said with %s certainty; best estimate %s);"
                        + " about half pass at %s slots; band %s–%s slots%s",
                PlanFormat.number(answer), percent(confidence), percent(confidence), percent(atAnswer.expected()),
                PlanFormat.tenth(atHalf), PlanFormat.number(Math.round(atHalf)), PlanFormat.number(answer),
                settled ? "" : String.format(Locale.ROOT, " (not settled: the best estimate of the %s capacity is %s)",
                        percent(confidence), PlanFormat.tenth(bestAtConfidence)));
    }

    static String percent(double p) {
        return PlanFormat.number(Math.round(p * 1000) / 10.0) + " %";
    }
}
