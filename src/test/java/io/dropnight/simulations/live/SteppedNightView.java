package io.dropnight.simulations.live;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.RecentLatency;
import io.dropnight.simulations.watch.InjectorSample;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A night whose cumulative figures a test moves on by hand, second by second ({@link #step}): each
 * step adds arrivals, requests by endpoint and outcome, error pages, and moves the clock of the
 * drop. Not thread-safe: the test and the page it drives share one thread.
 */
final class SteppedNightView implements NightView {
    String night = "finale-drop";
    long users;
    long sent;
    long errorPages;
    long planned;
    long active;
    long playing;
    double secondsSinceStart;
    OptionalDouble secondsToDrop = OptionalDouble.of(10);
    final Map<String, Long> finished = new LinkedHashMap<>();
    RecentLatency latency = RecentLatency.NONE;
    Optional<InjectorSample> injector = Optional.empty();
    List<SloResult> slos = List.of(SloResult.atMost("errorPageRate", "error pages per request", 1.0, 0, "%"));
    String verdict = "pass";
    boolean ended;

    /** One second more: {@code arrivals} viewers, {@code ok} good answers, {@code errors} error pages. */
    SteppedNightView step(long arrivals, long ok, long errors) {
        users += arrivals;
        planned += arrivals;
        sent += ok + errors;
        errorPages += errors;
        finished.merge("home/ok", ok, Long::sum);
        finished.merge("home/error-page", errors, Long::sum);
        active += arrivals;
        secondsSinceStart += 1;
        secondsToDrop = OptionalDouble.of(secondsToDrop.orElse(0) - 1);
        return this;
    }

    @Override
    public String night() {
        return night;
    }

    @Override
    public ClientMetrics.Counts counts() {
        return new ClientMetrics.Counts(users, sent, errorPages, 0, 0, 0, 0);
    }

    @Override
    public long viewersActive() {
        return active;
    }

    @Override
    public long viewersPlaying() {
        return playing;
    }

    @Override
    public long plannedArrivals() {
        return planned;
    }

    @Override
    public Map<String, BucketCounts> requests() {
        Map<String, BucketCounts> out = new LinkedHashMap<>();
        finished.forEach((tag, n) -> {
            Histogram h = new Histogram(3_600_000_000L, 3);
            h.recordValueWithCount(1_000, n);
            out.put(tag, new BucketCounts().add(h));
        });
        return out;
    }

    @Override
    public Map<String, Long> unclassified() {
        return Map.of();
    }

    @Override
    public RecentLatency recentLatency() {
        return latency;
    }

    @Override
    public BucketCounts timeToPlay() {
        return new BucketCounts();
    }

    @Override
    public Map<String, ClientMetrics.Counts> populations() {
        return Map.of();
    }

    @Override
    public OptionalDouble secondsToDrop() {
        return secondsToDrop;
    }

    @Override
    public double secondsSinceStart() {
        return secondsSinceStart;
    }

    @Override
    public Optional<InjectorSample> injector() {
        return injector;
    }

    @Override
    public Map<String, Long> transportErrors() {
        return Map.of();
    }

    @Override
    public List<SloResult> slos() {
        return slos;
    }

    @Override
    public String verdict() {
        return verdict;
    }

    @Override
    public boolean ended() {
        return ended;
    }
}
