package io.dropnight.runfolder;

import io.dropnight.core.UntrustedText;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the line structure of an HdrHistogram log before it is decoded, because
 * {@code HistogramLogReader} stops silently at a line it cannot parse. A last line without its
 * newline is what a killed writer leaves behind: it is dropped with a warning, not an error.
 */
final class IntervalLines {
    private static final Logger LOG = LoggerFactory.getLogger(IntervalLines.class);
    private static final Pattern INTERVAL = Pattern.compile(
            "(Tag=[^,\\s]+,)?\\d+(\\.\\d+)?,\\d+(\\.\\d+)?,\\d+(\\.\\d+)?,[A-Za-z0-9+/]+=*");
    private static final String LEGEND = "\"StartTimestamp\"";

    private IntervalLines() {
    }

    /**
     * @return the number of interval lines among the complete lines
     * @throws RunFileException naming the file and the first line that is neither a comment, the
     *                              legend nor an interval
     */
    static int validate(Path file, String text) throws RunFileException {
        String[] lines = completeLines(text).split("\n", -1);
        int intervals = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(LEGEND)) {
                continue;
            }
            if (!INTERVAL.matcher(line).matches()) {
                throw new RunFileException(String.format(Locale.ROOT,
                        "%s: line %d is not an HdrHistogram log line: %s", file, i + 1, UntrustedText.abbreviate(line)));
            }
            intervals++;
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            LOG.warn("{}: ignoring an incomplete last line (the writer was probably killed)", file);
        }
        return intervals;
    }

    /** The text up to and including its last newline. */
    static String completeLines(String text) {
        return text.substring(0, text.lastIndexOf('\n') + 1);
    }
}
