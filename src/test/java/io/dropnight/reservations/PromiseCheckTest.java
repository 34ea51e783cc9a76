package io.dropnight.reservations;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromiseCheckTest {
    private static final Instant AT = Instant.parse("2026-12-31T20:00:00Z");
    private static final List<LedgerSnapshot.Screening> SCREENINGS = List.of(
            new LedgerSnapshot.Screening("scr-0001", "cin-001", 4),
            new LedgerSnapshot.Screening("scr-0002", "cin-001", 2));

    private static LedgerSnapshot.Booking booking(String id, String screening, String viewer, String key, Integer... seats) {
        return new LedgerSnapshot.Booking(id, screening, viewer, key, "h-" + id, List.of(seats), AT);
    }

    @Test
    void aCleanRushKeepsEveryPromiseAndCountsItsTotals() {
        LedgerSnapshot ledger = new LedgerSnapshot(SCREENINGS, List.of(
                booking("b-1", "scr-0001", "v1", "k1", 1, 2),
                booking("b-2", "scr-0001", "v2", "k1", 3),
                booking("b-3", "scr-0002", "v1", "k2", 1, 2)));
        List<Confirmation> received = List.of(ledger.bookings().get(0).confirmation(),
                ledger.bookings().get(0).confirmation(), // a retry answered the same booking
                new Confirmation("v2", "k1", "b-2", "scr-0001", List.of(3)));

        PromiseReport report = PromiseCheck.check(ledger, received);

        assertTrue(report.allKept(), report.summary());
        assertEquals(3, report.bookings());
        assertEquals(5, report.seats());
        assertEquals(2, report.received());
        assertTrue(report.examples().isEmpty());
    }

    @Test
    void countsEachExtraSaleOfASeat() {
        LedgerSnapshot ledger = new LedgerSnapshot(SCREENINGS, List.of(
                booking("b-1", "scr-0001", "v1", "k1", 1, 2),
                booking("b-2", "scr-0001", "v2", "k1", 2, 3),
                booking("b-3", "scr-0001", "v3", "k1", 2)));

        PromiseReport report = PromiseCheck.check(ledger, List.of());

        assertEquals(2, report.seatsSoldTwice());
        assertFalse(report.kept(Promise.NO_SEAT_SOLD_TWICE));
        assertEquals(1, report.screeningsOverCapacity(), "5 sales of a 4-seat screening count against capacity too");
    }

    @Test
    void aScreeningIsOverCapacityByCountByASeatOutsideItOrWhenUnlisted() {
        LedgerSnapshot ledger = new LedgerSnapshot(SCREENINGS, List.of(
                booking("b-1", "scr-0002", "v1", "k1", 1, 2),
                booking("b-2", "scr-0002", "v2", "k1", 1),       // 3 seats booked of 2 (and seat 1 twice)
                booking("b-3", "scr-0001", "v3", "k1", 5),       // seat 5 of a 4-seat screening
                booking("b-4", "scr-9999", "v4", "k1", 1)));     // not in the ledger's screenings

        PromiseReport report = PromiseCheck.check(ledger, List.of());

        assertEquals(3, report.screeningsOverCapacity(), report.examples().toString());
        assertEquals(1, report.seatsSoldTwice());
    }

    @Test
    void aConfirmationMissingOrDifferentInTheLedgerIsLost() {
        LedgerSnapshot ledger = new LedgerSnapshot(SCREENINGS, List.of(booking("b-1", "scr-0001", "v1", "k1", 1, 2)));
        List<Confirmation> received = List.of(
                new Confirmation("v1", "k1", "b-1", "scr-0001", List.of(2, 1)),  // same seats, other order: kept
                new Confirmation("v2", "k9", "b-9", "scr-0001", List.of(3)),     // never committed
                new Confirmation("v3", "k1", "b-1", "scr-0001", List.of(1, 2))); // b-1 told to another viewer

        PromiseReport report = PromiseCheck.check(ledger, received);

        assertEquals(2, report.lostConfirmations(), report.examples().toString());
        assertEquals(2, report.received());
        assertFalse(report.kept(Promise.NO_LOST_CONFIRMATION));
        assertTrue(report.summary().contains("no-lost-confirmation: BROKEN (2)"), report.summary());
    }

    @Test
    void twoBookingsForOneRequestAreADoubleBooking() {
        LedgerSnapshot ledger = new LedgerSnapshot(SCREENINGS, List.of(
                booking("b-1", "scr-0001", "v1", "k1", 1),
                booking("b-2", "scr-0001", "v1", "k1", 2),
                booking("b-3", "scr-0001", "v2", "k1", 3)));

        PromiseReport report = PromiseCheck.check(ledger, List.of());

        assertEquals(1, report.doubleBookings());
        assertEquals(1, report.violations(Promise.ONE_BOOKING_PER_REQUEST));
        assertTrue(report.examples().get(0).contains("v1"), report.examples().toString());
    }

    @Test
    void promisesHaveStableNames() {
        assertEquals(List.of("no-seat-sold-twice", "no-screening-over-capacity", "no-lost-confirmation",
                "one-booking-per-request"), java.util.Arrays.stream(Promise.values()).map(Promise::id).toList());
        assertEquals(Promise.NO_LOST_CONFIRMATION, Promise.byId("no-lost-confirmation"));
    }
}
