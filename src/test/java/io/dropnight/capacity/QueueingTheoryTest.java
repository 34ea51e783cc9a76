package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.shedding.OverloadPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The virtual backend is an M/M/c queue when arrivals are Poisson and service times exponential:
 * its measured mean response time must match Erlang C.
 */
class QueueingTheoryTest {
    /**
     * 300,000 arrivals with fixed seeds: the runs land within 1 % of the prediction (printed per
     * case); 2 % leaves room for a change of seed without hiding a model that is off.
     */
    private static final double TOLERANCE = 0.02;

    @ParameterizedTest(name = "{0} slots at utilisation {1}")
    @CsvSource({"1, 0.7", "8, 0.75", "32, 0.8"})
    void meanResponseTimeMatchesErlangC(int slots, double utilisation) {
        double meanServiceSeconds = 0.010;
        double arrivalsPerSecond = utilisation * slots / meanServiceSeconds;
        double seconds = 300_000 / arrivalsPerSecond;
        VirtualClock clock = new VirtualClock();
        VirtualBackend backend = new VirtualBackend(OverloadPolicy.NONE,
                Models.uniform(slots, 0, "exp:10ms"), clock, 2024);
        OpenWorkload w = new OpenWorkload(clock, backend, 1789)
                .offer(Endpoint.TITLE, arrivalsPerSecond, Models.seconds(seconds)).drain();

        OpenWorkload.Tally t = w.total();
        double measured = t.meanLatencyNanos() / 1e9;
        double predicted = ErlangC.meanResponseSeconds(slots, arrivalsPerSecond, meanServiceSeconds);
        assertTrue(t.served > 290_000, "served " + t.served);
        String result = String.format(Locale.ROOT, "%d slots at %.2f: measured %.3f ms, Erlang C predicts %.3f ms (%+.2f %%)",
                slots, utilisation, measured * 1e3, predicted * 1e3, 100 * (measured - predicted) / predicted);
        System.out.println(result);
        assertEquals(predicted, measured, TOLERANCE * predicted, result);
    }
}
