package io.dropnight.reservations;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The ledger's tables, the one owner of their SQL (SQLite dialect), and how a booking's seats are
 * written in a column: seat numbers ascending, comma-separated ({@code 12,13}). Constants only.
 *
 * <pre>
 * screenings(id TEXT PRIMARY KEY, cinema_id TEXT, capacity INTEGER)
 * bookings(booking_id TEXT PRIMARY KEY, screening_id TEXT, viewer TEXT, confirm_key TEXT,
 *          hold_id TEXT, seats TEXT, confirmed_at TEXT (ISO-8601)), UNIQUE (viewer, confirm_key)
 * </pre>
 */
public final class LedgerSchema {
    public static final String SCREENINGS = "screenings";
    public static final String BOOKINGS = "bookings";

    static final List<String> CREATE = List.of(
            "CREATE TABLE IF NOT EXISTS screenings (id TEXT PRIMARY KEY, cinema_id TEXT NOT NULL,"
                    + " capacity INTEGER NOT NULL CHECK (capacity > 0))",
            "CREATE TABLE IF NOT EXISTS bookings (booking_id TEXT PRIMARY KEY,"
                    + " screening_id TEXT NOT NULL REFERENCES screenings(id), viewer TEXT NOT NULL,"
                    + " confirm_key TEXT NOT NULL, hold_id TEXT NOT NULL, seats TEXT NOT NULL,"
                    + " confirmed_at TEXT NOT NULL, UNIQUE (viewer, confirm_key))",
            "CREATE INDEX IF NOT EXISTS bookings_by_screening ON bookings (screening_id)",
            "CREATE INDEX IF NOT EXISTS bookings_by_hold ON bookings (hold_id)");

    static final String INSERT_SCREENING = "INSERT INTO screenings (id, cinema_id, capacity) VALUES (?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    static final String SELECT_SCREENINGS = "SELECT id, cinema_id, capacity FROM screenings ORDER BY id";
    /** A booking whose (viewer, confirm key) already has one is not written (0 rows changed). */
    static final String INSERT_BOOKING = "INSERT INTO bookings (booking_id, screening_id, viewer, confirm_key,"
            + " hold_id, seats, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (viewer, confirm_key) DO NOTHING";
    static final String BOOKING_COLUMNS = "booking_id, screening_id, viewer, confirm_key, hold_id, seats, confirmed_at";
    static final String SELECT_BOOKINGS = "SELECT " + BOOKING_COLUMNS + " FROM bookings ORDER BY confirmed_at, booking_id";
    /** The viewer's booking by confirm key, else by hold id (the key's first). */
    static final String SELECT_BOOKING_BY_REQUEST = "SELECT " + BOOKING_COLUMNS + " FROM bookings"
            + " WHERE viewer = ? AND (confirm_key = ? OR hold_id = ?) ORDER BY confirm_key = ? DESC LIMIT 1";

    private LedgerSchema() {
    }

    /** {@code [13, 12]} → {@code "12,13"}. */
    public static String encodeSeats(List<Integer> seats) {
        List<Integer> sorted = new ArrayList<>(seats);
        sorted.sort(null);
        StringJoiner j = new StringJoiner(",");
        for (int s : sorted) {
            j.add(Integer.toString(s));
        }
        return j.toString();
    }

    /**
     * {@code "12,13"} → {@code [12, 13]}.
     *
     * @throws LedgerException when the text is not comma-separated whole numbers
     */
    public static List<Integer> decodeSeats(String text) {
        List<Integer> seats = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            throw new LedgerException("a booking's seats are empty; expected seat numbers such as 12,13");
        }
        for (String part : text.split(",", -1)) {
            try {
                seats.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new LedgerException("a booking's seats '" + abbreviate(text)
                        + "' are not comma-separated seat numbers such as 12,13");
            }
        }
        return seats;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
