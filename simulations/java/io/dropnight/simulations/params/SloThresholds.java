package io.dropnight.simulations.params;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The service-level objectives a night is held to. Immutable.
 *
 * @param playbackStartP99Millis p99 of the playback-start request, milliseconds ({@code -Dslo.playbackStartP99Ms})
 * @param timeToPlayP95Millis    p95 of time to play (intent to a started stream, refreshes included),
 *                               milliseconds ({@code -Dslo.timeToPlayP95Ms})
 * @param errorPageRatePercent   share of requests answered with the error page, percent ({@code -Dslo.errorPageRatePct})
 * @param abandonmentPercent     share of viewers who gave up before playing, percent ({@code -Dslo.abandonmentPct})
 */
public record SloThresholds(long playbackStartP99Millis, long timeToPlayP95Millis,
                            double errorPageRatePercent, double abandonmentPercent) {

    public static final String PLAYBACK_START_P99 = "slo.playbackStartP99Ms";
    public static final String TIME_TO_PLAY_P95 = "slo.timeToPlayP95Ms";
    public static final String ERROR_PAGE_RATE = "slo.errorPageRatePct";
    public static final String ABANDONMENT = "slo.abandonmentPct";

    public SloThresholds {
        positiveMillis(PLAYBACK_START_P99, playbackStartP99Millis);
        positiveMillis(TIME_TO_PLAY_P95, timeToPlayP95Millis);
        Values.between(ERROR_PAGE_RATE, errorPageRatePercent, 0, 100);
        Values.between(ABANDONMENT, abandonmentPercent, 0, 100);
    }

    /**
     * The thresholds {@code get} gives (a property's value by its name, null when unset), each unset
     * one at its default; for a night file's SLOs beneath the flags.
     */
    public static SloThresholds from(UnaryOperator<String> get) {
        return fromProperties(get);
    }

    static SloThresholds fromProperties(UnaryOperator<String> get) {
        return new SloThresholds(
                Values.whole(PLAYBACK_START_P99, Values.orElse(get.apply(PLAYBACK_START_P99), "800")),
                Values.whole(TIME_TO_PLAY_P95, Values.orElse(get.apply(TIME_TO_PLAY_P95), "3000")),
                Values.number(ERROR_PAGE_RATE, Values.orElse(get.apply(ERROR_PAGE_RATE), "1")),
                Values.number(ABANDONMENT, Values.orElse(get.apply(ABANDONMENT), "0.5")));
    }

    /** The same thresholds as properties {@link #fromProperties} reads back to an equal value. */
    void putInto(Map<String, String> props) {
        props.put(PLAYBACK_START_P99, Long.toString(playbackStartP99Millis));
        props.put(TIME_TO_PLAY_P95, Long.toString(timeToPlayP95Millis));
        props.put(ERROR_PAGE_RATE, Double.toString(errorPageRatePercent));
        props.put(ABANDONMENT, Double.toString(abandonmentPercent));
    }

    private static void positiveMillis(String property, long value) {
        if (value < 1 || value > 3_600_000) {
            throw new ParameterException(property, value, "must be a whole number of milliseconds from 1 to 3600000");
        }
    }
}
