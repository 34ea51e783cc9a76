package io.dropnight.report;

import io.dropnight.runfolder.ClientTags;

import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.TaggedInterval;

import io.dropnight.metrics.HistogramTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-second outcomes of one night as the load generator saw them, from client.hlog's
 * {@code <night>/<endpoint>/<outcome>} histograms: the counts are the histograms' counts, so this
 * needs no server log (a run against an external target has none). Immutable.
 *
 * @param points one per second, in time order
 */
public record ClientLoadSeries(List<Point> points) {
    /** Outcome names as the client writes them. */
    static final String OK = ClientTags.OK;
    static final String ERROR_PAGE = ClientTags.ERROR_PAGE;
    static final String FAILED = ClientTags.FAILED;
    static final String LOCKED = ClientTags.LOCKED;

    /**
     * @param secondsSinceStart   start of the second, seconds after the report's time origin
     * @param sentPerSec          requests that ended in the second, whatever the outcome
     * @param answeredPerSec      requests answered as expected (ok, or a locked episode), per second
     * @param errorPagesPerSec    error pages seen, per second
     * @param failuresPerSec      transport errors, timeouts and unexpected statuses, per second
     */
    public record Point(double secondsSinceStart, double sentPerSec, double answeredPerSec,
                        double errorPagesPerSec, double failuresPerSec) {
    }

    public ClientLoadSeries {
        points = List.copyOf(points);
    }

    /**
     * Sums the night's endpoint/outcome intervals by second. The client takes each tag's interval a
     * few microseconds apart, so intervals are grouped by their start rounded to the second.
     *
     * @param originMillis the time origin of the report's timelines, epoch ms
     */
    public static ClientLoadSeries of(IntervalLog client, String night, long originMillis) {
        Map<Long, long[]> bySecond = new TreeMap<>();
        for (TaggedInterval i : client.intervals()) {
            String[] parts = HistogramTags.split(i.tag());
            if (parts.length != 3 || !parts[0].equals(night)) {
                continue;
            }
            long second = Math.round((i.startMillis() - originMillis) / 1000.0);
            long[] c = bySecond.computeIfAbsent(second, s -> new long[4]);
            long n = i.histogram().getTotalCount();
            switch (parts[2]) {
                case OK, LOCKED -> c[0] += n;
                case ERROR_PAGE -> c[1] += n;
                case FAILED -> c[2] += n;
                default -> c[3] += n; // an outcome this version does not know: sent, nothing more
            }
        }
        List<Point> points = new ArrayList<>();
        bySecond.forEach((second, c) -> points.add(new Point(second, c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2])));
        return new ClientLoadSeries(points);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
