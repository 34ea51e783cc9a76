package io.dropnight.learn.night;

import io.dropnight.learn.log.LineParser;
import io.dropnight.learn.log.LogFileException;
import io.dropnight.learn.log.LogLine;
import io.dropnight.learn.log.LogSource;
import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The one pass over a log: each line parsed, its viewer found or added ({@link ViewerTable}), and
 * counted per second ({@link SecondSeries}), per endpoint and population, per status. Lines that do
 * not parse, or carry no viewer key, are counted and the first of each kept; past 1 % of the lines
 * read (checked from the 10,000th line on, and at the end) the pass stops with one line. Memory is
 * the viewer table plus a fixed few megabytes. Not thread-safe; one per log.
 */
final class LogPass {
    /** Lines read before the 1 % rule is applied on the way (a short log is judged at its end). */
    static final long RULE_FROM = 10_000;
    private static final int POPULATIONS = 2;
    private static final int ENDPOINTS = Endpoints.MAX + 1;

    private final String logName;
    private final String formatLabel;
    private final String viewerFlag;
    private final long dropEpochSecond;
    private final int windowFrom;
    private final int windowTo;
    private final IntPredicate errorStatus;

    private final ViewerTable viewers = new ViewerTable();
    private final Endpoints endpoints = new Endpoints();
    private final SecondSeries series = new SecondSeries();
    private final long[][] requests = new long[POPULATIONS][ENDPOINTS];
    private final long[][] errorAnswers = new long[POPULATIONS][ENDPOINTS];
    private final Histogram[] durations = new Histogram[ENDPOINTS];
    private final StatusCounts statuses = new StatusCounts();
    private final LogFacts.Skipped unparsable = new LogFacts.Skipped();
    private final LogFacts.Skipped noViewer = new LogFacts.Skipped();
    private long lines;
    private long firstEpochSecond = Long.MAX_VALUE;
    private long lastEpochSecond = Long.MIN_VALUE;

    /**
     * @param windowFrom   the window's first second from the drop (a viewer first seen before it is not an arrival)
     * @param windowTo     the second from the drop the window ends before
     * @param errorStatus  which statuses are errors a viewer sees (refreshes after, gives up on)
     */
    LogPass(String logName, String formatLabel, String viewerFlag, long dropEpochSecond, int windowFrom, int windowTo,
            IntPredicate errorStatus) {
        this.logName = logName;
        this.formatLabel = formatLabel;
        this.viewerFlag = viewerFlag;
        this.dropEpochSecond = dropEpochSecond;
        this.windowFrom = windowFrom;
        this.windowTo = windowTo;
        this.errorStatus = errorStatus;
    }

    /** Reads {@code source} to its end with {@code parser}. */
    LogFacts read(LogSource source, LineParser parser) {
        LogLine line = new LogLine();
        String text;
        while ((text = source.nextLine()) != null) {
            lines++;
            LineParser.Outcome outcome = parser.parse(text, line);
            if (outcome == LineParser.Outcome.PARSED) {
                count(line);
            } else {
                skip(outcome == LineParser.Outcome.UNPARSABLE ? unparsable : noViewer, text, lines >= RULE_FROM);
            }
        }
        skip(null, null, true);
        return new LogFacts(lines, unparsable, noViewer, firstEpochSecond, lastEpochSecond, viewers, endpoints.names(),
                series, requests, errorAnswers, durations, statuses);
    }

    private void count(LogLine line) {
        long epochSecond = line.epochSecond();
        firstEpochSecond = Math.min(firstEpochSecond, epochSecond);
        lastEpochSecond = Math.max(lastEpochSecond, epochSecond);
        int second = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, epochSecond - dropEpochSecond));
        boolean error = errorStatus.test(line.status());
        int endpoint = endpoints.idOf(line.method(), line.path());
        int slot = viewers.slot(line.viewer(), ViewerState.first(second));
        long state = viewers.state(slot);
        if (second < ViewerState.firstSecond(state)) {
            state = ViewerState.withFirstSecond(state, second); // logged out of order (nginx logs when a request ends)
        }
        viewers.state(slot, ViewerState.after(state, endpoint, second, error));
        series.request(second, error);
        statuses.add(line.status(), second);
        int first = ViewerState.firstSecond(state);
        if (first >= windowFrom && first < windowTo) {
            int population = first < 0 ? 0 : 1;
            requests[population][endpoint]++;
            if (error) {
                errorAnswers[population][endpoint]++;
            }
        }
        if (line.durationMicros() >= 0) {
            if (durations[endpoint] == null) {
                durations[endpoint] = new Histogram(3_600_000_000L, 3);
            }
            durations[endpoint].recordValue(Math.min(3_600_000_000L, line.durationMicros()));
        }
    }

    /** Counts a skipped line; applies the 1 % rule when {@code judge}. */
    private void skip(LogFacts.Skipped kind, String text, boolean judge) {
        if (kind != null) {
            kind.add(lines, text);
        }
        if (!judge) {
            return;
        }
        if (unparsable.count() * 100 > lines) {
            throw new LogFileException(String.format(Locale.ROOT, "%s: %,d of %,d lines read do not parse as %s (over 1 %%);"
                    + " the first, line %d: %s", logName, unparsable.count(), lines, formatLabel, unparsable.firstLine(),
                    unparsable.firstText()));
        }
        if (noViewer.count() * 100 > lines) {
            throw new LogFileException(String.format(Locale.ROOT, "%s: the viewer key (--viewer %s) is missing from %,d of %,d"
                    + " lines read (over 1 %%); the first, line %d: %s", logName, viewerFlag, noViewer.count(), lines,
                    noViewer.firstLine(), noViewer.firstText()));
        }
    }
}
