package io.dropnight.simulations.live;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.watch.InjectorSample;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * An injector's live figures in Prometheus' data model, read from a {@link NightView} on every
 * scrape: nothing is recorded for them on the viewers' hot path. Counters are the night's own
 * (client.hlog's per endpoint and outcome, the SLOs' counters), so that the last scrape after the
 * night equals the run's files exactly. Every series carries {@code night}; endpoints are at most
 * client.hlog's 16 (and {@code other}), outcomes {@code ok}, {@code error-page}, {@code failed},
 * {@code locked}; answers the journey does not describe are counted under {@code failed}, as in
 * client.hlog, and apart by status as {@code dropnight_unclassified_answers}.
 *
 * <p>Names are owned here ({@link #NAMES}); the Grafana dashboard's test checks its queries against
 * a scrape. Thread-safe: stateless beyond the view.
 */
public final class InjectorCollector implements MultiCollector {
    public static final String REQUESTS = "dropnight_requests";
    public static final String REQUEST_DURATION = "dropnight_request_duration_seconds";
    public static final String UNCLASSIFIED = "dropnight_unclassified_answers";
    public static final String TIME_TO_PLAY = "dropnight_time_to_play_seconds";
    public static final String VIEWERS_ARRIVED = "dropnight_viewers_arrived";
    public static final String VIEWERS_PLANNED = "dropnight_viewers_planned";
    public static final String VIEWERS_ACTIVE = "dropnight_viewers_active";
    public static final String VIEWERS_PLAYING = "dropnight_viewers_playing";
    public static final String VIEWERS_GAVE_UP = "dropnight_viewers_gave_up";
    public static final String PLAYBACK_STARTS = "dropnight_playback_starts";
    public static final String ERROR_PAGES = "dropnight_error_pages";
    public static final String REFRESHES = "dropnight_refreshes";
    public static final String POPULATION_VIEWERS = "dropnight_population_viewers_arrived";
    public static final String POPULATION_REQUESTS = "dropnight_population_requests";
    public static final String POPULATION_ERROR_PAGES = "dropnight_population_error_pages";
    public static final String POPULATION_GAVE_UP = "dropnight_population_viewers_gave_up";
    public static final String POPULATION_PLAYBACK_STARTS = "dropnight_population_playback_starts";
    public static final String SECONDS_TO_DROP = "dropnight_seconds_to_drop";
    public static final String SECONDS_SINCE_START = "dropnight_seconds_since_start";
    public static final String OPEN_FILES = "dropnight_injector_open_files";
    public static final String OPEN_FILES_LIMIT = "dropnight_injector_open_files_limit";
    public static final String CPU = "dropnight_injector_cpu_ratio";
    public static final String HOT_THREAD = "dropnight_injector_hot_thread_ratio";
    public static final String LAG = "dropnight_injector_lag_viewers";
    public static final String TRANSPORT_ERRORS = "dropnight_injector_transport_errors";
    public static final String SLO_RATIO = "dropnight_slo_ratio";
    public static final String SLO_MET = "dropnight_slo_met";
    public static final String VERDICT = "dropnight_verdict";
    public static final String ENDED = "dropnight_night_ended";
    /** Every metric family this collector can serve (a family appears once it has a data point). */
    public static final List<String> NAMES = List.of(REQUESTS, REQUEST_DURATION, UNCLASSIFIED, TIME_TO_PLAY, VIEWERS_ARRIVED, VIEWERS_PLANNED,
            VIEWERS_ACTIVE, VIEWERS_PLAYING, VIEWERS_GAVE_UP, PLAYBACK_STARTS, ERROR_PAGES, REFRESHES, POPULATION_VIEWERS,
            POPULATION_REQUESTS, POPULATION_ERROR_PAGES, POPULATION_GAVE_UP, POPULATION_PLAYBACK_STARTS, SECONDS_TO_DROP,
            SECONDS_SINCE_START, OPEN_FILES, OPEN_FILES_LIMIT, CPU, HOT_THREAD, LAG, TRANSPORT_ERRORS, SLO_RATIO, SLO_MET,
            VERDICT, ENDED);
    /** The verdict's states. */
    public static final List<String> VERDICTS = List.of("pass", "fail", "inconclusive");

    private final NightView view;

    public InjectorCollector(NightView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    public MetricSnapshots collect() {
        String night = view.night();
        Labels nightLabel = Labels.of("night", night);
        List<MetricSnapshot> out = new ArrayList<>();
        requests(night, out);
        out.add(HistogramSnapshot.builder().name(TIME_TO_PLAY).unit(Unit.SECONDS)
                .help("From a viewer's intent to play to the stream's start (the SLO's time to play)")
                .dataPoint(view.timeToPlay().dataPoint(nightLabel)).build());
        ClientMetrics.Counts c = view.counts();
        out.add(counter(VIEWERS_ARRIVED, "Viewers who started a journey", nightLabel, c.users()));
        out.add(counter(VIEWERS_PLANNED, "Viewers the plan had started by now", nightLabel, view.plannedArrivals()));
        out.add(gauge(VIEWERS_ACTIVE, "Viewers in their journeys now", nightLabel, view.viewersActive()));
        out.add(gauge(VIEWERS_PLAYING, "Viewers whose stream started and whose journey has not ended", nightLabel,
                view.viewersPlaying()));
        out.add(counter(VIEWERS_GAVE_UP, "Viewers who gave up", nightLabel, c.abandonments()));
        out.add(counter(PLAYBACK_STARTS, "Streams started", nightLabel, c.playbackStarts()));
        out.add(counter(ERROR_PAGES, "Answers that were the branded error page (the SLO's numerator)", nightLabel, c.errorPages()));
        out.add(counter(REFRESHES, "Refreshes after an error page or a failure", nightLabel, c.refreshes()));
        populations(night, out);
        view.secondsToDrop().ifPresent(s -> out.add(gauge(SECONDS_TO_DROP, "Seconds until the drop, negative after it",
                nightLabel, s)));
        out.add(gauge(SECONDS_SINCE_START, "Seconds since the injection started", nightLabel, view.secondsSinceStart()));
        injector(nightLabel, out);
        slos(night, out);
        out.add(StateSetSnapshot.builder().name(VERDICT).help("The night's verdict: so far while it runs, final once ended")
                .dataPoint(verdictPoint(nightLabel)).build());
        out.add(gauge(ENDED, "1 once the night has ended and its files are written", nightLabel, view.ended() ? 1 : 0));
        return new MetricSnapshots(out);
    }

    private void requests(String night, List<MetricSnapshot> out) {
        Map<String, BucketCounts> byTag = view.requests();
        if (byTag.isEmpty()) {
            return;
        }
        CounterSnapshot.Builder count = CounterSnapshot.builder().name(REQUESTS)
                .help("Finished requests by endpoint and outcome (client.hlog's counts)");
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name(REQUEST_DURATION).unit(Unit.SECONDS)
                .help("Latency from when a request was due to its end, by endpoint and outcome");
        byTag.forEach((tag, buckets) -> {
            int slash = tag.lastIndexOf('/');
            Labels l = Labels.of("night", night, "endpoint", tag.substring(0, slash), "outcome", tag.substring(slash + 1));
            count.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(buckets.count()).labels(l).build());
            latency.dataPoint(buckets.dataPoint(l));
        });
        out.add(count.build());
        out.add(latency.build());
        Map<String, Long> unclassified = view.unclassified();
        if (!unclassified.isEmpty()) {
            CounterSnapshot.Builder u = CounterSnapshot.builder().name(UNCLASSIFIED)
                    .help("Answers the journey does not describe, by endpoint and status (0: none); also counted as failed");
            // at most 16 endpoints (client.hlog's) with a handful of statuses each
            unclassified.forEach((key, n) -> {
                int space = key.lastIndexOf(' ');
                String endpoint = key.substring(0, space);
                if (byTag.containsKey(endpoint + "/" + io.dropnight.runfolder.ClientTags.FAILED)) {
                    u.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(n)
                            .labels(Labels.of("night", night, "endpoint", endpoint, "status", key.substring(space + 1))).build());
                }
            });
            out.add(u.build());
        }
    }

    private void populations(String night, List<MetricSnapshot> out) {
        Map<String, ClientMetrics.Counts> byName = view.populations();
        if (byName.isEmpty()) {
            return;
        }
        out.add(perPopulation(POPULATION_VIEWERS, "Viewers of a population who started a journey", night, byName,
                ClientMetrics.Counts::users));
        out.add(perPopulation(POPULATION_REQUESTS, "Requests a population sent", night, byName, ClientMetrics.Counts::requests));
        out.add(perPopulation(POPULATION_ERROR_PAGES, "Error pages a population saw", night, byName,
                ClientMetrics.Counts::errorPages));
        out.add(perPopulation(POPULATION_GAVE_UP, "Viewers of a population who gave up", night, byName,
                ClientMetrics.Counts::abandonments));
        out.add(perPopulation(POPULATION_PLAYBACK_STARTS, "Streams a population started", night, byName,
                ClientMetrics.Counts::playbackStarts));
    }

    private static CounterSnapshot perPopulation(String name, String help, String night, Map<String, ClientMetrics.Counts> byName,
                                                 ToLongFunction<ClientMetrics.Counts> figure) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        byName.forEach((population, counts) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .value(figure.applyAsLong(counts)).labels(Labels.of("night", night, "population", population)).build()));
        return b.build();
    }

    private void injector(Labels nightLabel, List<MetricSnapshot> out) {
        Optional<InjectorSample> last = view.injector();
        last.ifPresent(s -> {
            out.add(gauge(OPEN_FILES, "The injector JVM's open file descriptors", nightLabel, s.openFds()));
            if (s.fdLimit() > 0) {
                out.add(gauge(OPEN_FILES_LIMIT, "The injector JVM's soft limit of open files", nightLabel, s.fdLimit()));
            }
            out.add(gauge(CPU, "The injector JVM's CPU in the last second, share of all cores", nightLabel, s.cpuPercent() / 100));
            out.add(gauge(HOT_THREAD, "The injector's busiest thread's CPU in the last second, share of one core", nightLabel,
                    s.hotThreadPercent() / 100));
            out.add(gauge(LAG, "Viewers the plan had started (less the lag grace) that the injector had not", nightLabel,
                    Math.max(0, s.plannedViewers() - s.startedViewers())));
        });
        Map<String, Long> transport = view.transportErrors();
        if (!transport.isEmpty()) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(TRANSPORT_ERRORS)
                    .help("Requests that got no response, by the transport error's kind");
            transport.forEach((kind, n) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(n)
                    .labels(nightLabel.add("kind", kind)).build()));
            out.add(b.build());
        }
    }

    private void slos(String night, List<MetricSnapshot> out) {
        List<SloResult> results = view.slos();
        if (results.isEmpty()) {
            return;
        }
        GaugeSnapshot.Builder ratio = GaugeSnapshot.builder().name(SLO_RATIO)
                .help("Each SLO's actual over its bound so far (above 1: failing)");
        GaugeSnapshot.Builder met = GaugeSnapshot.builder().name(SLO_MET).help("1 while an SLO is met on the figures so far");
        for (SloResult r : results) {
            Labels l = Labels.of("night", night, "slo", r.name());
            double load = r.load();
            ratio.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(Double.isFinite(load) ? load : Double.NaN)
                    .labels(l).build());
            met.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(r.passed() ? 1 : 0).labels(l).build());
        }
        out.add(ratio.build());
        out.add(met.build());
    }

    private StateSetSnapshot.StateSetDataPointSnapshot verdictPoint(Labels nightLabel) {
        String verdict = view.verdict();
        StateSetSnapshot.StateSetDataPointSnapshot.Builder b = StateSetSnapshot.StateSetDataPointSnapshot.builder().labels(nightLabel);
        for (String state : VERDICTS) {
            b.state(state, state.equals(verdict));
        }
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, Labels labels, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(labels).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build()).build();
    }
}
