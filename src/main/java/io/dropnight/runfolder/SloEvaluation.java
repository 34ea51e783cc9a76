package io.dropnight.runfolder;

import java.util.List;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;

/**
 * The SLOs every night is held to, evaluated exactly on client-side histograms and counters: the
 * one evaluation that a simulation runs on its own run and {@code merge-runs} runs on the merged
 * histograms of several injectors (never on averages of their percentiles). Pure and thread-safe.
 */
public final class SloEvaluation {
    public static final String PLAYBACK_START_P99 = "playbackStartP99";
    public static final String TIME_TO_PLAY_P95 = "timeToPlayP95";
    public static final String ERROR_PAGE_RATE = "errorPageRate";
    public static final String ABANDONMENT = "abandonment";

    private SloEvaluation() {
    }

    /**
     * The bounds, as run.json's {@code parameters.slo} records them.
     *
     * @param playbackStartP99Ms playback-start p99, milliseconds
     * @param timeToPlayP95Ms    time-to-play p95, milliseconds
     * @param errorPageRatePct   error pages per request, percent
     * @param abandonmentPct     viewers who gave up per ended play intent, percent
     */
    public record Thresholds(double playbackStartP99Ms, double timeToPlayP95Ms, double errorPageRatePct,
                             double abandonmentPct) {
    }

    /**
     * The counters the rate SLOs are computed from.
     *
     * @param requests       requests sent (answered, timed out or failed)
     * @param errorPages     responses that carried the error page
     * @param abandonments   viewers who gave up
     * @param playbackStarts streams started
     */
    public record Counts(long requests, long errorPages, long abandonments, long playbackStarts) {

        /** Error pages per request, percent (0 when nothing was sent). */
        public double errorPageRatePercent() {
            return requests == 0 ? 0 : 100.0 * errorPages / requests;
        }

        /** Viewers who gave up per play intent that ended (started or abandoned), percent. */
        public double abandonmentPercent() {
            long ended = abandonments + playbackStarts;
            return ended == 0 ? 0 : 100.0 * abandonments / ended;
        }
    }

    /**
     * Evaluates the night's SLOs.
     *
     * @param night               the night's label, prefix of each metric's name
     * @param playbackStartMicros successful playback-start latencies, microseconds
     * @param timeToPlayMicros    times to play, microseconds
     */
    public static List<SloResult> evaluate(String night, Thresholds t, AbstractHistogram playbackStartMicros,
                                           AbstractHistogram timeToPlayMicros, Counts counts) {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(t, "thresholds");
        return List.of(
                SloResult.atMost(PLAYBACK_START_P99, night + "/playback-start p99", t.playbackStartP99Ms(),
                        millis(playbackStartMicros, 99.0), "ms"),
                SloResult.atMost(TIME_TO_PLAY_P95, night + "/time-to-play p95", t.timeToPlayP95Ms(),
                        millis(timeToPlayMicros, 95.0), "ms"),
                SloResult.atMost(ERROR_PAGE_RATE, night + " error pages per request", t.errorPageRatePct(),
                        counts.errorPageRatePercent(), "%"),
                SloResult.atMost(ABANDONMENT, night + " viewers who gave up", t.abandonmentPct(), counts.abandonmentPercent(), "%"));
    }

    /**
     * A percentile in milliseconds; with no sample at all the SLO cannot be met, so it reads as
     * infinite rather than a flattering zero.
     */
    public static double millis(AbstractHistogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
