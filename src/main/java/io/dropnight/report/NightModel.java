package io.dropnight.report;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What the report shows for one night (one scenario label).
 *
 * @param night      the scenario label
 * @param endpoints  per endpoint, in the service's endpoint order
 * @param timeToPlay the client's time to play, microseconds; empty when not measured
 * @param load       per-interval load from the server log
 * @param clientLoad per-second outcomes from the client log (empty for runs that did not log them)
 */
public record NightModel(String night, List<EndpointLatency> endpoints, Histogram timeToPlay, LoadSeries load,
                         ClientLoadSeries clientLoad) {

    public NightModel {
        endpoints = List.copyOf(endpoints);
    }

    /** The endpoint called {@code name}, or null. */
    public EndpointLatency endpoint(String name) {
        return endpoints.stream().filter(e -> e.endpoint().equals(name)).findFirst().orElse(null);
    }
}
