package io.dropnight.report;

import io.dropnight.runfolder.ClientTags;

import io.dropnight.core.Endpoint;
import io.dropnight.metrics.HistogramTags;
import io.dropnight.metrics.RequestOutcome;
import io.dropnight.metrics.ServerMetrics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * A run folder turned into what the report draws: per night, per endpoint latency from both sides,
 * time to play and load over time. Client tags {@code <night>/time-to-play} are the time to play;
 * client tags {@code <night>/<endpoint>/<outcome>} (every finished request) are the client's view
 * of that endpoint and its per-second timeline; in older runs without them, any other client tag
 * {@code <night>/<endpoint>} is the client's view of that endpoint.
 *
 * @param data      the files it was built from
 * @param nights    sorted by name
 * @param dropAtSec the drop instant in seconds after the time origin (the server log's StartTime, or
 *                  the client log's without a server log), when both are known
 */
public record RunModel(RunData data, List<NightModel> nights, OptionalDouble dropAtSec) {
    public static final String TIME_TO_PLAY = ClientTags.TIME_TO_PLAY;

    public RunModel {
        nights = List.copyOf(nights);
    }

    /** Builds the model; never fails on a readable {@link RunData}. */
    public static RunModel of(RunData data) {
        Map<String, Histogram> server = data.server().mergedByTag();
        Map<String, Histogram> client = data.client().mergedByTag();
        TreeSet<String> nightNames = new TreeSet<>();
        server.keySet().forEach(t -> nightNames.add(HistogramTags.split(t)[0]));
        client.keySet().forEach(t -> nightNames.add(HistogramTags.split(t)[0]));
        // The harness's own calls (drop moves, /metrics reads) are measured, but they are no night.
        nightNames.remove(io.dropnight.metrics.ScenarioLabels.HARNESS);
        List<NightModel> nights = new ArrayList<>();
        for (String night : nightNames) {
            nights.add(night(data, night, server, client));
        }
        return new RunModel(data, nights, dropAtSec(data));
    }

    private static NightModel night(RunData data, String night, Map<String, Histogram> server,
                                    Map<String, Histogram> client) {
        Map<String, EndpointAccumulator> byEndpoint = new TreeMap<>(ENDPOINT_ORDER);
        server.forEach((tag, h) -> {
            String[] p = HistogramTags.split(tag);
            if (p.length == 3 && p[0].equals(night)) {
                byEndpoint.computeIfAbsent(p[1], k -> new EndpointAccumulator()).addServer(p[2], h);
            }
        });
        Histogram timeToPlay = empty();
        boolean perOutcome = client.keySet().stream().anyMatch(t -> HistogramTags.split(t).length == 3
                && HistogramTags.split(t)[0].equals(night));
        for (Map.Entry<String, Histogram> e : client.entrySet()) {
            String[] p = HistogramTags.split(e.getKey());
            if (p.length == 2 && p[0].equals(night) && p[1].equals(TIME_TO_PLAY)) {
                timeToPlay = e.getValue();
            } else if (p.length == (perOutcome ? 3 : 2) && p[0].equals(night)) {
                byEndpoint.computeIfAbsent(p[1], k -> new EndpointAccumulator()).client.add(e.getValue());
            }
        }
        List<EndpointLatency> endpoints = new ArrayList<>();
        byEndpoint.forEach((name, acc) -> endpoints.add(acc.toLatency(name)));
        return new NightModel(night, endpoints, timeToPlay, LoadSeries.of(data.server(), night),
                ClientLoadSeries.of(data.client(), night, originMillis(data)));
    }

    /** The timelines' origin: the server log's start, or the client log's when there is no server log. */
    static long originMillis(RunData data) {
        return data.server().isEmpty() ? data.client().startMillis() : data.server().startMillis();
    }

    private static OptionalDouble dropAtSec(RunData data) {
        String dropAt = data.info("dropAt", "");
        if (dropAt.isEmpty() || (data.server().isEmpty() && data.client().isEmpty())) {
            return OptionalDouble.empty();
        }
        try {
            long dropMillis = Instant.parse(dropAt).toEpochMilli();
            return OptionalDouble.of((dropMillis - originMillis(data)) / 1000.0);
        } catch (DateTimeParseException e) {
            // A bad dropAt costs the marker, not the report; the page prints run.json's value as is.
            return OptionalDouble.empty();
        }
    }

    static Histogram empty() {
        return new Histogram(ServerMetrics.SIGNIFICANT_DIGITS);
    }

    /** Known endpoints in the service's order, then unknown names alphabetically. */
    static final Comparator<String> ENDPOINT_ORDER = Comparator
            .comparingInt(RunModel::endpointRank).thenComparing(Comparator.naturalOrder());

    private static int endpointRank(String name) {
        for (Endpoint e : Endpoint.values()) {
            if (e.metricName().equals(name)) {
                return e.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static final class EndpointAccumulator {
        final Histogram all = empty();
        final Histogram ok = empty();
        final Histogram client = empty();
        long errorPages;
        long rejected;

        void addServer(String outcomeName, Histogram h) {
            all.add(h);
            RequestOutcome outcome = LoadSeries.outcome(outcomeName);
            if (outcome == RequestOutcome.OK) {
                ok.add(h);
            } else if (outcome != null && outcome.isErrorPage()) {
                errorPages += h.getTotalCount();
                rejected += outcome == RequestOutcome.REJECTED ? h.getTotalCount() : 0;
            }
        }

        EndpointLatency toLatency(String name) {
            return new EndpointLatency(name, all, ok, client, errorPages, rejected);
        }
    }
}
