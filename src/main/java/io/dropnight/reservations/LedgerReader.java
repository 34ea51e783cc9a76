package io.dropnight.reservations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a ledger file after a rush, from any process: the service may have stopped, been killed
 * (SQLite replays its write-ahead log on open) or still be running (the read sees the last commit).
 * Stateless and thread-safe.
 */
public final class LedgerReader {
    private LedgerReader() {
    }

    /**
     * @param db the file given to the service as {@code --reservations-db}
     * @throws LedgerException naming the file when it is missing, not SQLite, or not a ledger
     */
    public static LedgerSnapshot read(Path db) {
        if (!Files.isRegularFile(db)) {
            throw new LedgerException("reservations ledger " + db + " does not exist (or is not a file)");
        }
        try (Connection c = LedgerRows.connect(db)) {
            requireTables(c, db);
            return LedgerRows.snapshot(c);
        } catch (SQLException e) {
            throw new LedgerException("reservations ledger " + db + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireTables(Connection c, Path db) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        for (String t : List.of(LedgerSchema.SCREENINGS, LedgerSchema.BOOKINGS)) {
            if (!tables.contains(t)) {
                throw new LedgerException("reservations ledger " + db + " has no '" + t
                        + "' table: it is not a file written by --reservations-db");
            }
        }
    }
}
