package io.dropnight.learn.night;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A night learned from an access log: where it came from, the log's arrivals per second around
 * the drop, the night made of them (fitted into the night file's vocabulary, and as measured),
 * what each population called and how the log answered. What {@link NightFileWriter} writes and
 * the report's learn page shows. Immutable (its arrays are copied in and out).
 *
 * @param name        the night's name
 * @param source      the log and how it was read
 * @param drop        the drop instant given
 * @param windowFrom  the window's first second from the drop
 * @param arrivals    new viewers in each second of the window, from {@code windowFrom}
 * @param requests    requests in each second of the window
 * @param errors      requests answered with an error status in each second of the window
 * @param nightStart  the second from the drop the learned night starts at (its first arrival)
 * @param dropSeconds the night file's {@code drop}: from the night's start to the drop
 * @param populations who arrived before the drop and who after, as learned
 * @param fit         the fitted night's planned arrivals against the log's
 * @param audience    the log's viewers and the audience the night is written for
 * @param statuses    every status seen, with when
 */
public record LearnedNight(String name, Source source, Instant drop, int windowFrom, long[] arrivals, long[] requests,
                           long[] errors, int nightStart, int dropSeconds, List<LearnedPopulation> populations, Fit fit,
                           Audience audience, List<StatusSeen> statuses) {
    public LearnedNight {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(drop, "drop");
        arrivals = arrivals.clone();
        requests = requests.clone();
        errors = errors.clone();
        populations = List.copyOf(populations);
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(audience, "audience");
        statuses = List.copyOf(statuses);
    }

    @Override
    public long[] arrivals() {
        return arrivals.clone();
    }

    @Override
    public long[] requests() {
        return requests.clone();
    }

    @Override
    public long[] errors() {
        return errors.clone();
    }

    /** The window's end, exclusive, seconds from the drop. */
    public int windowTo() {
        return windowFrom + arrivals.length;
    }

    /**
     * The log and how it was read.
     *
     * @param log          the file named
     * @param format       {@code combined} or {@code jsonl}
     * @param gzip         whether it was gzip
     * @param viewerKey    the {@code --viewer} flag's value
     * @param viewerSaid   what the key is
     * @param viewerCost   what the key costs in accuracy
     * @param lines        lines read
     * @param unparsable   lines not in the format
     * @param firstUnparsable the first of them ("line N: 'text'"), empty when none
     * @param noViewer     lines without a viewer key
     * @param firstNoViewer the first of them, empty when none
     * @param first        the earliest time logged
     * @param last         the latest
     * @param errorStatuses which statuses count as errors a viewer sees, as given
     * @param busiestViewerShare the largest share of the requests one viewer key made (a proxy's address, when large)
     * @param elapsedNanos how long the pass took
     * @param cpuNanos     the CPU time the pass's thread spent
     */
    public record Source(String log, String format, boolean gzip, String viewerKey, String viewerSaid, String viewerCost,
                         long lines, long unparsable, String firstUnparsable, long noViewer, String firstNoViewer,
                         Instant first, Instant last, String errorStatuses, double busiestViewerShare, long elapsedNanos,
                         long cpuNanos) {
        /** Lines read per second of the pass. */
        public double linesPerSecond() {
            return elapsedNanos == 0 ? 0 : lines * 1e9 / elapsedNanos;
        }

        /** Lines read per second of CPU time on the pass's thread (one core). */
        public double linesPerCpuSecond() {
            return cpuNanos == 0 ? 0 : lines * 1e9 / cpuNanos;
        }
    }

    /**
     * One learned population.
     *
     * @param name       its name in the night file
     * @param behaviour  {@code wait-for-drop} or {@code play-now}
     * @param viewers    viewers who arrived (in the log)
     * @param sawError   of them, those answered with an error status at least once
     * @param refreshed  those who asked the same endpoint again right after an error status
     * @param gaveUp     those whose last answer was an error status
     * @param stayedForDrop those who asked at or after the drop (for viewers who arrived before it)
     * @param fitted     its arrivals in the night file's vocabulary, at the written audience
     * @param measured   its arrivals as measured, at the written audience
     * @param mix        what its viewers called
     */
    public record LearnedPopulation(String name, String behaviour, long viewers, long sawError, long refreshed, long gaveUp,
                                    long stayedForDrop, List<Entry> fitted, List<Entry> measured, List<EndpointMix> mix) {
        public LearnedPopulation {
            fitted = List.copyOf(fitted);
            measured = List.copyOf(measured);
            mix = List.copyOf(mix);
        }
    }

    /**
     * One endpoint as a population called it.
     *
     * @param endpoint      method and path with ids as {@code {id}}
     * @param requests      its requests
     * @param perViewer     requests per viewer of the population
     * @param errorAnswers  of them, answered with an error status
     * @param p50Micros     the log's median duration for the endpoint (every population), -1 when not logged
     * @param p99Micros     its 99th percentile, -1 when not logged
     */
    public record EndpointMix(String endpoint, long requests, double perViewer, long errorAnswers, long p50Micros, long p99Micros) {
    }

    /**
     * The fitted night's planned arrivals against the log's, per 10-second window aligned on the drop.
     *
     * @param planned          the fitted night's planned arrivals in each second of the window (at the log's audience)
     * @param measuredPlanned  the measured night's (at the log's audience): the log's own, second for second
     * @param largestDifference the largest difference per window, viewers
     * @param worstWindowStart where that window starts, seconds from the drop
     * @param peakWindow       the log's busiest window, viewers
     * @param peakWindowStart  where it starts
     */
    public record Fit(long[] planned, long[] measuredPlanned, long largestDifference, int worstWindowStart, long peakWindow,
                      int peakWindowStart) {
        public Fit {
            planned = planned.clone();
            measuredPlanned = measuredPlanned.clone();
        }

        @Override
        public long[] planned() {
            return planned.clone();
        }

        @Override
        public long[] measuredPlanned() {
            return measuredPlanned.clone();
        }

        /** The fit's error: the largest difference per 10-second window as a share of the busiest window. */
        public double error() {
            return peakWindow == 0 ? 0 : (double) largestDifference / peakWindow;
        }
    }

    /**
     * @param logViewers viewers who arrived in the window
     * @param written    the audience the night is written for ({@code --audience}, else the log's)
     */
    public record Audience(long logViewers, long written) {
        /** What every count was multiplied by. */
        public double factor() {
            return (double) written / logViewers;
        }
    }

    /**
     * @param status      the status code
     * @param count       answers with it
     * @param firstSecond the first second from the drop it was seen
     * @param lastSecond  the last
     */
    public record StatusSeen(int status, long count, int firstSecond, int lastSecond) {
    }
}
