package io.dropnight.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution as HdrHistogram's plotter draws it: x is the "number of nines" of the
 * percentile ({@code -log10(1 - p)}: 1 is 90 %, 2 is 99 %, 3 is 99.9 %), y the latency in
 * milliseconds. The 100th percentile (the maximum) is placed at {@code log10(count)}, the finest
 * resolution the sample supports.
 */
public final class PercentileCurve {
    /** Points per halving of the distance to 100 %, as in HdrHistogram's percentile output. */
    static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentileCurve() {
    }

    /**
     * @param micros a histogram in microseconds
     * @return {@code [nines, milliseconds]} pairs in increasing order of nines; empty for an empty histogram
     */
    public static List<double[]> of(AbstractHistogram micros) {
        List<double[]> points = new ArrayList<>();
        long count = micros.getTotalCount();
        if (count == 0) {
            return points;
        }
        double maxNines = Math.log10(count);
        double lastNines = 0.0;
        for (HistogramIterationValue v : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double level = v.getPercentileLevelIteratedTo() / 100.0;
            double nines = level >= 1.0 ? Math.max(maxNines, lastNines) : -Math.log10(1.0 - level);
            lastNines = nines;
            points.add(new double[] {nines, micros.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0});
            if (level >= 1.0) {
                break;
            }
        }
        return points;
    }
}
