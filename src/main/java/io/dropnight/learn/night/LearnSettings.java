package io.dropnight.learn.night;

import io.dropnight.learn.log.JsonFields;
import io.dropnight.learn.log.LogFileException;
import io.dropnight.learn.log.LogFormat;
import io.dropnight.learn.log.ViewerKey;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code learn night} is told, validated here: the log, how to read it, the drop, the window
 * around it, the audience and the statuses that are errors. Immutable.
 *
 * @param log           the access log (plain or gzip)
 * @param format        its format
 * @param viewer        what tells viewers apart
 * @param fields        a JSON line's field names
 * @param drop          the drop instant
 * @param before        how long before the drop the window opens; empty for the log's start (at most a day)
 * @param after         how long after the drop it closes; empty for the log's end (at most a day)
 * @param audience      the audience to write the night for; empty for the log's
 * @param errorStatuses which statuses a viewer sees as errors, such as {@code 429,500-599}
 * @param name          the night's name
 */
public record LearnSettings(Path log, LogFormat format, ViewerKey viewer, JsonFields fields, Instant drop,
                            Optional<Duration> before, Optional<Duration> after, OptionalLong audience, String errorStatuses,
                            String name) {
    /** A day: the most a window reaches either side of the drop (a night file's curve holds a day). */
    public static final Duration MAX_REACH = Duration.ofSeconds(SecondSeries.REACH);

    public LearnSettings {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(drop, "drop");
        reach("--before", before);
        reach("--after", after);
        if (audience.isPresent() && (audience.getAsLong() < 1 || audience.getAsLong() > 100_000_000_000L)) {
            throw new LogFileException("--audience " + audience.getAsLong() + ": must be a whole number of viewers from 1 to 100000000000");
        }
        errorPredicate(errorStatuses);
        if (!name.matches("[a-z0-9][a-z0-9-]{0,30}")) {
            throw new LogFileException("--name " + name + ": must be 1 to 31 lower-case letters, digits or - (the measured night adds -measured)");
        }
    }

    private static void reach(String flag, Optional<Duration> d) {
        if (d.isPresent() && (d.get().isNegative() || d.get().compareTo(MAX_REACH) > 0)) {
            throw new LogFileException(flag + " " + io.dropnight.core.Durations.format(d.get())
                    + ": must be from 0s to 24h (a night file's measured curve holds a day)");
        }
    }

    /**
     * {@code 429,500-599}: codes and ranges from 100 to 599.
     *
     * @throws LogFileException (one line) for anything else
     */
    public static boolean[] errorPredicate(String spec) {
        boolean[] error = new boolean[600];
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (!p.matches("[1-5][0-9][0-9](-[1-5][0-9][0-9])?")) {
                throw new LogFileException("--error-status " + spec + ": must list codes and ranges from 100 to 599, such as 429,500-599");
            }
            int from = Integer.parseInt(p.substring(0, 3));
            int to = p.length() > 3 ? Integer.parseInt(p.substring(4)) : from;
            if (to < from) {
                throw new LogFileException("--error-status " + spec + ": the range " + p + " ends before it starts");
            }
            for (int s = from; s <= to; s++) {
                error[s] = true;
            }
        }
        return error;
    }

    /** A name for the night from its output file's: lower case, other characters as {@code -}, at most 31. */
    public static String nameFrom(Path out) {
        String base = out.getFileName().toString().replaceFirst("\\.(ya?ml)$", "").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+", "");
        base = base.length() > 31 ? base.substring(0, 31) : base;
        return base.isEmpty() ? "learned" : base;
    }
}
