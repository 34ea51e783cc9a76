package io.dropnight.reservations;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a ledger holds, read at one moment: the screenings with their capacity and every
 * confirmed booking with its seat numbers. Immutable.
 */
public record LedgerSnapshot(List<Screening> screenings, List<Booking> bookings) {

    public LedgerSnapshot {
        screenings = List.copyOf(Objects.requireNonNull(screenings, "screenings"));
        bookings = List.copyOf(Objects.requireNonNull(bookings, "bookings"));
    }

    /**
     * A row of {@code screenings}.
     *
     * @param capacity seats, numbered 1..capacity
     */
    public record Screening(String id, String cinemaId, int capacity) {
        public Screening {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cinemaId, "cinemaId");
        }
    }

    /**
     * A row of {@code bookings}: one confirmed request.
     *
     * @param confirmKey  the idempotency key of the confirm that made it
     * @param seats       seat numbers, ascending
     * @param confirmedAt when it was committed (the service's clock)
     */
    public record Booking(String bookingId, String screeningId, String viewer, String confirmKey, String holdId,
                          List<Integer> seats, Instant confirmedAt) {
        public Booking {
            Objects.requireNonNull(bookingId, "bookingId");
            Objects.requireNonNull(screeningId, "screeningId");
            Objects.requireNonNull(viewer, "viewer");
            Objects.requireNonNull(confirmKey, "confirmKey");
            Objects.requireNonNull(holdId, "holdId");
            seats = List.copyOf(Objects.requireNonNull(seats, "seats"));
            Objects.requireNonNull(confirmedAt, "confirmedAt");
        }

        /** What the client of this booking was (or will be) told. */
        public Confirmation confirmation() {
            return new Confirmation(viewer, confirmKey, bookingId, screeningId, seats);
        }
    }

    /** Seats booked in all. */
    public long seatsBooked() {
        long n = 0;
        for (Booking b : bookings) {
            n += b.seats().size();
        }
        return n;
    }
}
