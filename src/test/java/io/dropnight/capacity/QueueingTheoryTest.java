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
        assertEquals(predicted, measured, 0.10 * predicted, String.format(Locale.ROOT,
                "measured %.3f ms, Erlang C predicts %.3f ms", measured * 1e3, predicted * 1e3));
    }
}
