package io.dropnight.reservations;

import java.util.Locale;

/**
 * What a reservation service promises, checked after a rush by {@link PromiseCheck}. Each has a
 * stable name, the one spelling slo.json, the JUnit XML and the report print.
 */
public enum Promise {
    /** No seat number is in two bookings of one screening. */
    NO_SEAT_SOLD_TWICE("no-seat-sold-twice", "no seat sold twice"),
    /** No screening has more seats booked than it has. */
    NO_SCREENING_OVER_CAPACITY("no-screening-over-capacity", "no screening over capacity"),
    /** Every confirmation a viewer received is in the database, with the same screening and seats. */
    NO_LOST_CONFIRMATION("no-lost-confirmation", "every confirmation received is in the database"),
    /** One (viewer, idempotency key) request made at most one booking. */
    ONE_BOOKING_PER_REQUEST("one-booking-per-request", "one booking per confirm request");

    private final String id;
    private final String sentence;

    Promise(String id, String sentence) {
        this.id = id;
        this.sentence = sentence;
    }

    /** The stable name, for example {@code no-seat-sold-twice}. */
    public String id() {
        return id;
    }

    /** The promise in words, for a report. */
    public String sentence() {
        return sentence;
    }

    /**
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Promise byId(String id) {
        for (Promise p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Promise p : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(p.id);
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown promise '%s'; expected one of %s", id, known));
    }
}
