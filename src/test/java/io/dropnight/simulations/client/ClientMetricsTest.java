package io.dropnight.simulations.client;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Client-side counters and the two latency recorders, with literal values. */
class ClientMetricsTest {

    @Test
    void injectorErrorsAreCountedApartAndOnlyTheFirstIsToldAsItHappens() {
        ClientMetrics m = new ClientMetrics();
        assertEquals(Optional.of("injector error in choose-episode: IllegalStateException: boom"),
                m.injectorError("choose-episode", "IllegalStateException: boom"));
        assertEquals(Optional.empty(), m.injectorError("playback-start", "the request cannot be built"));
        assertEquals(2, m.injectorErrors());
        assertEquals(Optional.of("injector error in choose-episode: IllegalStateException: boom"), m.firstInjectorError());
        assertEquals(new ClientMetrics.Counts(0, 0, 0, 0, 0, 0, 0), m.counts(), "no outcome of the target's is counted");
        assertEquals(0, m.noResponses());
    }


    @Test
    void countsWhatViewersDid() {
        ClientMetrics m = new ClientMetrics();
        for (int i = 0; i < 4; i++) {
            m.userStarted();
        }
        for (int i = 0; i < 50; i++) {
            m.requestSent();
        }
        m.errorPageSeen();
        m.errorPageSeen();
        m.requestFailed();
        m.refreshed();
        m.refreshed();
        m.refreshed();
        m.abandoned();
        m.playbackStarted(120_000_000L, 2_500_000_000L);
        m.playbackStarted(80_000_000L, 900_000_000L);
        m.playbackStarted(100_000_000L, 1_000_000_000L);

        ClientMetrics.Counts c = m.counts();
        assertEquals(new ClientMetrics.Counts(4, 50, 2, 1, 3, 1, 3), c);
        assertEquals(4.0, c.errorPageRatePercent(), "2 error pages in 50 requests");
        assertEquals(25.0, c.abandonmentPercent(), "1 abandoned of 4 ended play intents");
    }

    @Test
    void ratesAreZeroWhenNothingHappened() {
        ClientMetrics.Counts none = new ClientMetrics().counts();
        assertEquals(0.0, none.errorPageRatePercent());
        assertEquals(0.0, none.abandonmentPercent());
    }

    @Test
    void recordsLatenciesInMicrosecondsClampedToZeroAndOneHour() {
        ClientMetrics m = new ClientMetrics();
        m.playbackStarted(1_500_000L, 2_047_999L);   // 1,500 µs and 2,047 µs: exact below 2,048
        m.playbackStarted(-5_000_000L, 7_200_000_000_000L); // a clock step back; two hours
        Histogram start = m.playbackStartMicros.getIntervalHistogram();
        Histogram toPlay = m.timeToPlayMicros.getIntervalHistogram();
        assertEquals(2, start.getTotalCount());
        assertEquals(0, start.getMinValue(), "a negative latency is recorded as 0");
        assertEquals(1_500, start.getMaxValue());
        assertEquals(2_047, toPlay.getMinValue());
        // One hour (3.6e9 µs) reads back as the top of its 3-digit bucket (width 2,097,152 µs there).
        assertEquals(3_600_809_983L, toPlay.getMaxValue(), "two hours are recorded as one hour");
    }
}
