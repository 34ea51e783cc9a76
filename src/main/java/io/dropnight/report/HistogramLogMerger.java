package io.dropnight.report;

import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.TaggedInterval;
import io.dropnight.runfolder.RunFileException;

import io.dropnight.metrics.ServerMetrics;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges interval logs written by several injectors or service instances into one, exactly: the
 * histograms of one tag whose intervals start in the same wall-clock bucket are added, so every
 * count and percentile of the merged log is what one recorder would have seen (within the
 * histograms' 3 significant digits, as for any HdrHistogram). Stateless.
 */
public final class HistogramLogMerger {
    private HistogramLogMerger() {
    }

    /** What a merge did, for the command's one-line summary. */
    public record Summary(int files, int intervalsIn, int intervalsOut, int tags, long totalCount) {
    }

    /**
     * Reads every input (all are validated before anything is written), merges by tag and
     * {@code bucketMillis}-long bucket, and writes {@code out} atomically.
     *
     * @param bucketMillis bucket length in milliseconds, &gt;= 1 (the logs' interval, usually 1000)
     * @throws RunFileException naming the first unreadable input
     */
    public static Summary merge(List<Path> inputs, Path out, long bucketMillis) throws RunFileException, IOException {
        if (inputs.isEmpty()) {
            throw new RunFileException("merge: give at least one .hlog file");
        }
        if (bucketMillis < 1) {
            throw new RunFileException("merge: bucket = " + bucketMillis + " ms: must be >= 1");
        }
        List<IntervalLog> logs = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isRegularFile(p)) {
                throw new RunFileException(p + ": no such file");
            }
            logs.add(IntervalLog.read(p));
        }
        TreeMap<Long, Map<String, Histogram>> buckets = new TreeMap<>();
        int in = 0;
        long total = 0;
        long start = Long.MAX_VALUE;
        for (IntervalLog log : logs) {
            for (TaggedInterval i : log.intervals()) {
                in++;
                total += i.histogram().getTotalCount();
                start = Math.min(start, i.startMillis());
                String tag = i.tag() == null ? "" : i.tag();
                buckets.computeIfAbsent(Math.floorDiv(i.startMillis(), bucketMillis), b -> new TreeMap<>())
                        .computeIfAbsent(tag, t -> new Histogram(ServerMetrics.SIGNIFICANT_DIGITS))
                        .add(i.histogram());
            }
        }
        // The log starts on its first bucket's boundary: an interval's start is its bucket's start, and a
        // start before the base time would be written as a negative offset, which no log reader accepts.
        return write(buckets, out, start == Long.MAX_VALUE ? 0 : Math.floorDiv(start, bucketMillis) * bucketMillis, bucketMillis,
                new Summary(inputs.size(), in, 0, countTags(buckets), total));
    }

    private static Summary write(TreeMap<Long, Map<String, Histogram>> buckets, Path out, long startMillis,
                                 long bucketMillis, Summary partial) throws IOException {
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".merge", ".hlog");
        int written = 0;
        try (OutputStream file = Files.newOutputStream(tmp);
             PrintStream ps = new PrintStream(file, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputComment("[Merged by dropnight from " + partial.files() + " logs; values in microseconds]");
            w.outputStartTime(startMillis);
            w.setBaseTime(startMillis);
            w.outputBaseTime(startMillis);
            w.outputLegend();
            for (Map.Entry<Long, Map<String, Histogram>> bucket : buckets.entrySet()) {
                for (Map.Entry<String, Histogram> e : bucket.getValue().entrySet()) {
                    Histogram h = e.getValue();
                    h.setStartTimeStamp(bucket.getKey() * bucketMillis);
                    h.setEndTimeStamp((bucket.getKey() + 1) * bucketMillis);
                    h.setTag(e.getKey().isEmpty() ? null : e.getKey());
                    w.outputIntervalHistogram(h);
                    written++;
                }
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(partial.files(), partial.intervalsIn(), written, partial.tags(), partial.totalCount());
    }

    private static int countTags(TreeMap<Long, Map<String, Histogram>> buckets) {
        java.util.Set<String> tags = new java.util.HashSet<>();
        buckets.values().forEach(m -> tags.addAll(m.keySet()));
        return tags.size();
    }
}
