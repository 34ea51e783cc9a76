package io.dropnight.learn.night;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The endpoints a population called, most requested first: requests, per viewer, error answers, durations. Stateless past construction. */
final class Mix {
    private final LogFacts facts;

    Mix(LogFacts facts) {
        this.facts = facts;
    }

    List<LearnedNight.EndpointMix> of(int population, long viewers) {
        List<LearnedNight.EndpointMix> rows = new ArrayList<>();
        long[] requests = facts.requests()[population];
        for (int id = 0; id < requests.length; id++) {
            if (requests[id] == 0) {
                continue;
            }
            String name = id < facts.endpoints().size() ? facts.endpoints().get(id) : Endpoints.OTHER;
            Histogram d = facts.durations()[id];
            rows.add(new LearnedNight.EndpointMix(name, requests[id], viewers == 0 ? 0 : (double) requests[id] / viewers,
                    facts.errorAnswers()[population][id], d == null ? -1 : d.getValueAtPercentile(50),
                    d == null ? -1 : d.getValueAtPercentile(99)));
        }
        rows.sort(Comparator.comparingLong(LearnedNight.EndpointMix::requests).reversed()
                .thenComparing(LearnedNight.EndpointMix::endpoint));
        return rows;
    }
}
