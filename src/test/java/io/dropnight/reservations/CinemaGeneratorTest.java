package io.dropnight.reservations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CinemaGeneratorTest {

    @ParameterizedTest
    @CsvSource({"1.0, 620, 3500, 50", "0.1, 62, 350, 5", "0.01, 6, 35, 1", "0.0001, 1, 1, 1"})
    void fullSizeIsTheFinalesCinemasAndAScaleMakesFewer(double scale, int cinemas, int screenings, int regions) {
        Cinemas c = CinemaGenerator.generate(new CinemaConfig(2026, scale));

        assertEquals(screenings, c.screenings().size());
        assertEquals(regions, c.config().regionIds().size());
        Set<String> cinemaIds = new HashSet<>();
        Set<String> regionIds = new HashSet<>();
        for (Screening s : c.screenings()) {
            cinemaIds.add(s.cinemaId());
            regionIds.add(s.region());
        }
        assertEquals(cinemas, cinemaIds.size(), "every cinema has a screening");
        assertEquals(regions, regionIds.size(), "every region has a cinema");
    }

    @Test
    void ranksArePopularityOrderOneToNAndRegionsListHottestFirst() {
        Cinemas c = CinemaGenerator.generate(new CinemaConfig(2026, 1.0));
        int[] ranks = c.screenings().stream().mapToInt(Screening::rank).toArray();
        int[] expected = new int[ranks.length];
        Arrays.setAll(expected, i -> i + 1);
        assertTrue(Arrays.equals(expected, ranks));
        for (String region : c.config().regionIds()) {
            List<Screening> list = c.inRegion(region);
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i - 1).rank() < list.get(i).rank(), region + " is listed hottest first");
            }
        }
        assertEquals(1.0, CinemaConfig.popularity(1));
        assertEquals(0.1, CinemaConfig.popularity(10), 1e-12, "Zipf with exponent 1: rank 10 draws a tenth of rank 1");
    }

    @Test
    void seatsFollowTheStatedDistribution() {
        SplittableRandom random = new SplittableRandom(1);
        int[] seats = new int[100_000];
        for (int i = 0; i < seats.length; i++) {
            seats[i] = CinemaGenerator.seats(random);
        }
        Arrays.sort(seats);
        assertEquals(CinemaConfig.SEATS_MEDIAN, seats[seats.length / 2], 4, "median");
        assertEquals(CinemaConfig.SEATS_P99, seats[seats.length * 99 / 100], 12, "99th percentile");
        assertTrue(seats[0] >= CinemaConfig.SEATS_MIN && seats[seats.length - 1] <= CinemaConfig.SEATS_MAX);

        long total = CinemaGenerator.generate(new CinemaConfig(2026, 1.0)).totalSeats();
        assertTrue(total > 550_000 && total < 700_000,
                "about 3,500 x 174 seats, fewer than the 1.1 million sign-ups so the rush sells out: " + total);
    }

    @Test
    void theSameSeedGivesTheSameScreeningsAndAnotherSeedOthers() {
        List<Screening> a = CinemaGenerator.generate(new CinemaConfig(7, 0.1)).screenings();
        List<Screening> b = CinemaGenerator.generate(new CinemaConfig(7, 0.1)).screenings();
        List<Screening> other = CinemaGenerator.generate(new CinemaConfig(8, 0.1)).screenings();
        assertEquals(a, b);
        assertNotEquals(a, other);
        assertEquals("scr-0001", a.stream().map(Screening::id).sorted().findFirst().orElseThrow());
        assertTrue(a.stream().allMatch(s -> s.cinemaId().matches("cin-\\d{3}") && s.region().matches("r\\d{2}")));
    }
}
