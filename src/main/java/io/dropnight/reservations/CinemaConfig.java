package io.dropnight.reservations;

import io.dropnight.core.Checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The size and seed of the generated cinemas, and the model's stated numbers. Full size is the New
 * Year's Eve finale: 620 cinemas and 3,500 screenings over {@value #FULL_REGIONS} regions; a
 * rehearsal at {@code scale} (the service's {@code --reservations-scale}, the ratio of the night's
 * audience to 1.1 million) has that many times fewer of each, while every screening keeps a full auditorium,
 * so a scaled rush sells out the way the full one did. Immutable.
 *
 * @param seed  the generator's seed (the service's {@code --seed})
 * @param scale rehearsal-to-full-size ratio, &gt; 0
 */
public record CinemaConfig(long seed, double scale) {
    public static final int FULL_CINEMAS = 620;
    public static final int FULL_SCREENINGS = 3_500;
    public static final int FULL_REGIONS = 50;
    /** Seats of a screening: log-normal with this median and 99th percentile, clamped to [MIN, MAX]. */
    public static final int SEATS_MEDIAN = 160;
    public static final int SEATS_P99 = 420;
    public static final int SEATS_MIN = 40;
    public static final int SEATS_MAX = 500;
    /** Popularity: the screening of rank r draws a share proportional to 1 / r^s (Zipf). */
    public static final double ZIPF_EXPONENT = 1.0;
    /** Screenings start on New Year's Eve between this instant and 5 h later, on the half hour. */
    public static final Instant FIRST_START = Instant.parse("2026-12-31T18:00:00Z");

    public CinemaConfig {
        Checks.positive("capacity.scale", scale);
        if (FULL_SCREENINGS * scale > 10_000_000) {
            throw new io.dropnight.core.ConfigException("capacity.scale", scale, "makes more than 10,000,000 screenings");
        }
    }

    public int cinemas() {
        return (int) Math.max(1, Math.round(FULL_CINEMAS * scale));
    }

    /** At least one per cinema. */
    public int screenings() {
        return (int) Math.max(cinemas(), Math.round(FULL_SCREENINGS * scale));
    }

    /** At least one, at most one per cinema. */
    public int regions() {
        return (int) Math.max(1, Math.min(cinemas(), Math.round(FULL_REGIONS * scale)));
    }

    /** The region ids at this scale: {@code r01}, {@code r02}, ... */
    public List<String> regionIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= regions(); i++) {
            ids.add(regionId(i));
        }
        return ids;
    }

    /** {@code 7} → {@code r07}. */
    public static String regionId(int number) {
        return String.format(Locale.ROOT, "r%02d", number);
    }

    /** The Zipf weight of a popularity rank (1 = hottest): {@code 1 / rank^}{@value #ZIPF_EXPONENT}. */
    public static double popularity(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("a popularity rank is 1 or more, got " + rank);
        }
        return 1.0 / Math.pow(rank, ZIPF_EXPONENT);
    }
}
