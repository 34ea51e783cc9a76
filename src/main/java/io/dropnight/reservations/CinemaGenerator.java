package io.dropnight.reservations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates cinemas and screenings from a seed: the same {@link CinemaConfig} gives the same ids,
 * regions, seats and ranks on every machine. Every region has a cinema and every cinema a
 * screening; the rest are spread uniformly. Seats follow the stated log-normal
 * ({@link CinemaConfig#SEATS_MEDIAN}, {@link CinemaConfig#SEATS_P99}); popularity ranks are a
 * seeded shuffle, so the hottest screenings are anywhere, as a finale's flagship venues are.
 */
public final class CinemaGenerator {
    /** The standard normal's 99th percentile. */
    private static final double Z99 = 2.3263478740408408;
    private static final int START_SLOTS = 11;

    private CinemaGenerator() {
    }

    public static Cinemas generate(CinemaConfig config) {
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5C12EE7L);
        int regions = config.regions();
        String[] cinemaRegion = new String[config.cinemas()];
        for (int c = 0; c < cinemaRegion.length; c++) {
            int region = c < regions ? c + 1 : 1 + random.nextInt(regions);
            cinemaRegion[c] = CinemaConfig.regionId(region);
        }
        int[] ranks = shuffledRanks(config.screenings(), random);
        List<Screening> screenings = new ArrayList<>(config.screenings());
        for (int s = 0; s < config.screenings(); s++) {
            int cinema = s < cinemaRegion.length ? s : random.nextInt(cinemaRegion.length);
            Instant start = CinemaConfig.FIRST_START.plus(Duration.ofMinutes(30L * random.nextInt(START_SLOTS)));
            screenings.add(new Screening(String.format(Locale.ROOT, "scr-%04d", s + 1),
                    String.format(Locale.ROOT, "cin-%03d", cinema + 1), cinemaRegion[cinema], start,
                    seats(random), ranks[s]));
        }
        return new Cinemas(config, screenings);
    }

    /** A draw from the stated seat distribution. */
    static int seats(SplittableRandom random) {
        double sigma = Math.log((double) CinemaConfig.SEATS_P99 / CinemaConfig.SEATS_MEDIAN) / Z99;
        long seats = Math.round(CinemaConfig.SEATS_MEDIAN * Math.exp(sigma * random.nextGaussian()));
        return (int) Math.max(CinemaConfig.SEATS_MIN, Math.min(CinemaConfig.SEATS_MAX, seats));
    }

    private static int[] shuffledRanks(int n, SplittableRandom random) {
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = t;
        }
        return ranks;
    }
}
