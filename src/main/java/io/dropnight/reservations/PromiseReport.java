package io.dropnight.reservations;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The promises of a rush with the counts behind them, as {@link PromiseCheck} found them. Immutable.
 *
 * @param seatsSoldTwice        extra sales of a seat: for each (screening, seat number) in n &gt; 1
 *                              bookings, n - 1
 * @param screeningsOverCapacity screenings with more seats booked than they have, or a seat number
 *                              outside 1..capacity, or bookings for a screening the ledger does not list
 * @param lostConfirmations     confirmations received (distinct booking ids) that the ledger lacks,
 *                              or holds with another viewer, screening or seats
 * @param doubleBookings        extra bookings of a request: for each (viewer, confirm key) in n &gt; 1
 *                              ledger bookings, n - 1
 * @param bookings              bookings in the ledger
 * @param seats                 seats booked in the ledger
 * @param received              distinct confirmations the clients received
 * @param examples              a few of the violations in words (at most {@link #MAX_EXAMPLES}), for a person
 */
public record PromiseReport(long seatsSoldTwice, long screeningsOverCapacity, long lostConfirmations,
                            long doubleBookings, long bookings, long seats, long received, List<String> examples) {
    /** Most examples kept. */
    public static final int MAX_EXAMPLES = 10;

    public PromiseReport {
        examples = List.copyOf(Objects.requireNonNull(examples, "examples"));
    }

    /** The count of violations behind {@code promise} (0 when kept). */
    public long violations(Promise promise) {
        return switch (promise) {
            case NO_SEAT_SOLD_TWICE -> seatsSoldTwice;
            case NO_SCREENING_OVER_CAPACITY -> screeningsOverCapacity;
            case NO_LOST_CONFIRMATION -> lostConfirmations;
            case ONE_BOOKING_PER_REQUEST -> doubleBookings;
        };
    }

    public boolean kept(Promise promise) {
        return violations(promise) == 0;
    }

    public boolean allKept() {
        for (Promise p : Promise.values()) {
            if (!kept(p)) {
                return false;
            }
        }
        return true;
    }

    /** One line: each promise with its count, then the totals. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (Promise p : Promise.values()) {
            s.append(String.format(Locale.ROOT, "%s: %s (%d); ", p.id(), kept(p) ? "kept" : "BROKEN", violations(p)));
        }
        return s.append(String.format(Locale.ROOT, "%d bookings, %d seats, %d confirmations received",
                bookings, seats, received)).toString();
    }
}
