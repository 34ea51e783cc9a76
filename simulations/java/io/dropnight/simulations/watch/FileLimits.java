package io.dropnight.simulations.watch;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * What this machine's open-file limit means for a night: how many viewers one injector can hold.
 * The JVM already raises its soft limit to the hard one at start on Linux ({@code -XX:+MaxFDLimit},
 * on by default); Java cannot raise it further, so this reads what the process actually has
 * ({@code /proc/self/limits}) and says what to do when the soft limit is still below the hard one.
 */
public final class FileLimits {
    /**
     * Descriptors a connected viewer holds: Gatling gives each virtual user its own connections and a
     * viewer sends one request at a time, so one socket while it is connected.
     */
    public static final int FDS_PER_VIEWER = 1;

    private FileLimits() {
    }

    /** Viewers this injector can hold at once: the descriptors left after those open now, per viewer. */
    public static long viewersHeld(long softLimit, long openNow) {
        return Math.max(0, softLimit - Math.max(0, openNow)) / FDS_PER_VIEWER;
    }

    /**
     * One line for the console.
     *
     * @param plannedConcurrent the plan's peak of concurrent viewers, 0 when it plans arrivals instead
     */
    public static String describe(OptionalLong soft, OptionalLong hard, long openNow, long plannedConcurrent) {
        if (soft.isEmpty()) {
            return "open files: this platform does not tell the limit; the injector watch cannot bound it";
        }
        long held = viewersHeld(soft.getAsLong(), openNow);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "open files: soft limit %s, hard %s, %d open now: this injector can hold about %,d concurrent viewers (%d descriptor each)",
                limit(soft.getAsLong()), hard.isPresent() ? limit(hard.getAsLong()) : "unknown", openNow, held, FDS_PER_VIEWER));
        if (hard.isPresent() && soft.getAsLong() < hard.getAsLong()) {
            line.append(String.format(Locale.ROOT, "; the soft limit is below the hard one (start the JVM with "
                    + "-XX:+MaxFDLimit or run ulimit -n %s first)", limit(hard.getAsLong())));
        }
        if (plannedConcurrent > held) {
            line.append(String.format(Locale.ROOT, "; WARNING the plan holds %,d at once: shard the night (-Dinjectors)",
                    plannedConcurrent));
        }
        return line.toString();
    }

    private static String limit(long v) {
        return v == Long.MAX_VALUE ? "unlimited" : Long.toString(v);
    }
}
