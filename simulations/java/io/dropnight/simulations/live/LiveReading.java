package io.dropnight.simulations.live;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.RecentLatency;
import io.dropnight.simulations.watch.InjectorSample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@link NightView} read once, at one instant: what one second of the live page is made of. The
 * requests are summed by outcome over the endpoints ({@code ok}, {@code error-page}, {@code failed},
 * {@code locked}). Immutable.
 *
 * @param atMillis          when it was read, epoch ms
 * @param night             the night's label
 * @param secondsSinceStart seconds since the injection started, 0 before
 * @param secondsToDrop     seconds to the drop, negative after it; empty where unknown
 * @param counts            the night's counters
 * @param plannedArrivals   viewers the plan had started by now
 * @param viewersActive     viewers in their journeys now
 * @param viewersPlaying    viewers whose stream started and whose journey has not ended
 * @param requestsByOutcome finished requests so far by outcome, in the order first met
 * @param latency           the last few seconds' latency
 * @param injector          the injector watch's last second, if any
 * @param transportErrors   transport errors so far by kind
 * @param slos              each SLO so far
 * @param verdict           the verdict so far, or the final one once ended
 * @param ended             whether the night has ended
 */
public record LiveReading(long atMillis, String night, double secondsSinceStart, OptionalDouble secondsToDrop,
                          ClientMetrics.Counts counts, long plannedArrivals, long viewersActive, long viewersPlaying,
                          Map<String, Long> requestsByOutcome, RecentLatency latency, Optional<InjectorSample> injector,
                          Map<String, Long> transportErrors, List<SloResult> slos, String verdict, boolean ended) {

    public LiveReading {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(secondsToDrop, "secondsToDrop");
        Objects.requireNonNull(counts, "counts");
        requestsByOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(requestsByOutcome, "requestsByOutcome")));
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(injector, "injector");
        transportErrors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(transportErrors, "transportErrors")));
        slos = List.copyOf(Objects.requireNonNull(slos, "slos"));
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Reads {@code view} now; {@code atMillis} is the reader's clock. */
    public static LiveReading of(NightView view, long atMillis) {
        return new LiveReading(atMillis, view.night(), view.secondsSinceStart(), view.secondsToDrop(), view.counts(),
                view.plannedArrivals(), view.viewersActive(), view.viewersPlaying(), byOutcome(view.requests()),
                view.recentLatency(), view.injector(), view.transportErrors(), view.slos(), view.verdict(), view.ended());
    }

    /** Sums {@code <endpoint>/<outcome>} counts by outcome. */
    static Map<String, Long> byOutcome(Map<String, BucketCounts> requests) {
        Map<String, Long> out = new LinkedHashMap<>();
        requests.forEach((tag, buckets) -> out.merge(tag.substring(tag.lastIndexOf('/') + 1), buckets.count(), Long::sum));
        return out;
    }

    /** Finished requests of {@code outcome} so far, 0 when none. */
    public long requests(String outcome) {
        return requestsByOutcome.getOrDefault(outcome, 0L);
    }
}
