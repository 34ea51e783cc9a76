package io.dropnight.deploy;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.live.InjectorCollector;
import io.dropnight.simulations.live.NightView;
import io.dropnight.simulations.watch.InjectorSample;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real scrape of an injector: {@link InjectorCollector} over a night in which every figure is
 * present (requests of every outcome, populations, the injector watch, transport errors, SLOs, the
 * time to drop), registered in a {@link PrometheusRegistry} and written by client_java's text format
 * writer, as Prometheus reads it. What the dashboard's and the PodMonitor's tests check against.
 */
final class InjectorScrape {
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    /** The exposition, text format 0.0.4. */
    final String text;
    /** Each sample name ({@code dropnight_requests_total}, {@code ..._bucket}) with every label name it carries. */
    final Map<String, Set<String>> labelsBySample;

    private InjectorScrape(String text) {
        this.text = text;
        this.labelsBySample = parse(text);
    }

    /** A scrape of a night with every figure present. */
    static InjectorScrape ofAFullNight() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new InjectorCollector(new FullNight()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new InjectorScrape(out.toString(StandardCharsets.UTF_8));
    }

    /** Every label name of every sample. */
    Set<String> allLabels() {
        Set<String> all = new LinkedHashSet<>();
        labelsBySample.values().forEach(all::addAll);
        return all;
    }

    private static Map<String, Set<String>> parse(String text) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Set<String> labels = out.computeIfAbsent(name, k -> new LinkedHashSet<>());
            if (brace >= 0 && brace < space) {
                Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (m.find()) {
                    labels.add(m.group(1));
                }
            }
        }
        return out;
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
