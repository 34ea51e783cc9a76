package io.dropnight.profile;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;

import java.time.Duration;
import java.util.Objects;

/**
 * A pause drawn uniformly between {@code min} and {@code max} ({@code 3-6s}), or a fixed one
 * ({@code 60s}): how often a waiting viewer reloads, a heartbeat's period, a think time.
 */
public record Interval(Duration min, Duration max) {
    public Interval {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("an interval runs from a non-negative min to a max at least as long: " + min + ", " + max);
        }
    }

    public static Interval fixed(Duration d) {
        return new Interval(d, d);
    }

    public boolean isFixed() {
        return min.equals(max);
    }

    /**
     * {@code 60s}, {@code 1m}, or a range {@code 3-6s} (both ends in the unit written last) or
     * {@code 500ms-2s}.
     *
     * @throws IllegalArgumentException naming the rule when {@code text} is neither
     */
    public static Interval parse(String text) {
        String t = text.trim();
        int dash = t.indexOf('-', 1);
        try {
            if (dash < 0) {
                return fixed(Durations.parse("interval", t));
            }
            String low = t.substring(0, dash).trim();
            String high = t.substring(dash + 1).trim();
            if (low.matches("[0-9.]+")) {
                low = low + high.replaceAll("^[0-9.]+", "");
            }
            Duration min = Durations.parse("interval", low);
            Duration max = Durations.parse("interval", high);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("'" + text + "': the range's end is before its start");
            }
            return new Interval(min, max);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("'" + text + "' must be a duration such as 60s, or a range such as 3-6s");
        }
    }

    @Override
    public String toString() {
        return isFixed() ? Durations.format(min) : Durations.format(min) + "-" + Durations.format(max);
    }
}
