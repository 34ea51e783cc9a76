package io.dropnight.reservations;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One screening's seats: which are taken (held or sold) and the holds that may still expire.
 * Every method and every {@link Hold}'s state of this screening is guarded by this object's
 * monitor: callers synchronize on it, so two holds never take one seat.
 */
final class SeatMap {
    final Screening screening;
    private final BitSet taken;
    private final PriorityQueue<Hold> expiring = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMillis, b.expiresAtMillis));
    private int sold;

    SeatMap(Screening screening) {
        this.screening = screening;
        this.taken = new BitSet(screening.seats() + 1);
    }

    /**
     * A seat map per screening, with the seats of the ledger's bookings sold: the state at start,
     * and after a restart. Adds the screenings to the ledger first. Blocking: call at start.
     */
    static Map<String, SeatMap> rebuild(Cinemas cinemas, Ledger ledger) {
        Map<String, SeatMap> maps = new HashMap<>();
        List<LedgerSnapshot.Screening> rows = new ArrayList<>();
        for (Screening s : cinemas.screenings()) {
            maps.put(s.id(), new SeatMap(s));
            rows.add(s.ledgerRow());
        }
        ledger.addScreenings(rows);
        for (LedgerSnapshot.Booking b : ledger.snapshot().bookings()) {
            SeatMap map = maps.get(b.screeningId());
            if (map != null) {
                synchronized (map) {
                    map.restoreSold(b.seats());
                }
            }
        }
        return Map.copyOf(maps);
    }

    /** Marks seats sold by a booking read from the ledger (a restart). Caller holds the monitor. */
    void restoreSold(Iterable<Integer> seats) {
        for (int seat : seats) {
            if (seat >= 1 && seat <= screening.seats() && !taken.get(seat)) {
                taken.set(seat);
                sold++;
            }
        }
    }

    /** Free seats after expiring the holds due at {@code nowMillis}. Caller holds the monitor. */
    int free(long nowMillis) {
        expire(nowMillis);
        return screening.seats() - taken.cardinality();
    }

    int sold() {
        return sold;
    }

    /**
     * Takes the {@code n} lowest free seats for a new hold, or returns null when fewer are free.
     * Caller holds the monitor.
     */
    int[] take(int n, long nowMillis) {
        if (free(nowMillis) < n) {
            return null;
        }
        int[] seats = new int[n];
        int seat = 0;
        for (int i = 0; i < n; i++) {
            seat = taken.nextClearBit(seat + 1);
            seats[i] = seat;
            taken.set(seat);
        }
        return seats;
    }

    void track(Hold hold) {
        expiring.add(hold);
    }

    /** Frees a held hold's seats. Caller holds the monitor. */
    void release(Hold hold) {
        for (int seat : hold.seats) {
            taken.clear(seat);
        }
    }

    void sell(Hold hold) {
        sold += hold.seats.length;
    }

    /** Expires every held hold due by {@code nowMillis}, freeing its seats. */
    void expire(long nowMillis) {
        while (!expiring.isEmpty() && expiring.peek().expiresAtMillis <= nowMillis) {
            Hold h = expiring.poll();
            if (h.state == Hold.State.HELD) {
                h.state = Hold.State.EXPIRED;
                release(h);
            }
        }
    }
}
