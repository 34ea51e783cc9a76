package io.dropnight.report;

import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.TaggedInterval;

import io.dropnight.metrics.HistogramTags;
import io.dropnight.metrics.RequestOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-interval load of one night from the server's interval log: offered (every request) and
 * accepted (ok) requests per second, rejections per second and the error-page rate. Immutable.
 *
 * @param points one per interval, in time order
 */
public record LoadSeries(List<Point> points) {

    /**
     * @param secondsSinceStart start of the interval, seconds after the log's StartTime
     * @param offeredPerSec     every request the server answered, per second
     * @param acceptedPerSec    requests that ended ok, per second
     * @param rejectedPerSec    requests shed by the overload policy, per second
     * @param errorPagePercent  error pages (rejections included) per request, percent; 0 when idle
     */
    public record Point(double secondsSinceStart, double offeredPerSec, double acceptedPerSec,
                        double rejectedPerSec, double errorPagePercent) {
    }

    public LoadSeries {
        points = List.copyOf(points);
    }

    /** Sums the intervals whose tag starts with {@code night/} by interval start time. */
    public static LoadSeries of(IntervalLog server, String night) {
        Map<Long, long[]> byStart = new TreeMap<>();
        Map<Long, Double> lengthSec = new TreeMap<>();
        for (TaggedInterval i : server.intervals()) {
            String[] parts = HistogramTags.split(i.tag());
            if (parts.length != 3 || !parts[0].equals(night)) {
                continue;
            }
            long[] counts = byStart.computeIfAbsent(i.startMillis(), s -> new long[RequestOutcome.values().length]);
            RequestOutcome outcome = outcome(parts[2]);
            if (outcome != null) {
                counts[outcome.ordinal()] += i.histogram().getTotalCount();
                lengthSec.merge(i.startMillis(), i.lengthSec(), Math::max);
            }
        }
        List<Point> points = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : byStart.entrySet()) {
            points.add(point((e.getKey() - server.startMillis()) / 1000.0, e.getValue(),
                    lengthSec.getOrDefault(e.getKey(), 1.0)));
        }
        return new LoadSeries(points);
    }

    private static Point point(double x, long[] counts, double lengthSec) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        long errorPages = counts[RequestOutcome.ERROR_PAGE.ordinal()] + counts[RequestOutcome.REJECTED.ordinal()];
        return new Point(x, total / lengthSec, counts[RequestOutcome.OK.ordinal()] / lengthSec,
                counts[RequestOutcome.REJECTED.ordinal()] / lengthSec, total == 0 ? 0.0 : 100.0 * errorPages / total);
    }

    /** The outcome whose tag name is {@code tagName}, or null for one this version does not know. */
    static RequestOutcome outcome(String tagName) {
        for (RequestOutcome o : RequestOutcome.values()) {
            if (o.tagName().equals(tagName)) {
                return o;
            }
        }
        return null;
    }
}
