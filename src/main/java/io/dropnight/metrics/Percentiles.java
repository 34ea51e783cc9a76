package io.dropnight.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * The one list of latency percentiles that Dropnight reports: in {@code GET /metrics}, in
 * {@code server-metrics.json} and in the HTML report's tables. Change it here and every consumer
 * follows.
 */
public final class Percentiles {

    /** p50, p90, p99 and p99.9, in that order; the maximum is always reported beside them. */
    public static final List<Percentile> REPORTED = List.of(
            new Percentile(50.0, "p50", "p50"),
            new Percentile(90.0, "p90", "p90"),
            new Percentile(99.0, "p99", "p99"),
            new Percentile(99.9, "p999", "p99.9"));

    /** JSON key of the maximum beside the percentiles' keys. */
    public static final String MAX_KEY = "maxMicros";

    private Percentiles() {
    }

    /**
     * One reported percentile.
     *
     * @param percentile between 0 and 100 exclusive, for example {@code 99.9}
     * @param key        short identifier used in JSON keys ({@code p999} gives {@code p999Micros})
     * @param label      what a person reads in a table header ({@code p99.9})
     */
    public record Percentile(double percentile, String key, String label) {
        public Percentile {
            if (!(percentile > 0 && percentile < 100)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "percentile %s must be between 0 and 100 exclusive", percentile));
            }
        }

        /** JSON key of this percentile for a histogram in microseconds, for example {@code p99Micros}. */
        public String microsKey() {
            return key + "Micros";
        }
    }

    /**
     * The reported percentiles and the maximum of a histogram, keyed by {@link Percentile#microsKey()}
     * and {@link #MAX_KEY}, in reporting order. Values are in the histogram's unit (microseconds
     * throughout Dropnight); an empty histogram gives zeros.
     */
    public static Map<String, Long> summarise(AbstractHistogram histogram) {
        Map<String, Long> out = new LinkedHashMap<>();
        boolean empty = histogram.getTotalCount() == 0;
        for (Percentile p : REPORTED) {
            out.put(p.microsKey(), empty ? 0L : histogram.getValueAtPercentile(p.percentile()));
        }
        out.put(MAX_KEY, empty ? 0L : histogram.getMaxValue());
        return out;
    }
}
