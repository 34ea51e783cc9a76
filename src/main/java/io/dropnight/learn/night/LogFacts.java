package io.dropnight.learn.night;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * What one pass over a log found, before a night is made of it: the lines read and skipped, the
 * time the log spans, the viewers seen with their state, and the counts per second, endpoint,
 * population (0: first seen before the drop, 1: at or after it) and status. Holds the pass's
 * arrays, not copies; read once by {@link NightLearner}.
 *
 * @param lines           lines read
 * @param unparsable      lines not in the format
 * @param noViewer        lines without a viewer key
 * @param firstEpochSecond the earliest time on a line that parsed; {@code Long.MAX_VALUE} when none did
 * @param lastEpochSecond  the latest
 * @param requests        [population][endpoint id]: requests of viewers who arrived in the window
 * @param errorAnswers    [population][endpoint id]: those answered with an error status
 * @param durations       [endpoint id]: how long requests took, microseconds; null where the log says nothing
 */
record LogFacts(long lines, Skipped unparsable, Skipped noViewer, long firstEpochSecond, long lastEpochSecond,
                ViewerTable viewers, List<String> endpoints, SecondSeries series, long[][] requests, long[][] errorAnswers,
                Histogram[] durations, StatusCounts statuses) {

    /** Whether any line parsed. */
    boolean anyParsed() {
        return firstEpochSecond != Long.MAX_VALUE;
    }

    /** Lines skipped of one kind: how many, and the first (its number and text, made safe to print). Not thread-safe. */
    static final class Skipped {
        private static final int SHOWN = 160;
        private long count;
        private long firstLine;
        private String firstText = "";

        void add(long lineNumber, String text) {
            if (count++ == 0) {
                firstLine = lineNumber;
                firstText = shown(text);
            }
        }

        long count() {
            return count;
        }

        long firstLine() {
            return firstLine;
        }

        String firstText() {
            return firstText;
        }

        /** At most 160 characters, control characters as {@code ?}, quoted: a log line is untrusted text. */
        static String shown(String text) {
            String cut = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
            return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
        }
    }
}
