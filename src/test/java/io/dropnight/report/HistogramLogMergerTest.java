package io.dropnight.report;

import io.dropnight.runfolder.IntervalLog;

import io.dropnight.cli.Main;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramLogMergerTest {
    private static final long T0 = 1_795_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void mergedLogEqualsOneRecorderOfAllValues() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Histogram all = new Histogram(3);
        Histogram[][] perInjector = new Histogram[2][3];
        for (int injector = 0; injector < 2; injector++) {
            for (int second = 0; second < 3; second++) {
                Histogram h = new Histogram(3);
                for (int i = 0; i < 5000; i++) {
                    long micros = 200 + (long) (-Math.log1p(-random.nextDouble()) * 20_000 * (injector + 1));
                    h.recordValue(micros);
                    all.recordValue(micros);
                }
                perInjector[injector][second] = h;
            }
        }
        // The second injector started 300 ms later: its intervals are offset but fall in the same seconds.
        Path a = writeLog("a.hlog", perInjector[0], T0);
        Path b = writeLog("b.hlog", perInjector[1], T0 + 300);
        Path out = dir.resolve("merged.hlog");

        HistogramLogMerger.Summary s = HistogramLogMerger.merge(List.of(a, b), out, 1000);

        assertEquals(6, s.intervalsIn());
        assertEquals(3, s.intervalsOut());
        Map<String, Histogram> merged = IntervalLog.read(out).mergedByTag();
        Histogram m = merged.get("night/playback-start");
        assertEquals(all.getTotalCount(), m.getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            assertEquals(all.getValueAtPercentile(p), m.getValueAtPercentile(p), "p" + p);
        }
        assertEquals(all, m);
    }

    @Test
    void missingOrCorruptInputExitsTwoAndWritesNothing() throws Exception {
        Path corrupt = dir.resolve("corrupt.hlog");
        Files.writeString(corrupt, "#[StartTime: 1 (seconds since epoch)]\nTag=x,0.000,1.000,1.0,NOT-BASE64!!\n");
        Path out = dir.resolve("out.hlog");
        for (String input : new String[] {dir.resolve("absent.hlog").toString(), corrupt.toString()}) {
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"merge", "--out", out.toString(), input},
                    new PrintWriter(new StringWriter()), new PrintWriter(err, true));
            assertEquals(2, code, err.toString());
            assertTrue(err.toString().startsWith("merge: "), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertFalse(Files.exists(out));
        }
    }

    private Path writeLog(String name, Histogram[] intervals, long startMillis) throws Exception {
        Path file = dir.resolve(name);
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputStartTime(startMillis);
            w.setBaseTime(startMillis);
            w.outputBaseTime(startMillis);
            w.outputLegend();
            for (int i = 0; i < intervals.length; i++) {
                intervals[i].setStartTimeStamp(startMillis + i * 1000L);
                intervals[i].setEndTimeStamp(startMillis + (i + 1) * 1000L);
                intervals[i].setTag("night/playback-start");
                w.outputIntervalHistogram(intervals[i]);
            }
        }
        return file;
    }
}
