package io.dropnight.reservations;

import java.util.List;
import java.util.Objects;

/**
 * What a client was told by a 200 to a confirm: the booking it now holds. Immutable.
 *
 * @param viewer      the bearer token's viewer (profile id)
 * @param confirmKey  the idempotency key the confirm was sent with
 * @param bookingId   the booking id answered
 * @param screeningId the screening answered
 * @param seats       the seat numbers answered (1..capacity)
 */
public record Confirmation(String viewer, String confirmKey, String bookingId, String screeningId,
                           List<Integer> seats) {
    public Confirmation {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(confirmKey, "confirmKey");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(screeningId, "screeningId");
        seats = List.copyOf(Objects.requireNonNull(seats, "seats"));
    }
}
