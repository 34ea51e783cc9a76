package io.dropnight.core;

import java.time.Duration;
import java.util.Objects;

/** Validation helpers shared by the configuration records; each failure names field, value and rule. */
public final class Checks {
    private Checks() {
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new ConfigException(field, "null", "is required");
        }
        return value;
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new ConfigException(field, value, "must be a whole number >= " + min);
        }
        return value;
    }

    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new ConfigException(field, value, "must be a whole number >= " + min);
        }
        return value;
    }

    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(field, value, "must be a whole number from " + min + " to " + max);
        }
        return value;
    }

    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(field, value, "must be a finite number > 0");
        }
        return value;
    }

    public static Duration positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(field, Durations.format(value), "must be a duration > 0");
        }
        return value;
    }
}
