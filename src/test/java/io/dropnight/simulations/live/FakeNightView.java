package io.dropnight.simulations.live;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.watch.InjectorSample;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** A night with every figure present, set by the test. */
final class FakeNightView implements NightView {
    ClientMetrics.Counts counts = new ClientMetrics.Counts(120, 900, 12, 3, 10, 4, 100);
    Map<String, BucketCounts> requests = new LinkedHashMap<>();
    Map<String, ClientMetrics.Counts> populations = new LinkedHashMap<>();
    String verdict = "pass";
    boolean ended;
    OptionalDouble secondsToDrop = OptionalDouble.of(-3.5);

    FakeNightView() {
        requests.put("home/ok", buckets(600, 20_000));
        requests.put("home/error-page", buckets(12, 5_000));
        requests.put("playback-start/ok", buckets(100, 400_000));
        requests.put("playback-start/failed", buckets(3, 30_000_000));
        populations.put("finale/waiting", new ClientMetrics.Counts(100, 800, 10, 3, 8, 4, 90));
        populations.put("finale/arrivals", new ClientMetrics.Counts(20, 100, 2, 0, 2, 0, 10));
    }

    static BucketCounts buckets(int n, long micros) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        h.recordValueWithCount(micros, n);
        return new BucketCounts().add(h);
    }

    @Override
    public String night() {
        return "finale-drop";
    }

    @Override
    public ClientMetrics.Counts counts() {
        return counts;
    }

    @Override
    public long viewersActive() {
        return 80;
    }

    @Override
    public long viewersPlaying() {
        return 60;
    }

    @Override
    public long plannedArrivals() {
        return 125;
    }

    @Override
    public Map<String, BucketCounts> requests() {
        return requests;
    }

    @Override
    public Map<String, Long> unclassified() {
        return Map.of("playback-start 418", 3L);
    }

    @Override
    public BucketCounts timeToPlay() {
        return buckets(100, 2_000_000);
    }

    @Override
    public Map<String, ClientMetrics.Counts> populations() {
        return populations;
    }

    @Override
    public OptionalDouble secondsToDrop() {
        return secondsToDrop;
    }

    @Override
    public double secondsSinceStart() {
        return 42;
    }

    @Override
    public Optional<InjectorSample> injector() {
        return Optional.of(new InjectorSample(42, 300, 20_000, 55.0, 80.0, 3, 120, 125, 1, 0, 0, 0, 0, 1));
    }

    @Override
    public Map<String, Long> transportErrors() {
        return Map.of("other", 1L, "file-descriptors", 0L);
    }

    @Override
    public List<SloResult> slos() {
        return List.of(new SloResult("errorPageRate", "error pages", "<=", 1.0, 1.333, "%", false),
                new SloResult("playbackStartP99", "playback start p99", "<=", 1000, 400, "ms", true));
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
