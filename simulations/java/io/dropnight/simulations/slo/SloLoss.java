package io.dropnight.simulations.slo;

import io.dropnight.simulations.params.SloThresholds;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which SLOs a night can no longer pass (issue 24's {@code -Dslo.abortOnFail}, and the planner's
 * probes of issue 25): decided from the figures so far and an upper bound on what the rest of the
 * night can still add, so that a figure that could still recover never stops a night. Pure and
 * stateless; {@link RestOfNight} gives the bounds for a night's plan and journeys.
 *
 * <p>The rule for each SLO, with {@code R} the requests the rest of the night can still send at
 * most and {@code I} the intents to play that can still end at most ({@link Remaining}):
 * <ul>
 *   <li>error pages per request ({@code errorPageRate}): error pages never go away, and at most
 *       {@code R} more requests can dilute them, so the rate is lost once
 *       {@code errorPages / (requests + R)} exceeds the bound;</li>
 *   <li>viewers who gave up ({@code abandonment}): every intent still to end could start a stream,
 *       so it is lost once {@code abandonments / (abandonments + starts + I)} exceeds the bound;</li>
 *   <li>a latency percentile {@code p} at most {@code T} ({@code playbackStartP99},
 *       {@code timeToPlayP95}): each started stream adds one value, so by the end there are at most
 *       {@code N = starts + I} values, and the percentile exceeds {@code T} exactly when more than
 *       {@code (100 - p) %} of them do; it is lost once the values already over {@code T} exceed
 *       {@code (100 - p) %} of {@code N}, or when {@code N} is 0 (a percentile of no value reads as
 *       infinite, as {@link io.dropnight.runfolder.SloEvaluation#millis} has it).</li>
 * </ul>
 * An unknown bound ({@link Remaining#requestsAtMost()} or {@link Remaining#intentsAtMost()} empty:
 * a closed-model audience that replaces its leavers, a journey that could poll without pause) never
 * stops a night: the SLOs that need it are not judged. The comparisons are exact (integers and
 * decimals, no binary rounding), so a figure exactly on its bound is never lost.
 */
public final class SloLoss {
    private SloLoss() {
    }

    /**
     * The night so far.
     *
     * @param requests           requests answered or failed
     * @param errorPages         of them, error pages
     * @param abandonments       viewers who gave up
     * @param playbackStarts     streams started
     * @param slowPlaybackStarts of them, playback-start requests slower than the p99 bound ({@link #slowerThan})
     * @param slowTimesToPlay    of them, times to play longer than the p95 bound ({@link #slowerThan})
     */
    public record SoFar(long requests, long errorPages, long abandonments, long playbackStarts, long slowPlaybackStarts,
                        long slowTimesToPlay) {
        public SoFar {
            if (requests < 0 || errorPages < 0 || abandonments < 0 || playbackStarts < 0 || slowPlaybackStarts < 0 || slowTimesToPlay < 0) {
                throw new IllegalArgumentException("a count is never negative: " + requests + ", " + errorPages + ", " + abandonments
                        + ", " + playbackStarts + ", " + slowPlaybackStarts + ", " + slowTimesToPlay);
            }
        }
    }

    /**
     * What the rest of the night can still add, at most; empty where no bound is known.
     *
     * @param requestsAtMost requests the viewers still to arrive or still in their journeys can still send
     * @param intentsAtMost  intents to play that can still end (in a started stream or in giving up)
     */
    public record Remaining(OptionalLong requestsAtMost, OptionalLong intentsAtMost) {
        /** Nothing known: no SLO is judged lost. */
        public static final Remaining UNKNOWN = new Remaining(OptionalLong.empty(), OptionalLong.empty());

        public Remaining {
            Objects.requireNonNull(requestsAtMost, "requestsAtMost");
            Objects.requireNonNull(intentsAtMost, "intentsAtMost");
            if (requestsAtMost.orElse(0) < 0 || intentsAtMost.orElse(0) < 0) {
                throw new IllegalArgumentException("an upper bound is never negative: " + requestsAtMost + ", " + intentsAtMost);
            }
        }

        /** Both bounds known. */
        public static Remaining atMost(long requests, long intents) {
            return new Remaining(OptionalLong.of(requests), OptionalLong.of(intents));
        }
    }

    /**
     * One SLO that can no longer pass.
     *
     * @param slo its name in slo.json ({@code errorPageRate}, ...)
     * @param why the figures that decide it, for people
     */
    public record Lost(String slo, String why) {
        public Lost {
            Objects.requireNonNull(slo, "slo");
            Objects.requireNonNull(why, "why");
        }

        /** {@code "errorPageRate: 101 error pages already exceed ..."}. */
        public String line() {
            return slo + ": " + why;
        }
    }

    /** The SLOs that can no longer pass, in slo.json's order of their rules here; empty while all still can. */
    public static List<Lost> lost(SoFar f, Remaining r, SloThresholds t) {
        List<Lost> lost = new ArrayList<>();
        r.requestsAtMost().ifPresent(rest -> {
            long requestsAtMost = f.requests() + rest;
            if (requestsAtMost > 0 && exceeds(f.errorPages(), t.errorPageRatePercent(), requestsAtMost)) {
                lost.add(new Lost(NightSlos.ERROR_PAGE_RATE, String.format(Locale.ROOT, "%,d error pages already exceed %s %% of the"
                        + " %,d requests the night can send at most", f.errorPages(), number(t.errorPageRatePercent()), requestsAtMost)));
            }
        });
        if (r.intentsAtMost().isEmpty()) {
            return lost;
        }
        long intents = r.intentsAtMost().getAsLong();
        long endsAtMost = f.abandonments() + f.playbackStarts() + intents;
        if (endsAtMost > 0 && exceeds(f.abandonments(), t.abandonmentPercent(), endsAtMost)) {
            lost.add(new Lost(NightSlos.ABANDONMENT, String.format(Locale.ROOT, "%,d viewers who gave up already exceed %s %% of the"
                    + " %,d intents the night can end at most", f.abandonments(), number(t.abandonmentPercent()), endsAtMost)));
        }
        long startsAtMost = f.playbackStarts() + intents;
        latency(NightSlos.PLAYBACK_START_P99, "playback starts", 99, f.slowPlaybackStarts(), t.playbackStartP99Millis(), startsAtMost)
                .ifPresent(lost::add);
        latency(NightSlos.TIME_TO_PLAY_P95, "times to play", 95, f.slowTimesToPlay(), t.timeToPlayP95Millis(), startsAtMost)
                .ifPresent(lost::add);
        return lost;
    }

    private static java.util.Optional<Lost> latency(String slo, String what, int percentile, long slow, long boundMillis,
                                                    long valuesAtMost) {
        if (valuesAtMost == 0) {
            return java.util.Optional.of(new Lost(slo, "no stream can start any more, and a percentile of no value is no sample"));
        }
        // more than (100 - p) % of the values over the bound, in integers: 100 * slow > (100 - p) * N
        if (BigDecimal.valueOf(slow).multiply(BigDecimal.valueOf(100))
                .compareTo(BigDecimal.valueOf(valuesAtMost).multiply(BigDecimal.valueOf(100 - percentile))) > 0) {
            return java.util.Optional.of(new Lost(slo, String.format(Locale.ROOT, "%,d %s over %,d ms already exceed %d %% of the %,d"
                    + " the night can make at most", slow, what, boundMillis, 100 - percentile, valuesAtMost)));
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code part} is more than {@code percent} % of {@code whole}, exactly. */
    private static boolean exceeds(long part, double percent, long whole) {
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .compareTo(BigDecimal.valueOf(percent).multiply(BigDecimal.valueOf(whole))) > 0;
    }

    /**
     * The values of {@code micros} that make a percentile read over {@code boundMillis} as
     * {@link io.dropnight.runfolder.SloEvaluation} reads it: a value counts by its bucket's highest
     * equivalent value (HdrHistogram's {@code getValueAtPercentile} answers that), in milliseconds.
     *
     * @param micros latencies, microseconds (not changed)
     */
    public static long slowerThan(AbstractHistogram micros, long boundMillis) {
        long slow = 0;
        for (HistogramIterationValue v : micros.recordedValues()) {
            if (micros.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0 > boundMillis) {
                slow += v.getCountAtValueIteratedTo();
            }
        }
        return slow;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
