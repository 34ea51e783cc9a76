package io.dropnight.simulations.live;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the live page's timeline: what happened between two readings (rates per second,
 * from differences of the night's cumulative counters, over the time that really passed between
 * them), and the gauges at the second one. A figure that does not exist at that point (no request in
 * the second, no injector sample yet) is {@code NaN}. Immutable.
 *
 * @param atMillis                 the second reading's instant, epoch ms
 * @param second                   seconds since the injection started, at the second reading
 * @param arrivalsPerSecond        viewers who arrived, per second
 * @param plannedPerSecond         viewers the plan started, per second
 * @param requestsPerSecond        finished requests per second by outcome
 * @param errorPagePercent         error pages per request sent in the interval, percent
 * @param errorPagePercentSoFar    error pages per request sent since the start, percent (the SLO's figure)
 * @param viewersActive            viewers in their journeys
 * @param viewersPlaying           viewers playing
 * @param p50Ms                    median latency of the last few seconds, ms
 * @param p90Ms                    90th percentile of the last few seconds, ms
 * @param p99Ms                    99th percentile of the last few seconds, ms
 * @param cpuPercent               the injector JVM's CPU, percent of all cores
 * @param hotThreadPercent         its busiest thread's CPU, percent of one core
 * @param openFiles                its open file descriptors
 * @param lagViewers               viewers the plan had started (less the watch's grace) that the injector had not
 */
public record LivePoint(long atMillis, double second, double arrivalsPerSecond, double plannedPerSecond,
                        Map<String, Double> requestsPerSecond, double errorPagePercent, double errorPagePercentSoFar,
                        long viewersActive, long viewersPlaying, double p50Ms, double p90Ms, double p99Ms, double cpuPercent,
                        double hotThreadPercent, double openFiles, double lagViewers) {

    public LivePoint {
        requestsPerSecond = Collections.unmodifiableMap(new LinkedHashMap<>(requestsPerSecond));
    }

    /**
     * The point from {@code before} to {@code now}.
     *
     * @throws IllegalArgumentException when {@code now} is not after {@code before}
     */
    public static LivePoint between(LiveReading before, LiveReading now) {
        double seconds = (now.atMillis() - before.atMillis()) / 1000.0;
        if (seconds <= 0) {
            throw new IllegalArgumentException("a point needs a reading after the one before it: " + before.atMillis()
                    + " ms, then " + now.atMillis() + " ms");
        }
        Map<String, Double> requests = new LinkedHashMap<>();
        now.requestsByOutcome().forEach((outcome, n) -> requests.put(outcome, (n - before.requests(outcome)) / seconds));
        long sent = now.counts().requests() - before.counts().requests();
        long errorPages = now.counts().errorPages() - before.counts().errorPages();
        double lag = now.injector().map(s -> (double) Math.max(0, s.plannedViewers() - s.startedViewers())).orElse(Double.NaN);
        return new LivePoint(now.atMillis(), now.secondsSinceStart(), (now.counts().users() - before.counts().users()) / seconds,
                (now.plannedArrivals() - before.plannedArrivals()) / seconds, requests,
                sent > 0 ? 100.0 * errorPages / sent : Double.NaN, now.counts().errorPageRatePercent(),
                now.viewersActive(), now.viewersPlaying(), now.latency().p50Ms(), now.latency().p90Ms(), now.latency().p99Ms(),
                now.injector().map(s -> s.cpuPercent()).orElse(Double.NaN),
                now.injector().map(s -> s.hotThreadPercent()).orElse(Double.NaN),
                now.injector().map(s -> (double) s.openFds()).orElse(Double.NaN), lag);
    }
}
