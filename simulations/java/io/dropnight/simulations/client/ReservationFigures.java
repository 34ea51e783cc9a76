package io.dropnight.simulations.client;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the viewers of a cinema rush got, counted as it happens beside the night's own counts
 * (requests, error pages, viewers who gave up): bookings, seats, sold-out answers, holds lost,
 * viewers turned away. Thread-safe and lock-free: any of Gatling's threads counts.
 */
public final class ReservationFigures {
    private final LongAdder bookings = new LongAdder();
    private final LongAdder seats = new LongAdder();
    private final LongAdder soldOut = new LongAdder();
    private final LongAdder holdsLost = new LongAdder();
    private final LongAdder turnedAway = new LongAdder();

    /** A viewer was told its booking of {@code seatCount} seats is confirmed. */
    public void booked(int seatCount) {
        bookings.increment();
        seats.add(seatCount);
    }

    /** A hold was refused because the screening had fewer seats free than asked (409 sold-out). */
    public void soldOut() {
        soldOut.increment();
    }

    /** A confirm found its hold gone (expired, or lost in a restart): the viewer holds again. */
    public void holdLost() {
        holdsLost.increment();
    }

    /** A viewer left without a booking after its tries (or found nothing free near it): not giving up on errors. */
    public void turnedAway() {
        turnedAway.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(bookings.sum(), seats.sum(), soldOut.sum(), holdsLost.sum(), turnedAway.sum());
    }

    /**
     * The counts at one moment.
     *
     * @param bookings   confirmations received
     * @param seats      seats in them
     * @param soldOut    sold-out answers to holds
     * @param holdsLost  confirms that found their hold expired or unknown
     * @param turnedAway viewers who left without a booking because the seats were gone
     */
    public record Snapshot(long bookings, long seats, long soldOut, long holdsLost, long turnedAway) {
        /** One line for the console. */
        public String describe() {
            return String.format(Locale.ROOT, "reservations: %,d bookings confirmed (%,d seats), %,d sold-out answers,"
                    + " %,d holds lost before their confirm, %,d viewers turned away (the seats were gone)",
                    bookings, seats, soldOut, holdsLost, turnedAway);
        }
    }
}
