package io.dropnight.simulations.client;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live page's latency of the last seconds: every endpoint's intervals of a second, a window of seconds. */
class RecentLatenciesTest {

    private static Histogram micros(long value, long count) {
        Histogram h = ClientMetrics.newHistogram();
        h.recordValueWithCount(value, count);
        return h;
    }

    @Test
    void mergesEveryIntervalOfTheWindowsSeconds() {
        RecentLatencies r = new RecentLatencies(3);
        r.startSecond();
        r.add(micros(1_000, 50)); // home/ok
        r.add(micros(100_000, 49)); // playback-start/ok
        r.startSecond();
        r.add(micros(2_000_000, 1)); // a failure two seconds long
        RecentLatency l = r.latency();
        assertEquals(100, l.requests());
        assertEquals(2, l.seconds());
        assertEquals(1.0, l.p50Ms(), 0.01);
        assertEquals(100.0, l.p90Ms(), 0.1);
        assertEquals(100.0, l.p99Ms(), 0.1, "the 99th of 100 values is the last playback start");
    }

    @Test
    void aSecondLeavesTheWindowOnceItIsFull() {
        RecentLatencies r = new RecentLatencies(3);
        r.startSecond();
        r.add(micros(5_000_000, 10)); // a slow second
        r.startSecond();
        r.add(micros(1_000, 10));
        r.startSecond();
        assertEquals(5_000, r.latency().p99Ms(), 5, "the slow second is still in the window");
        r.startSecond();
        RecentLatency l = r.latency();
        assertEquals(10, l.requests(), "the slow second has left");
        assertEquals(3, l.seconds());
        assertEquals(1.0, l.p99Ms(), 0.01);
    }

    @Test
    void anEmptyWindowHasNoPercentiles() {
        RecentLatencies r = new RecentLatencies(5);
        r.startSecond();
        RecentLatency l = r.latency();
        assertEquals(0, l.requests());
        assertFalse(Double.isFinite(l.p50Ms()));
        assertFalse(Double.isFinite(l.p99Ms()));
    }

    @Test
    void refusesAnEmptyWindowAndAnAddBeforeTheFirstSecond() {
        assertThrows(IllegalArgumentException.class, () -> new RecentLatencies(0));
        assertThrows(IllegalStateException.class, () -> new RecentLatencies(2).add(micros(1, 1)));
    }

    @Test
    void theClientLogKeepsTheLastSecondsOfEveryEndpoint(@TempDir Path dir) throws Exception {
        ClientMetrics m = new ClientMetrics();
        ClientHistogramLog log = new ClientHistogramLog(dir.resolve("client.hlog"), "finale-drop", m);
        assertEquals(0, log.recentLatency().requests(), "nothing finished yet");
        for (int i = 0; i < 98; i++) {
            m.requestEnded("home", ClientOutcome.OK, 2_000_000L);
        }
        m.requestEnded("playback-start", ClientOutcome.ERROR_PAGE, 300_000_000L);
        m.requestEnded("heartbeat", ClientOutcome.NO_RESPONSE, 900_000_000L);
        log.close(); // takes the last interval
        RecentLatency l = log.recentLatency();
        assertEquals(100, l.requests(), "every endpoint and outcome");
        assertEquals(2.0, l.p50Ms(), 0.01);
        assertTrue(l.p99Ms() >= 299 && l.p99Ms() <= 301, "the error page's latency: " + l);
    }
}
