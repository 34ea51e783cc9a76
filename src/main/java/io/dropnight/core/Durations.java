package io.dropnight.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human durations as written in flags and config files: a decimal number and a unit, one of
 * {@code us}, {@code ms}, {@code s}, {@code m}, {@code h} (for example {@code 250us}, {@code 1.5s},
 * {@code 10m}). ISO-8601 ({@code PT10M}) is accepted too.
 */
public final class Durations {
    private static final Pattern HUMAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)");

    private Durations() {
    }

    /**
     * @throws ConfigException naming {@code field} when the text is not a duration
     */
    public static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(field, "''", "must be a duration such as 250us, 20ms, 1.5s, 10m or PT10M");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = HUMAN.matcher(t);
        if (m.matches()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long nanosPerUnit = switch (m.group(2)) {
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
            if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new ConfigException(field, text, "is too long a duration");
            }
            return Duration.ofNanos(nanos.longValue());
        }
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                // fall through to the one-line error below
            }
        }
        throw new ConfigException(field, text, "must be a duration such as 250us, 20ms, 1.5s, 10m or PT10M");
    }

    /** An exact human form in the largest whole unit: 2000ms is {@code 2s}, 1500ms stays {@code 1500ms}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return (nanos / 1_000_000_000L) + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return (nanos / 1_000_000L) + "ms";
        }
        if (nanos % 1_000L == 0) {
            return (nanos / 1_000L) + "us";
        }
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
    }
}
