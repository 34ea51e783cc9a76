package io.dropnight.reservations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerReaderTest {
    private static final Instant AT = Instant.parse("2026-12-31T20:00:01.250Z");
    private static final LedgerSnapshot.Screening SCR = new LedgerSnapshot.Screening("scr-0007", "cin-012", 120);

    @TempDir
    Path dir;

    @Test
    void readsBackWhatTheLedgerCommittedWithEverySeatNumber() {
        Path db = dir.resolve("sub/reservations.db");
        LedgerSnapshot.Booking b = new LedgerSnapshot.Booking("b-1", "scr-0007", "viewer-a", "key-1", "h-1",
                List.of(13, 12), AT);
        try (SqliteLedger ledger = SqliteLedger.open(db)) {
            ledger.addScreenings(List.of(SCR));
            assertEquals(Set.of(), ledger.commit(List.of(b)));
        }

        LedgerSnapshot read = LedgerReader.read(db);

        assertEquals(List.of(SCR), read.screenings());
        assertEquals(1, read.bookings().size());
        LedgerSnapshot.Booking back = read.bookings().get(0);
        assertEquals(List.of(12, 13), back.seats());
        assertEquals(AT, back.confirmedAt());
        assertEquals("viewer-a", back.viewer());
        assertEquals("key-1", back.confirmKey());
    }

    @Test
    void isDurableByConfigurationWriteAheadLogFsyncedAtEveryCommit() {
        try (SqliteLedger ledger = SqliteLedger.open(dir.resolve("r.db"))) {
            assertEquals(Map.of("journal_mode", "wal", "synchronous", "2"), ledger.durability());
        }
    }

    @Test
    void aSecondBookingForOneRequestIsNotWrittenAndIsReported() {
        try (SqliteLedger ledger = SqliteLedger.open(dir.resolve("r.db"))) {
            ledger.addScreenings(List.of(SCR));
            ledger.commit(List.of(new LedgerSnapshot.Booking("b-1", "scr-0007", "v", "k", "h-1", List.of(1), AT)));
            Set<String> notWritten = ledger.commit(List.of(
                    new LedgerSnapshot.Booking("b-2", "scr-0007", "v", "k", "h-2", List.of(2), AT),
                    new LedgerSnapshot.Booking("b-3", "scr-0007", "v", "k2", "h-3", List.of(3), AT)));
            assertEquals(Set.of("b-2"), notWritten);
            assertEquals("b-1", ledger.find("v", "k", "none").orElseThrow().bookingId());
            assertEquals(2, ledger.snapshot().bookings().size());
        }
    }

    @Test
    void refusesScreeningsThatDifferFromTheFile() {
        Path db = dir.resolve("r.db");
        try (SqliteLedger ledger = SqliteLedger.open(db)) {
            ledger.addScreenings(List.of(SCR));
            ledger.addScreenings(List.of(SCR)); // the same again: a restart
            LedgerException e = assertThrows(LedgerException.class,
                    () -> ledger.addScreenings(List.of(new LedgerSnapshot.Screening("scr-0007", "cin-012", 80))));
            assertTrue(e.getMessage().contains("written for other screenings"), e.getMessage());
        }
    }

    @Test
    void readsAFileWrittenByPlainSqlToTheSchema() throws Exception {
        Path db = dir.resolve("plain.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String ddl : LedgerSchema.CREATE) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO screenings VALUES ('scr-1', 'cin-1', 3)");
            s.execute("INSERT INTO bookings VALUES ('b-9', 'scr-1', 'v', 'k', 'h', '1,3', '2026-12-31T20:00:00Z')");
        }
        LedgerSnapshot read = LedgerReader.read(db);
        assertEquals(List.of(1, 3), read.bookings().get(0).seats());
        assertEquals(3, read.screenings().get(0).capacity());
    }

    @Test
    void namesTheFileWhenItIsMissingNotSqliteOrNotALedger() throws Exception {
        LedgerException missing = assertThrows(LedgerException.class, () -> LedgerReader.read(dir.resolve("none.db")));
        assertTrue(missing.getMessage().contains("none.db does not exist"), missing.getMessage());

        Path text = Files.writeString(dir.resolve("text.db"), "not a database at all, just some words in a file\n".repeat(40));
        LedgerException notSqlite = assertThrows(LedgerException.class, () -> LedgerReader.read(text));
        assertTrue(notSqlite.getMessage().contains("text.db cannot be read"), notSqlite.getMessage());

        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE something (x INTEGER)");
        }
        LedgerException notLedger = assertThrows(LedgerException.class, () -> LedgerReader.read(other));
        assertTrue(notLedger.getMessage().contains("has no 'screenings' table"), notLedger.getMessage());
    }
}
