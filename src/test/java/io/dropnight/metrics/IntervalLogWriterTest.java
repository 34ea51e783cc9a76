package io.dropnight.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.core.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalLogWriterTest {
    private static final long START_MILLIS = 1_700_000_000_000L;

    @TempDir
    Path runDir;

    private final AtomicLong clockMillis = new AtomicLong(START_MILLIS);
    private final ServerMetrics metrics = new ServerMetrics(new ScenarioLabels(), clockMillis::get);

    private void recordSecond(int second) {
        for (int i = 0; i < 100 * second; i++) {
            metrics.record("premiere", Endpoint.HOME, RequestOutcome.OK, 1_000_000L + i * 1_000L);
        }
        metrics.record("premiere", Endpoint.HOME, RequestOutcome.REJECTED, 50_000L);
        metrics.record("browse", Endpoint.SEARCH, RequestOutcome.OK, 7_000_000L);
    }

    private void writeThreeSeconds(IntervalLogWriter writer) {
        for (int second = 1; second <= 3; second++) {
            recordSecond(second);
            clockMillis.addAndGet(1_000);
            writer.writeInterval();
        }
    }

    @Test
    void writesIntervalsThatHistogramLogReaderReadsBackWithTagsAndTimestamps() throws Exception {
        try (IntervalLogWriter writer = IntervalLogWriter.open(metrics, runDir, clockMillis::get)) {
            writeThreeSeconds(writer);
        }
        Map<String, Long> countByTag = new HashMap<>();
        Map<String, Integer> intervalsByTag = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(runDir.resolve("server.hlog").toFile());
        try {
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                countByTag.merge(h.getTag(), ((Histogram) h).getTotalCount(), Long::sum);
                intervalsByTag.merge(h.getTag(), 1, Integer::sum);
                assertEquals(1_000, h.getEndTimeStamp() - h.getStartTimeStamp(), "one-second intervals");
                assertTrue(h.getStartTimeStamp() >= START_MILLIS, "absolute timestamps");
            }
            assertEquals(START_MILLIS / 1000.0, reader.getStartTimeSec(), 1e-9);
        } finally {
            reader.close();
        }
        assertEquals(Map.of("premiere/home/ok", 600L, "premiere/home/rejected", 3L, "browse/search/ok", 3L),
                countByTag);
        assertEquals(3, intervalsByTag.get("premiere/home/ok"));
    }

    @Test
    void flushesEachIntervalSoAKilledProcessKeepsCompletedSeconds() throws Exception {
        IntervalLogWriter writer = IntervalLogWriter.open(metrics, runDir, clockMillis::get);
        recordSecond(1);
        clockMillis.addAndGet(1_000);
        writer.writeInterval();
        // Read while the writer is still open, as after a kill -9.
        List<String> lines = Files.readAllLines(runDir.resolve("server.hlog"), StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Tag=premiere/home/ok,0.000,1.000,")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[StartTime: 1700000000.000")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\"StartTimestamp\"")), "legend");
        writer.close();
    }

    @Test
    void writesOnePercentileDistributionPerTagAndTheFinalSnapshotAtClose() throws Exception {
        try (IntervalLogWriter writer = IntervalLogWriter.open(metrics, runDir, clockMillis::get)) {
            writeThreeSeconds(writer);
            recordSecond(1); // recorded after the last tick: the final interval at close keeps it
        }
        Path hgrm = runDir.resolve("server/premiere_home_ok.hgrm");
        String text = Files.readString(hgrm, StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*Total count\\s+=\\s+700].*"), text);
        assertTrue(Files.exists(runDir.resolve("server/premiere_home_rejected.hgrm")));
        assertTrue(Files.exists(runDir.resolve("server/browse_search_ok.hgrm")));
        JsonNode json = new ObjectMapper().readTree(runDir.resolve("server-metrics.json").toFile());
        assertEquals(704, json.at("/scenarios/premiere/home/count").asLong());
        assertEquals(4, json.at("/scenarios/premiere/home/rejected").asLong());
    }

    @Test
    void producesALogThatHdrHistogramsOwnLogProcessorSummarisesPerTag() throws Exception {
        try (IntervalLogWriter writer = IntervalLogWriter.open(metrics, runDir, clockMillis::get)) {
            writeThreeSeconds(writer);
        }
        Path out = runDir.resolve("processed");
        HistogramLogProcessor processor = new HistogramLogProcessor(new String[] {
            "-i", runDir.resolve("server.hlog").toString(), "-o", out.toString(),
            "-tag", "premiere/home/ok", "-outputValueUnitRatio", "1000"});
        processor.run();
        String distribution = Files.readString(Path.of(out + ".hgrm"), StandardCharsets.UTF_8);
        assertTrue(distribution.matches("(?s).*Total count\\s+=\\s+600].*"), distribution);
        List<String> intervals = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(3, intervals.stream().filter(l -> l.matches("^\\s*\\d+\\.\\d+:.*")).count(),
                String.join("\n", intervals));
    }

    @Test
    void writesOnItsScheduleUntilClosed() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (IntervalLogWriter writer = IntervalLogWriter.open(metrics, runDir, System::currentTimeMillis)) {
            writer.start(scheduler, Duration.ofMillis(20));
            metrics.record("s", Endpoint.HOME, RequestOutcome.OK, 1_000);
            Path log = runDir.resolve("server.hlog");
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("Tag=s/home/ok,"));
            assertThrows(IllegalStateException.class, () -> writer.start(scheduler, Duration.ofSeconds(1)));
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void leavesTheIntervalLogUntouchedByAReset() throws Exception {
        try (IntervalLogWriter writer = IntervalLogWriter.open(metrics, runDir, clockMillis::get)) {
            recordSecond(1);
            metrics.reset();
            clockMillis.addAndGet(1_000);
            writer.writeInterval();
        }
        String log = Files.readString(runDir.resolve("server.hlog"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Tag=premiere/home/ok,"));
        JsonNode json = new ObjectMapper().readTree(runDir.resolve("server-metrics.json").toFile());
        assertFalse(json.at("/scenarios").has("premiere"));
    }
}
