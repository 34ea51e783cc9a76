package io.dropnight.simulations.plan;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A probe's figures come from the run folder's own readers, and say the same as HdrHistogram's reader. */
class ProbeFiguresTest {
    private static final Path RUN = Path.of("src/test/resources/fixtures/runs/20261124-015950-premiere-none");

    @Test
    void theBusiestSecondIsWhatHdrHistogramsOwnReaderCounts() throws Exception {
        Map<Long, Long> perSecond = new TreeMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(RUN.resolve("server.hlog").toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                AbstractHistogram histogram = (AbstractHistogram) h;
                perSecond.merge(histogram.getStartTimeStamp() / 1000, histogram.getTotalCount(), Long::sum);
            }
        }
        double busiest = perSecond.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(busiest > 0);
        assertEquals(OptionalDouble.of(busiest), ProbeFigures.peakPerSecond(RUN.resolve("server.hlog")));
    }

    @Test
    void missingOrUnreadableFilesLeaveTheirFigureEmpty(@TempDir Path dir) throws Exception {
        assertEquals(new ProbeFigures(java.util.OptionalLong.empty(), OptionalDouble.empty()), ProbeFigures.of(dir));
        Files.writeString(dir.resolve("run.json"), "[not an object]");
        Files.writeString(dir.resolve("server.hlog"), "not a histogram log\n");
        assertEquals(new ProbeFigures(java.util.OptionalLong.empty(), OptionalDouble.empty()), ProbeFigures.of(dir));
    }
}
