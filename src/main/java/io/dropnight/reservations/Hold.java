package io.dropnight.reservations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Seats held for one viewer until {@link #expiresAtMillis}. Its mutable state is guarded by its
 * screening's {@link SeatMap} monitor.
 */
final class Hold {
    enum State { HELD, CONFIRMING, CONFIRMED, RELEASED, EXPIRED }

    final String id;
    final String viewer;
    final SeatMap screening;
    final int[] seats;
    final long expiresAtMillis;
    State state = State.HELD;
    /** The confirm's answer once a confirm started: one booking per hold, whatever the key. */
    CompletableFuture<Answer> confirmation;

    Hold(String id, String viewer, SeatMap screening, int[] seats, long expiresAtMillis) {
        this.id = id;
        this.viewer = viewer;
        this.screening = screening;
        this.seats = seats.clone();
        this.expiresAtMillis = expiresAtMillis;
    }

    List<Integer> seatList() {
        List<Integer> list = new ArrayList<>(seats.length);
        for (int s : seats) {
            list.add(s);
        }
        return list;
    }
}
