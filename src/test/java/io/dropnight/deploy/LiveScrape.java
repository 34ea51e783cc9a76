package io.dropnight.deploy;

import io.dropnight.core.Endpoint;
import io.dropnight.metrics.BackendState;
import io.dropnight.metrics.BucketCounts;
import io.dropnight.metrics.RequestOutcome;
import io.dropnight.metrics.ScenarioLabels;
import io.dropnight.metrics.ServerMetrics;
import io.dropnight.metrics.ServiceExposition;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.live.InjectorCollector;
import io.dropnight.simulations.live.NightView;
import io.dropnight.simulations.watch.InjectorSample;
import io.dropnight.testing.PrometheusText;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Real scrapes, as Prometheus reads them: an injector's ({@link InjectorCollector} over a night in
 * which every figure is present: requests of every outcome, unclassified answers, populations, the
 * injector watch, transport errors, SLOs, the time to drop) and the service's
 * ({@link ServiceExposition} after requests of every outcome, with a policy that bounds admission
 * and queue), each written by client_java's text format writer. What the dashboard's and the
 * PodMonitor's tests check against.
 */
final class LiveScrape {
    /** The exposition, text format 0.0.4. */
    final String text;
    /** Each sample name ({@code dropnight_requests_total}, {@code ..._bucket}) with every label name it carries. */
    final Map<String, Set<String>> labelsBySample;

    private LiveScrape(String text) {
        this.text = text;
        this.labelsBySample = new LinkedHashMap<>();
        PrometheusText.parse(text).keySet().forEach(sample ->
                labelsBySample.computeIfAbsent(sample.name(), k -> new LinkedHashSet<>()).addAll(sample.labels().keySet()));
    }

    /** An injector's scrape in a night with every figure present. */
    static LiveScrape ofAnInjector() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new InjectorCollector(new FullNight()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LiveScrape(out.toString(StandardCharsets.UTF_8));
    }

    /** The service's {@code GET /metrics/prometheus} after a night's requests of every outcome. */
    static LiveScrape ofTheService() {
        ServerMetrics metrics = new ServerMetrics(new ScenarioLabels(), () -> 1_796_000_000_000L);
        for (Endpoint endpoint : List.of(Endpoint.TITLE, Endpoint.PLAYBACK_START)) {
            for (RequestOutcome outcome : RequestOutcome.values()) {
                metrics.record("finale-drop", endpoint, outcome, 40_000_000L);
            }
        }
        Map<Endpoint, Long> shed = new EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) {
            if (e.modelled()) {
                shed.put(e, 3L);
            }
        }
        BackendState backend = new BackendState("fixed", 64, OptionalInt.of(128), 60, 20, 80, OptionalInt.of(192), 1_600.0,
                1_000, 900, 2, shed, new BackendState.Cache(500, 20, 10), new BackendState.Fault(1.0, false));
        ServiceExposition exposition = new ServiceExposition(metrics, () -> backend);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            exposition.write(exposition.negotiate(null), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LiveScrape(out.toString(StandardCharsets.UTF_8));
    }

    /** This scrape and {@code other}'s, as one Prometheus holding both would. */
    LiveScrape and(LiveScrape other) {
        return new LiveScrape(text + other.text);
    }

    /** Every label name of every sample. */
    Set<String> allLabels() {
        Set<String> all = new LinkedHashSet<>();
        labelsBySample.values().forEach(all::addAll);
        return all;
    }

    /** A night in which every figure the collector can show is there. */
    private static final class FullNight implements NightView {
        @Override
        public String night() {
            return "finale-drop";
        }

        @Override
        public ClientMetrics.Counts counts() {
            return new ClientMetrics.Counts(120, 900, 40, 5, 30, 7, 100);
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
            Map<String, BucketCounts> byTag = new LinkedHashMap<>();
            for (String endpoint : List.of("title", "play")) {
                for (String outcome : List.of("ok", "error-page", "failed", "locked")) {
                    byTag.put(endpoint + "/" + outcome, latencies(1_500, 40_000, 900_000));
                }
            }
            return byTag;
        }

        @Override
        public Map<String, Long> unclassified() {
            return Map.of("play 418", 2L, "title 0", 1L);
        }

        @Override
        public BucketCounts timeToPlay() {
            return latencies(400_000, 2_500_000);
        }

        @Override
        public Map<String, ClientMetrics.Counts> populations() {
            return Map.of("fans", new ClientMetrics.Counts(70, 600, 30, 3, 20, 5, 60),
                    "casual", new ClientMetrics.Counts(50, 300, 10, 2, 10, 2, 40));
        }

        @Override
        public OptionalDouble secondsToDrop() {
            return OptionalDouble.of(-12.5);
        }

        @Override
        public double secondsSinceStart() {
            return 57.5;
        }

        @Override
        public Optional<InjectorSample> injector() {
            return Optional.of(new InjectorSample(57, 3_100, 20_000, 35.0, 61.0, 4, 120, 125, 3, 1, 0, 1, 0, 1));
        }

        @Override
        public Map<String, Long> transportErrors() {
            return Map.of("file-descriptors", 1L, "connect-refused", 1L, "other", 1L);
        }

        @Override
        public List<SloResult> slos() {
            return List.of(new SloResult("error-page-rate", "errorPageRatePercent", "<=", 5, 4.4, "%", true),
                    new SloResult("time-to-play-p95", "timeToPlayP95Millis", "<=", 2_000, 2_500, "ms", false));
        }

        @Override
        public String verdict() {
            return "fail";
        }

        @Override
        public boolean ended() {
            return false;
        }

        private static BucketCounts latencies(long... micros) {
            Histogram h = new Histogram(60_000_000L, 3);
            for (long v : micros) {
                h.recordValue(v);
            }
            return new BucketCounts().add(h);
        }
    }
}
