package io.dropnight.reservations;

import java.time.Instant;
import java.util.Objects;

/**
 * One generated screening. Immutable.
 *
 * @param id       {@code scr-0007}
 * @param cinemaId {@code cin-012}
 * @param region   {@code r03}
 * @param startsAt when the film starts
 * @param seats    capacity; seats are numbered 1..seats
 * @param rank     popularity rank, 1 = hottest of all screenings
 */
public record Screening(String id, String cinemaId, String region, Instant startsAt, int seats, int rank) {
    public Screening {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cinemaId, "cinemaId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(startsAt, "startsAt");
        if (seats < 1 || rank < 1) {
            throw new IllegalArgumentException("screening " + id + " needs seats and rank >= 1, got " + seats + ", " + rank);
        }
    }

    /** Its row in the ledger. */
    public LedgerSnapshot.Screening ledgerRow() {
        return new LedgerSnapshot.Screening(id, cinemaId, seats);
    }
}
