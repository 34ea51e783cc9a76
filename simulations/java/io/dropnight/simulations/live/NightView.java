package io.dropnight.simulations.live;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.RecentLatency;
import io.dropnight.simulations.watch.InjectorSample;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One injector's night as it stands, read by the live views (Prometheus' scrape, the live page)
 * while it runs and once more after it ends. Every method reads the night's own records (the
 * counters the SLOs use, the histograms client.hlog is written from), so that what is shown at the
 * end is what the run's files say. Implementations are thread-safe: a scrape may come at any time.
 */
public interface NightView {

    /** The night's label ({@code finale-drop}). */
    String night();

    /** The night's counters (viewers, requests, error pages, refreshes, give-ups, streams started). */
    ClientMetrics.Counts counts();

    /** Viewers in their journeys now. */
    long viewersActive();

    /** Viewers whose stream started and whose journey has not ended. */
    long viewersPlaying();

    /** Viewers the plan had started by now (0 before the first arrival; a closed model's viewers once in). */
    long plannedArrivals();

    /** Finished requests by {@code <endpoint>/<outcome>} (client.hlog's tags), in Prometheus' buckets. */
    Map<String, BucketCounts> requests();

    /**
     * Answers the journey does not describe, by {@code "<endpoint> <status>"} (status 0: none); each is
     * also one of {@link #requests()}' {@code failed}.
     */
    Map<String, Long> unclassified();

    /**
     * Latency percentiles of every request finished in the last few seconds; {@link RecentLatency#NONE}
     * where the view keeps none.
     */
    default RecentLatency recentLatency() {
        return RecentLatency.NONE;
    }

    /** Times to play so far. */
    BucketCounts timeToPlay();

    /** Each population's counters, by name; empty for a night of one population. */
    Map<String, ClientMetrics.Counts> populations();

    /** Seconds until the drop (negative after it); empty where the drop is not known. */
    OptionalDouble secondsToDrop();

    /** Seconds since the injection started; 0 before. */
    double secondsSinceStart();

    /** The injector watch's last second; empty before its first. */
    Optional<InjectorSample> injector();

    /** Transport errors so far by kind ({@code fileDescriptors}, ...); empty where they cannot be told apart. */
    Map<String, Long> transportErrors();

    /** Each SLO on the figures so far. */
    List<SloResult> slos();

    /** {@code pass}, {@code fail} or {@code inconclusive}: so far while it runs, the verdict once it has ended. */
    String verdict();

    /** Whether the night has ended (its files written). */
    boolean ended();
}
