package io.dropnight.runfolder;


import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The intervals of one HdrHistogram log file (server.hlog or client.hlog), read whole into memory.
 * Values are microseconds. Immutable once read.
 *
 * @param startMillis the log's StartTime (or its first interval's start when it has none), epoch ms
 * @param intervals   every interval in file order
 */
public record IntervalLog(long startMillis, List<TaggedInterval> intervals) {
    /** The precision of every histogram a run folder holds (server and client logs): 3 significant digits. */
    public static final int HISTOGRAM_DIGITS = 3;

    /** A log with no intervals, standing in for an absent file. */
    public static final IntervalLog EMPTY = new IntervalLog(0L, List.of());

    public IntervalLog {
        intervals = List.copyOf(intervals);
    }

    /**
     * Reads a log written by HdrHistogram's {@code HistogramLogWriter}.
     *
     * @throws RunFileException naming the file when it cannot be read or is not a histogram log
     */
    public static IntervalLog read(Path file) throws RunFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFileException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        int expected = IntervalLines.validate(file, text);
        try {
            IntervalLog log = decode(new ByteArrayInputStream(IntervalLines.completeLines(text).getBytes(StandardCharsets.UTF_8)));
            if (log.intervals().size() != expected) {
                throw new RunFileException(String.format(Locale.ROOT,
                        "%s: %d of its %d interval lines could not be decoded", file,
                        expected - log.intervals().size(), expected));
            }
            return log;
        } catch (RuntimeException e) {
            // HistogramLogReader signals malformed lines with assorted runtime exceptions.
            throw new RunFileException(String.format(Locale.ROOT,
                    "%s: is not a readable HdrHistogram log (%s)", file, e), e);
        }
    }

    private static IntervalLog decode(InputStream in) {
        HistogramLogReader reader = new HistogramLogReader(in);
        List<TaggedInterval> intervals = new ArrayList<>();
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            if (h instanceof Histogram histogram) {
                intervals.add(new TaggedInterval(h.getTag(), h.getStartTimeStamp(), h.getEndTimeStamp(), histogram));
            }
        }
        long startMillis = Math.round(reader.getStartTimeSec() * 1000.0);
        if (startMillis == 0 && !intervals.isEmpty()) {
            startMillis = intervals.get(0).startMillis();
        }
        return new IntervalLog(startMillis, intervals);
    }

    /** Every interval of each tag added together, sorted by tag; untagged intervals are skipped. */
    public Map<String, Histogram> mergedByTag() {
        Map<String, Histogram> merged = new TreeMap<>();
        for (TaggedInterval i : intervals) {
            if (i.tag() != null) {
                merged.computeIfAbsent(i.tag(), t -> new Histogram(HISTOGRAM_DIGITS)).add(i.histogram());
            }
        }
        return merged;
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }
}
