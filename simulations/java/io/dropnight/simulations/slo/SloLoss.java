package io.dropnight.simulations.slo;

import io.dropnight.simulations.params.SloThresholds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which SLOs a night can no longer pass (issue 24's {@code -Dslo.abortOnFail}, and the planner's
 * probes of issue 25): decided from the figures so far and an upper bound on what the rest of the
 * night can still add, so that a figure that could still recover never stops a night. Pure and
 * stateless.
 *
 * <p>The rule for each SLO, with {@code N} the most the whole night can reach:
 * <ul>
 *   <li>error pages per request: error pages never go away, and at most {@code requestsAtMost}
 *       more requests can dilute them, so the rate is lost once
 *       {@code errorPages / (requests + requestsAtMost)} exceeds the bound;</li>
 *   <li>viewers who gave up: lost once {@code abandonments / (abandonments + starts + intentsAtMost)}
 *       exceeds the bound (every intent still to end could start a stream);</li>
 *   <li>a latency percentile {@code p} at most {@code T}: the percentile exceeds {@code T} exactly
 *       when more than {@code (100 - p) %} of the values exceed {@code T}; with at most
 *       {@code starts + intentsAtMost} values by the end, it is lost once the values already over
 *       {@code T} exceed {@code (100 - p) %} of that.</li>
 * </ul>
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
     * @param slowPlaybackStarts of them, playback-start requests slower than the p99 bound
     * @param slowTimesToPlay    of them, times to play longer than the p95 bound
     */
    public record SoFar(long requests, long errorPages, long abandonments, long playbackStarts, long slowPlaybackStarts,
                        long slowTimesToPlay) {
    }

    /**
     * What the rest of the night can still add, at most.
     *
     * @param requestsAtMost requests the viewers still to arrive or still in their journeys can still send
     * @param intentsAtMost  intents to play that can still end (in a started stream or in giving up)
     */
    public record Remaining(long requestsAtMost, long intentsAtMost) {
        public Remaining {
            if (requestsAtMost < 0 || intentsAtMost < 0) {
                throw new IllegalArgumentException("an upper bound is never negative: " + requestsAtMost + ", " + intentsAtMost);
            }
        }
    }

    /** The SLOs that can no longer pass, each as one line ({@code "errorPageRate: ..."}); empty while all still can. */
    public static List<String> lost(SoFar f, Remaining r, SloThresholds t) {
        List<String> lost = new ArrayList<>();
        long requestsAtMost = f.requests() + r.requestsAtMost();
        if (requestsAtMost > 0 && 100.0 * f.errorPages() / requestsAtMost > t.errorPageRatePercent()) {
            lost.add(String.format(Locale.ROOT, "errorPageRate: %,d error pages already exceed %s %% of the %,d requests the night"
                    + " can send at most", f.errorPages(), number(t.errorPageRatePercent()), requestsAtMost));
        }
        long endsAtMost = f.abandonments() + f.playbackStarts() + r.intentsAtMost();
        if (endsAtMost > 0 && 100.0 * f.abandonments() / endsAtMost > t.abandonmentPercent()) {
            lost.add(String.format(Locale.ROOT, "abandonment: %,d viewers who gave up already exceed %s %% of the %,d intents the"
                    + " night can end at most", f.abandonments(), number(t.abandonmentPercent()), endsAtMost));
        }
        long startsAtMost = f.playbackStarts() + r.intentsAtMost();
        if (startsAtMost > 0 && f.slowPlaybackStarts() > 0.01 * startsAtMost) {
            lost.add(String.format(Locale.ROOT, "playbackStartP99: %,d playback starts over %,d ms already exceed 1 %% of the %,d"
                    + " the night can make at most", f.slowPlaybackStarts(), t.playbackStartP99Millis(), startsAtMost));
        }
        if (startsAtMost > 0 && f.slowTimesToPlay() > 0.05 * startsAtMost) {
            lost.add(String.format(Locale.ROOT, "timeToPlayP95: %,d times to play over %,d ms already exceed 5 %% of the %,d the"
                    + " night can make at most", f.slowTimesToPlay(), t.timeToPlayP95Millis(), startsAtMost));
        }
        return lost;
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
