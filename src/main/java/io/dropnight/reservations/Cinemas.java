package io.dropnight.reservations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The generated screenings, looked up by id and listed by region, hottest first. Immutable, thread-safe. */
public final class Cinemas {
    private final CinemaConfig config;
    private final List<Screening> byRank;
    private final Map<String, Screening> byId = new HashMap<>();
    private final Map<String, List<Screening>> byRegion = new LinkedHashMap<>();

    Cinemas(CinemaConfig config, List<Screening> screenings) {
        this.config = config;
        List<Screening> sorted = new ArrayList<>(screenings);
        sorted.sort(Comparator.comparingInt(Screening::rank));
        this.byRank = Collections.unmodifiableList(sorted);
        for (String region : config.regionIds()) {
            byRegion.put(region, new ArrayList<>());
        }
        for (Screening s : sorted) {
            byId.put(s.id(), s);
            byRegion.get(s.region()).add(s);
        }
        byRegion.replaceAll((r, list) -> List.copyOf(list));
    }

    public CinemaConfig config() {
        return config;
    }

    /** Every screening, hottest first. */
    public List<Screening> screenings() {
        return byRank;
    }

    public Optional<Screening> screening(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The screenings of {@code region}, hottest first; empty for an unknown region. */
    public List<Screening> inRegion(String region) {
        return byRegion.getOrDefault(region, List.of());
    }

    public boolean knowsRegion(String region) {
        return byRegion.containsKey(region);
    }

    /** Seats of every screening together. */
    public long totalSeats() {
        long n = 0;
        for (Screening s : byRank) {
            n += s.seats();
        }
        return n;
    }
}
