package io.dropnight.simulations.slo;

import io.dropnight.reservations.LedgerSnapshot;
import io.dropnight.reservations.Promise;
import io.dropnight.reservations.SqliteLedger;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.client.ConfirmationLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The promises as SLOs, on real files: the client's record and a SQLite ledger written by the service's own Ledger. */
class NightPromisesTest {
    private static final Instant AT = Instant.parse("2026-12-31T20:00:01Z");
    private static final LedgerSnapshot.Screening SMALL = new LedgerSnapshot.Screening("scr-0001", "cin-001", 3);
    private static final LedgerSnapshot.Screening BIG = new LedgerSnapshot.Screening("scr-0002", "cin-001", 100);

    @TempDir
    Path run;

    private Path ledger(List<LedgerSnapshot.Booking> bookings) {
        Path db = run.resolve(RunFiles.RESERVATIONS_DB);
        try (SqliteLedger ledger = SqliteLedger.open(db)) {
            ledger.addScreenings(List.of(SMALL, BIG));
            ledger.commit(bookings);
        }
        return db;
    }

    private static LedgerSnapshot.Booking booking(String id, LedgerSnapshot.Screening s, String viewer, List<Integer> seats) {
        return new LedgerSnapshot.Booking(id, s.id(), viewer, "confirm-" + viewer + "-1", "h-" + id, seats, AT);
    }

    private void received(LedgerSnapshot.Booking... told) throws IOException {
        try (ConfirmationLog log = ConfirmationLog.open(run)) {
            for (LedgerSnapshot.Booking b : told) {
                log.append(b.confirmation(), AT);
            }
        }
    }

    @Test
    void aRushThatKeptItsPromisesPassesEachWithTheCountsBehindIt() throws IOException {
        LedgerSnapshot.Booking a = booking("b-1", SMALL, "v1", List.of(1, 2));
        LedgerSnapshot.Booking b = booking("b-2", SMALL, "v2", List.of(3));
        LedgerSnapshot.Booking c = booking("b-3", BIG, "v3", List.of(10, 11));
        Path db = ledger(List.of(a, b, c));
        received(a, b, c);

        NightPromises.Checked checked = NightPromises.check("cinema-rush", run, Optional.of(db), "-Dreservations.database=PATH");

        assertEquals(Optional.empty(), checked.unchecked());
        assertEquals(List.of("no-seat-sold-twice", "no-screening-over-capacity", "no-lost-confirmation", "one-booking-per-request"),
                checked.slos().stream().map(SloResult::name).toList(), "named by the contract's Promise, in its order");
        for (SloResult r : checked.slos()) {
            assertTrue(r.passed(), r.toString());
            assertEquals(0.0, r.actual());
            assertEquals(0.0, r.threshold());
            assertTrue(r.metric().contains("3 bookings, 5 seats in the ledger, 1 of 2 screenings full, 3 confirmations received"),
                    r.metric());
        }
        assertTrue(checked.lines().get(0).startsWith("promises: no-seat-sold-twice: kept (0)"), checked.lines().toString());
    }

    @Test
    void aConfirmationTheDatabaseLacksFailsNoLostConfirmationWithItsCount() throws IOException {
        LedgerSnapshot.Booking kept = booking("b-1", BIG, "v1", List.of(1));
        LedgerSnapshot.Booking lost = booking("b-2", BIG, "v2", List.of(2, 3));
        Path db = ledger(List.of(kept));
        received(kept, lost);

        NightPromises.Checked checked = NightPromises.check("cinema-rush", run, Optional.of(db), "-Dreservations.database=PATH");

        SloResult r = result(checked, Promise.NO_LOST_CONFIRMATION);
        assertFalse(r.passed());
        assertEquals(1.0, r.actual());
        assertEquals("confirmations", r.unit());
        assertTrue(checked.lines().stream().anyMatch(l -> l.startsWith("promise broken: booking b-2")), checked.lines().toString());
        assertTrue(result(checked, Promise.NO_SEAT_SOLD_TWICE).passed());
    }

    @Test
    void aSeatSoldTwiceAndAnOverfullScreeningAreCounted() throws IOException {
        Path db = ledger(List.of(booking("b-1", SMALL, "v1", List.of(1, 2)), booking("b-2", SMALL, "v2", List.of(2, 3)),
                booking("b-3", SMALL, "v3", List.of(3))));
        received();

        NightPromises.Checked checked = NightPromises.check("cinema-rush", run, Optional.of(db), "-Dreservations.database=PATH");

        assertEquals(2.0, result(checked, Promise.NO_SEAT_SOLD_TWICE).actual());
        assertEquals(1.0, result(checked, Promise.NO_SCREENING_OVER_CAPACITY).actual());
        assertTrue(result(checked, Promise.NO_LOST_CONFIRMATION).passed());
    }

    @Test
    void withoutADatabaseThePromisesAreNotCheckedAndTheNightIsNotAPass() {
        NightPromises.Checked checked = NightPromises.check("cinema-rush", run, Optional.empty(), "-Dreservations.database=PATH");

        assertEquals(4, checked.slos().size());
        for (SloResult r : checked.slos()) {
            assertFalse(r.passed(), "never a flattering pass: " + r);
            assertTrue(Double.isNaN(r.actual()), "no sample");
            assertTrue(r.metric().contains("NOT CHECKED (no reservations database was given (-Dreservations.database=PATH))"), r.metric());
        }
        String cause = checked.unchecked().orElseThrow();
        assertTrue(cause.startsWith(VerdictRules.PROMISES_UNCHECKED), cause);
    }

    @Test
    void aRushThatBookedNothingProvesNothing() throws IOException {
        Path db = ledger(List.of());
        received();

        NightPromises.Checked checked = NightPromises.check("cinema-rush", run, Optional.of(db), "-Dreservations.database=PATH");

        assertTrue(checked.unchecked().orElseThrow().contains("the rush booked nothing"), checked.unchecked().toString());
    }

    @Test
    void aFileThatIsNotALedgerIsNamed() throws IOException {
        Path notDb = Files.writeString(run.resolve("not.db"), "hello");
        received(booking("b-1", BIG, "v1", List.of(1)));

        NightPromises.Checked checked = NightPromises.check("cinema-rush", run, Optional.of(notDb), "-Dreservations.database=PATH");

        assertTrue(checked.unchecked().orElseThrow().contains(notDb.toString()), checked.unchecked().toString());
    }

    private static SloResult result(NightPromises.Checked checked, Promise p) {
        return checked.slos().stream().filter(r -> r.name().equals(p.id())).findFirst().orElseThrow();
    }
}
