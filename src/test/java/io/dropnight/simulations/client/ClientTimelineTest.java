package io.dropnight.simulations.client;

import io.dropnight.runfolder.IntervalLog;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every finished request lands in client.hlog as <night>/<endpoint>/<outcome>, read by the server's reader. */
class ClientTimelineTest {

    @Test
    void requestsAreLoggedPerEndpointAndOutcomeWithTheirLatency(@TempDir Path dir) throws Exception {
        ClientMetrics m = new ClientMetrics();
        ClientHistogramLog log = new ClientHistogramLog(dir.resolve("client.hlog"), "finale-drop", m);
        m.requestEnded("home", ClientOutcome.OK, 12_000_000L);
        m.requestEnded("home", ClientOutcome.OK, 14_000_000L);
        m.requestEnded("home", ClientOutcome.ERROR_PAGE, 2_000_000L);
        m.requestEnded("playback-start", ClientOutcome.LOCKED, 5_000_000L);
        m.requestEnded("heartbeat", ClientOutcome.FAILED, 1_000_000L);
        m.requestEnded("heartbeat", ClientOutcome.NO_RESPONSE, 60_000_000_000L);
        log.close();

        Map<String, Histogram> byTag = IntervalLog.read(dir.resolve("client.hlog")).mergedByTag();
        assertEquals(2, byTag.get("finale-drop/home/ok").getTotalCount());
        assertEquals(14_000, byTag.get("finale-drop/home/ok").getMaxValue(), 14, "microseconds");
        assertEquals(1, byTag.get("finale-drop/home/error-page").getTotalCount());
        assertEquals(1, byTag.get("finale-drop/playback-start/locked").getTotalCount());
        assertEquals(2, byTag.get("finale-drop/heartbeat/failed").getTotalCount(), "no response is logged as failed");
        assertEquals(1, m.noResponses(), "and counted apart");
        assertTrue(byTag.containsKey("finale-drop/time-to-play"), "the SLOs' own tags stay");
    }

    @Test
    void endpointNamesPastTheCapAreLoggedAsOther() {
        ClientMetrics m = new ClientMetrics();
        for (int i = 0; i < ClientMetrics.MAX_ENDPOINTS + 3; i++) {
            m.requestEnded("step-" + i, ClientOutcome.OK, 1_000L);
        }
        m.requestEnded("step-0", ClientOutcome.OK, 1_000L);
        assertEquals(ClientMetrics.MAX_ENDPOINTS + 1, m.byEndpointOutcome.size(), m.byEndpointOutcome.keySet().toString());
        assertEquals(3, m.byEndpointOutcome.get(ClientMetrics.OTHER + "/ok").getIntervalHistogram().getTotalCount());
        assertEquals(2, m.byEndpointOutcome.get("step-0/ok").getIntervalHistogram().getTotalCount());
    }

    @Test
    void aNameWithASlashIsOtherEvenBeforeTheCapAndAnOverflowedNameStaysOther() {
        ClientMetrics m = new ClientMetrics();
        m.requestEnded("a/b", ClientOutcome.OK, 1_000L);
        m.requestEnded("home", ClientOutcome.OK, 1_000L);
        m.requestEnded("home", ClientOutcome.LOCKED, 1_000L);
        for (int i = 1; i < ClientMetrics.MAX_ENDPOINTS; i++) {
            m.requestEnded("step-" + i, ClientOutcome.OK, 1_000L);
        }
        // The cap is full (home and 15 steps): a new name, asked twice and with another outcome, is other.
        m.requestEnded("late", ClientOutcome.OK, 1_000L);
        m.requestEnded("late", ClientOutcome.OK, 1_000L);
        m.requestEnded("late", ClientOutcome.ERROR_PAGE, 1_000L);
        assertEquals(3, m.byEndpointOutcome.get(ClientMetrics.OTHER + "/ok").getIntervalHistogram().getTotalCount());
        assertEquals(1, m.byEndpointOutcome.get(ClientMetrics.OTHER + "/error-page").getIntervalHistogram().getTotalCount());
        assertEquals(1, m.byEndpointOutcome.get("home/ok").getIntervalHistogram().getTotalCount());
        assertEquals(1, m.byEndpointOutcome.get("home/locked").getIntervalHistogram().getTotalCount());
        assertTrue(m.byEndpointOutcome.keySet().stream().noneMatch(t -> t.startsWith("late") || t.startsWith("a/")),
                m.byEndpointOutcome.keySet().toString());
    }

    /**
     * Two intervals taken in the same millisecond (a fixed-rate ticker catching up after a stall)
     * once printed a length of -0.000, and a run's report could not read its own client.hlog.
     */
    @Test
    void anIntervalTakenInTheSameMillisecondAsTheLastReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.hlog");
        long base = 1_765_000_000_000L; // a base at which the old subtraction printed -0.000 for the second span
        try (java.io.PrintStream out = new java.io.PrintStream(file.toFile(), java.nio.charset.StandardCharsets.US_ASCII)) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(base);
            writer.setBaseTime(base);
            writer.outputBaseTime(base);
            writer.outputLegend();
            for (long[] span : new long[][] {{base + 4_999, base + 5_001}, {base + 5_001, base + 5_001}, {base - 3, base - 1}}) {
                Histogram h = new Histogram(3);
                h.recordValue(1_000);
                h.setStartTimeStamp(span[0]);
                h.setEndTimeStamp(span[1]);
                h.setTag("finale-drop/home/ok");
                ClientHistogramLog.write(writer, h);
            }
        }
        assertFalse(Files.readString(file).contains("-0.000"), Files.readString(file));
        assertEquals(3, IntervalLog.read(file).mergedByTag().get("finale-drop/home/ok").getTotalCount());
    }
}
