package io.dropnight.learn.night;

import io.dropnight.learn.log.LineParser;
import io.dropnight.learn.log.LogFileException;
import io.dropnight.learn.log.LogSource;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Learns a night from an access log in one streaming pass ({@link LogPass}), then checks what the
 * pass found against the flags: a log with no line that parses, a drop outside the log, a window
 * holding no line or no new viewer are each one line ({@link LogFileException}). The window is
 * clipped to the log and to a day either side of the drop. A viewer arrives at its first request;
 * one first seen before the window opens is not an arrival. Thread-safe: each call has its own pass.
 */
public final class NightLearner {
    private final LongSupplier nanoClock;
    private final LongSupplier cpuNanoClock;

    /**
     * @param nanoClock    times the pass (System::nanoTime), for the lines read per second
     * @param cpuNanoClock the calling thread's CPU time in nanoseconds (ThreadMXBean's), for the
     *                     lines read per second of one core's time, the figure a shared machine can compare
     */
    public NightLearner(LongSupplier nanoClock, LongSupplier cpuNanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.cpuNanoClock = Objects.requireNonNull(cpuNanoClock, "cpuNanoClock");
    }

    /** @throws LogFileException (one line) when the log and the flags make no night */
    public LearnedNight learn(LearnSettings s) {
        long drop = s.drop().getEpochSecond();
        int from = s.before().map(b -> (int) -Math.min(SecondSeries.REACH, wholeSecondsUp(b.toMillis()))).orElse(-SecondSeries.REACH);
        int to = s.after().map(a -> (int) Math.min(SecondSeries.REACH, wholeSecondsUp(a.toMillis()))).orElse(SecondSeries.REACH);
        boolean[] errorStatus = LearnSettings.errorPredicate(s.errorStatuses());
        long started = nanoClock.getAsLong();
        long startedCpu = cpuNanoClock.getAsLong();
        LogFacts facts;
        boolean gzip;
        try (LogSource source = LogSource.open(s.log())) {
            gzip = source.gzip();
            LogPass pass = new LogPass(s.log().toString(), s.format().label(), s.viewer().flag(), drop, from, to, st -> errorStatus[st]);
            facts = pass.read(source, LineParser.of(s.format(), s.viewer(), s.fields()));
        }
        long elapsed = nanoClock.getAsLong() - started;
        long cpu = cpuNanoClock.getAsLong() - startedCpu;
        checkTheLog(s, facts, drop);
        int windowFrom = (int) Math.max(from, facts.firstEpochSecond() - drop);
        int windowTo = (int) Math.min(to, facts.lastEpochSecond() - drop + 1);
        Tally tally = Tally.of(facts, windowFrom, windowTo);
        if (windowFrom >= windowTo || sum(facts.series().requests(windowFrom, windowTo)) == 0) {
            throw new LogFileException(String.format(Locale.ROOT, "%s: no line falls in the window %s to %s (the log runs from %s to %s)",
                    s.log(), s.drop().plusSeconds(from), s.drop().plusSeconds(to), Instant.ofEpochSecond(facts.firstEpochSecond()),
                    Instant.ofEpochSecond(facts.lastEpochSecond())));
        }
        long[] arrivals = facts.series().arrivals(windowFrom, windowTo);
        if (sum(arrivals) == 0) {
            throw new LogFileException(String.format(Locale.ROOT, "%s: no viewer arrives in the window %s to %s: each one in it was"
                    + " first seen before it", s.log(), s.drop().plusSeconds(windowFrom), s.drop().plusSeconds(windowTo)));
        }
        LearnedNight.Source source = new LearnedNight.Source(s.log().toString(), s.format().label(), gzip, s.viewer().flag(),
                s.viewer().describe(s.format()), s.viewer().cost(), facts.lines(), facts.unparsable().count(),
                shown(facts.unparsable()), facts.noViewer().count(), shown(facts.noViewer()),
                Instant.ofEpochSecond(facts.firstEpochSecond()), Instant.ofEpochSecond(facts.lastEpochSecond()),
                s.errorStatuses(), tally.busiestShare(), elapsed, cpu);
        return NightShape.of(s, source, facts, tally, windowFrom, arrivals);
    }

    private static void checkTheLog(LearnSettings s, LogFacts facts, long drop) {
        if (facts.lines() == 0) {
            throw new LogFileException(s.log() + ": the log is empty");
        }
        if (!facts.anyParsed()) {
            throw new LogFileException(s.log() + ": no line has both a time and a viewer key (" + facts.lines() + " lines read)");
        }
        if (drop < facts.firstEpochSecond() || drop > facts.lastEpochSecond()) {
            throw new LogFileException(String.format(Locale.ROOT, "--drop %s is outside the log, which runs from %s to %s",
                    s.drop(), Instant.ofEpochSecond(facts.firstEpochSecond()), Instant.ofEpochSecond(facts.lastEpochSecond())));
        }
    }

    private static String shown(LogFacts.Skipped skipped) {
        return skipped.count() == 0 ? "" : "line " + skipped.firstLine() + ": " + skipped.firstText();
    }

    private static long wholeSecondsUp(long millis) {
        return -Math.floorDiv(-millis, 1000L);
    }

    static long sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /** The viewers of the window, counted once the pass is over: per population, and each one's arrival second. */
    record Tally(long[] viewers, long[] sawError, long[] refreshed, long[] gaveUp, long[] askedAfterDrop, double busiestShare) {
        static Tally of(LogFacts facts, int windowFrom, int windowTo) {
            long[][] t = new long[5][2];
            long[] busiest = {0, 0};
            facts.viewers().forEachState(state -> {
                long requests = ViewerState.requests(state);
                busiest[0] = Math.max(busiest[0], requests);
                busiest[1] += requests;
                int first = ViewerState.firstSecond(state);
                if (first < windowFrom || first >= windowTo) {
                    return;
                }
                facts.series().arrival(first);
                int p = first < 0 ? 0 : 1;
                t[0][p]++;
                t[1][p] += ViewerState.sawError(state) ? 1 : 0;
                t[2][p] += ViewerState.refreshed(state) ? 1 : 0;
                t[3][p] += ViewerState.gaveUp(state) ? 1 : 0;
                t[4][p] += ViewerState.askedAfterDrop(state) ? 1 : 0;
            });
            return new Tally(t[0], t[1], t[2], t[3], t[4], busiest[1] == 0 ? 0 : (double) busiest[0] / busiest[1]);
        }
    }
}
