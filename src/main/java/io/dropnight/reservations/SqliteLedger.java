package io.dropnight.reservations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Ledger} in an SQLite file: write-ahead log with {@code synchronous=FULL}, so a commit
 * returns only after its log record is fsynced. One connection, its methods synchronized: meant
 * for one ledger thread, safe from any.
 */
public final class SqliteLedger implements Ledger {
    /** {@code PRAGMA synchronous} answers 2 for FULL. */
    private static final String SYNCHRONOUS_FULL = "2";

    private final Path file;
    private final Connection connection;

    private SqliteLedger(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating it and its folder when missing) the ledger at {@code file}.
     *
     * @throws LedgerException naming the file when it cannot be opened, is not SQLite, or the
     *                         durable settings did not take
     */
    public static SqliteLedger open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = LedgerRows.connect(file);
            try {
                String mode = LedgerRows.pragma(c, "journal_mode = WAL");
                String sync = LedgerRows.pragma(c, "synchronous");
                if (!"wal".equalsIgnoreCase(mode) || !SYNCHRONOUS_FULL.equals(sync)) {
                    throw new LedgerException("reservations-db " + file + ": SQLite refused the durable settings"
                            + " (journal_mode " + mode + ", synchronous " + sync + "; expected wal and 2)");
                }
                try (Statement s = c.createStatement()) {
                    for (String ddl : LedgerSchema.CREATE) {
                        s.execute(ddl);
                    }
                }
                return new SqliteLedger(file, c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (IOException | SQLException e) {
            throw new LedgerException("reservations-db " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The durability settings in force, for the service's description: journal mode and synchronous level. */
    public synchronized Map<String, String> durability() {
        try {
            return Map.of("journal_mode", LedgerRows.pragma(connection, "journal_mode"),
                    "synchronous", LedgerRows.pragma(connection, "synchronous"));
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public synchronized void addScreenings(Collection<LedgerSnapshot.Screening> screenings) {
        try {
            Map<String, LedgerSnapshot.Screening> present = new HashMap<>();
            for (LedgerSnapshot.Screening s : LedgerRows.snapshot(connection).screenings()) {
                present.put(s.id(), s);
            }
            connection.setAutoCommit(false);
            try (PreparedStatement p = connection.prepareStatement(LedgerSchema.INSERT_SCREENING)) {
                for (LedgerSnapshot.Screening s : screenings) {
                    LedgerSnapshot.Screening there = present.get(s.id());
                    if (there != null && !there.equals(s)) {
                        throw new LedgerException("reservations-db " + file + " was written for other screenings: "
                                + s.id() + " is " + there.cinemaId() + " with " + there.capacity() + " seats there and "
                                + s.cinemaId() + " with " + s.capacity() + " here (another seed or scale?); use a new file");
                    }
                    p.setString(1, s.id());
                    p.setString(2, s.cinemaId());
                    p.setInt(3, s.capacity());
                    p.addBatch();
                }
                p.executeBatch();
                connection.commit();
            } finally {
                rollbackQuietly();
            }
        } catch (SQLException e) {
            throw failure("cannot be written", e);
        }
    }

    @Override
    public synchronized Set<String> commit(List<LedgerSnapshot.Booking> bookings) {
        Set<String> notWritten = new LinkedHashSet<>();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement p = connection.prepareStatement(LedgerSchema.INSERT_BOOKING)) {
                for (LedgerSnapshot.Booking b : bookings) {
                    p.setString(1, b.bookingId());
                    p.setString(2, b.screeningId());
                    p.setString(3, b.viewer());
                    p.setString(4, b.confirmKey());
                    p.setString(5, b.holdId());
                    p.setString(6, LedgerSchema.encodeSeats(b.seats()));
                    p.setString(7, b.confirmedAt().toString());
                    if (p.executeUpdate() == 0) {
                        notWritten.add(b.bookingId());
                    }
                }
                connection.commit();
            } finally {
                rollbackQuietly();
            }
        } catch (SQLException e) {
            throw failure("could not commit " + bookings.size() + " booking(s)", e);
        }
        return notWritten;
    }

    @Override
    public synchronized Optional<LedgerSnapshot.Booking> find(String viewer, String confirmKey, String holdId) {
        try {
            return Optional.ofNullable(LedgerRows.find(connection, viewer, confirmKey, holdId));
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public synchronized LedgerSnapshot snapshot() {
        try {
            return LedgerRows.snapshot(connection);
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("could not be closed", e);
        }
    }

    /** Leaves the connection in auto-commit, rolling back whatever a failed transaction left open. */
    private void rollbackQuietly() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private LedgerException failure(String what, SQLException e) {
        return new LedgerException("reservations-db " + file + " " + what + ": " + e.getMessage(), e);
    }
}
