package io.dropnight.simulations;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientHistogramLog;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.PopulationFigures;
import io.dropnight.simulations.client.RecentLatency;
import io.dropnight.simulations.live.NightView;
import io.dropnight.simulations.slo.NightSlos;
import io.dropnight.simulations.watch.InjectorGuard;
import io.dropnight.simulations.watch.InjectorSample;
import io.dropnight.simulations.watch.PlannedArrivals;
import io.dropnight.simulations.watch.TransportErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A {@link NightRun} as the live views read it: its own records (ClientMetrics' counters,
 * client.hlog's totals, the populations' counters, the injector watch), nothing kept apart.
 * Thread-safe: every source is.
 */
final class NightRunView implements NightView {
    private final String night;
    private final ClientMetrics metrics;
    private final ClientHistogramLog clientLog;
    private final Map<String, PopulationFigures> populations;
    private final PlannedArrivals planned;
    private final InjectorGuard guard;
    private final NightSlos slos;
    private final Supplier<Optional<Instant>> dropAt;
    private final LongSupplier injectionStartNanos;
    private final Supplier<Optional<SloReport>> finalVerdict;
    private final Clock clock;

    NightRunView(String night, ClientMetrics metrics, ClientHistogramLog clientLog, Map<String, PopulationFigures> populations,
                 PlannedArrivals planned, InjectorGuard guard, NightSlos slos, Supplier<Optional<Instant>> dropAt,
                 LongSupplier injectionStartNanos, Supplier<Optional<SloReport>> finalVerdict, Clock clock) {
        this.night = night;
        this.metrics = metrics;
        this.clientLog = clientLog;
        this.populations = populations;
        this.planned = planned;
        this.guard = guard;
        this.slos = slos;
        this.dropAt = dropAt;
        this.injectionStartNanos = injectionStartNanos;
        this.finalVerdict = finalVerdict;
        this.clock = clock;
    }

    @Override
    public String night() {
        return night;
    }

    @Override
    public ClientMetrics.Counts counts() {
        return metrics.counts();
    }

    @Override
    public long viewersActive() {
        return metrics.viewersActive();
    }

    @Override
    public long viewersPlaying() {
        return metrics.viewersPlayingNow();
    }

    @Override
    public long plannedArrivals() {
        // the injector watch's clock, without its lag grace
        return planned.byNow(metrics.firstUserNanos(), System.nanoTime(), Duration.ZERO);
    }

    @Override
    public Map<String, BucketCounts> requests() {
        return clientLog.requestTotals();
    }

    @Override
    public Map<String, Long> unclassified() {
        return metrics.unclassifiedAnswers();
    }

    @Override
    public RecentLatency recentLatency() {
        return clientLog.recentLatency();
    }

    @Override
    public BucketCounts timeToPlay() {
        return clientLog.timeToPlayBuckets();
    }

    @Override
    public Map<String, ClientMetrics.Counts> populations() {
        if (populations.size() < 2) {
            return Map.of();
        }
        Map<String, ClientMetrics.Counts> out = new LinkedHashMap<>();
        // copied under the map's own lock: figuresOf adds to it while Gatling builds the night
        synchronized (populations) {
            populations.forEach((name, f) -> out.put(name, f.counts()));
        }
        return out;
    }

    @Override
    public OptionalDouble secondsToDrop() {
        return dropAt.get().map(d -> OptionalDouble.of(Duration.between(clock.instant(), d).toMillis() / 1000.0))
                .orElse(OptionalDouble.empty());
    }

    @Override
    public double secondsSinceStart() {
        long start = injectionStartNanos.getAsLong();
        return start == 0 ? 0 : (System.nanoTime() - start) / 1e9;
    }

    @Override
    public Optional<InjectorSample> injector() {
        return guard.latest();
    }

    @Override
    public Map<String, Long> transportErrors() {
        Map<String, Long> out = new LinkedHashMap<>();
        guard.transportErrors().ifPresent(t -> {
            for (TransportErrors.Kind k : TransportErrors.Kind.values()) {
                out.put(k.name().toLowerCase(Locale.ROOT).replace('_', '-'), t.count(k));
            }
        });
        return out;
    }

    /**
     * Each SLO on the figures so far. While the night runs, a latency SLO without a sample yet (no
     * stream started) is not held against the night: it is met so far, with no ratio; once ended,
     * the verdict's own results.
     */
    @Override
    public List<SloResult> slos() {
        Optional<SloReport> done = finalVerdict.get();
        if (done.isPresent()) {
            return done.get().slos();
        }
        // One evaluation per second at most, whoever asks (a scrape asks twice: the SLOs, the verdict;
        // the live page once a second): each copies the two cumulative latency histograms.
        long now = System.nanoTime();
        SlosAt cached = lastSlos;
        if (cached != null && now - cached.nanos() < 1_000_000_000L) {
            return cached.slos();
        }
        List<SloResult> fresh = evaluateSoFar();
        lastSlos = new SlosAt(now, fresh);
        return fresh;
    }

    private record SlosAt(long nanos, List<SloResult> slos) {
    }

    private volatile SlosAt lastSlos;

    private List<SloResult> evaluateSoFar() {
        return slos.evaluate(clientLog.totalPlaybackStartMicros(), clientLog.totalTimeToPlayMicros(), metrics.counts()).stream()
                .map(r -> Double.isFinite(r.actual()) ? r : new SloResult(r.name(), r.metric(), r.comparator(), r.threshold(),
                        r.actual(), r.unit(), true))
                .toList();
    }

    @Override
    public String verdict() {
        Optional<SloReport> done = finalVerdict.get();
        if (done.isPresent()) {
            return done.get().verdict().jsonName();
        }
        if (guard.saturatedSoFar() || metrics.injectorErrors() > 0) {
            return "inconclusive";
        }
        return slos().stream().allMatch(SloResult::passed) ? "pass" : "fail";
    }

    @Override
    public boolean ended() {
        return finalVerdict.get().isPresent();
    }
}
