package io.dropnight.reservations;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Opening a ledger file and reading its rows: shared by {@link SqliteLedger} and {@link LedgerReader}. */
final class LedgerRows {
    private LedgerRows() {
    }

    /**
     * A connection to the SQLite file at {@code db} with the durable settings: write-ahead log,
     * {@code synchronous=FULL} (the log is fsynced at every commit), foreign keys on, and a busy
     * timeout so a reader in another process waits instead of failing.
     */
    static Connection connect(Path db) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA synchronous = FULL");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The value of {@code PRAGMA name} on this connection, as text. */
    static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    static LedgerSnapshot snapshot(Connection c) throws SQLException {
        List<LedgerSnapshot.Screening> screenings = new ArrayList<>();
        List<LedgerSnapshot.Booking> bookings = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery(LedgerSchema.SELECT_SCREENINGS)) {
                while (r.next()) {
                    screenings.add(new LedgerSnapshot.Screening(r.getString(1), r.getString(2), r.getInt(3)));
                }
            }
            try (ResultSet r = s.executeQuery(LedgerSchema.SELECT_BOOKINGS)) {
                while (r.next()) {
                    bookings.add(booking(r));
                }
            }
        }
        return new LedgerSnapshot(screenings, bookings);
    }

    static LedgerSnapshot.Booking find(Connection c, String viewer, String confirmKey, String holdId)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(LedgerSchema.SELECT_BOOKING_BY_REQUEST)) {
            p.setString(1, viewer);
            p.setString(2, confirmKey);
            p.setString(3, holdId);
            p.setString(4, confirmKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? booking(r) : null;
            }
        }
    }

    /** A row of {@link LedgerSchema#BOOKING_COLUMNS}. */
    private static LedgerSnapshot.Booking booking(ResultSet r) throws SQLException {
        String id = r.getString(1);
        Instant at;
        try {
            at = Instant.parse(r.getString(7));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new LedgerException("booking " + id + " has confirmed_at '" + r.getString(7)
                    + "', not an ISO-8601 instant");
        }
        return new LedgerSnapshot.Booking(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                LedgerSchema.decodeSeats(r.getString(6)), at);
    }
}
