package io.dropnight.reservations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every answer the box office gives, built in one place so that a retry's answer is spelt as the first. */
final class Answers {
    private Answers() {
    }

    /** 200: the region's screenings, hottest first, with their free seats. */
    static Answer screenings(String region, List<Screening> screenings, Function<Screening, Integer> free) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Screening s : screenings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("cinemaId", s.cinemaId());
            m.put("region", s.region());
            m.put("startsAt", s.startsAt().toString());
            m.put("seats", s.seats());
            m.put("free", free.apply(s));
            m.put("rank", s.rank());
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("screenings", list);
        return new Answer(200, body);
    }

    static Answer unknownRegion(List<String> ids) {
        return Answer.refusal(400, "region-unknown", "region must be one of " + ids.get(0)
                + (ids.size() > 1 ? ".." + ids.get(ids.size() - 1) : "") + " at this scale");
    }

    /** 201: the held seats and when they expire. */
    static Answer held(Hold hold) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holdId", hold.id);
        body.put("screeningId", hold.screening.screening.id());
        body.put("seats", hold.seatList());
        body.put("expiresAt", Instant.ofEpochMilli(hold.expiresAtMillis).toString());
        return new Answer(201, body);
    }

    /**
     * 200: a booking, the same from memory and from the ledger. It names the viewer (the bearer
     * token's profile id) so that a client can record what it was told as the ledger keys it.
     */
    static Answer booked(LedgerSnapshot.Booking b) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bookingId", b.bookingId());
        body.put("holdId", b.holdId());
        body.put("screeningId", b.screeningId());
        body.put("seats", b.seats());
        body.put("viewer", b.viewer());
        return new Answer(200, body);
    }

    static Answer released(String holdId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holdId", holdId);
        body.put("released", true);
        return new Answer(200, body);
    }

    static Answer unknownScreening(String screeningId) {
        return Answer.refusal(404, ReservationRoutes.SCREENING_UNKNOWN, "no screening " + screeningId,
                "screeningId", screeningId);
    }

    static Answer soldOut(String screeningId, int seats) {
        return Answer.refusal(409, ReservationRoutes.SOLD_OUT, "fewer than " + seats + " seats are free",
                "screeningId", screeningId);
    }

    static Answer expired(String holdId) {
        return Answer.refusal(409, ReservationRoutes.HOLD_EXPIRED, "the hold expired before its confirmation",
                "holdId", holdId);
    }

    static Answer confirmedNotReleased(String holdId) {
        return Answer.refusal(409, ReservationRoutes.HOLD_CONFIRMED, "a confirmed hold cannot be released",
                "holdId", holdId);
    }

    static Answer unknownHold(String holdId) {
        return Answer.refusal(404, ReservationRoutes.HOLD_UNKNOWN, "no hold " + holdId
                + " for this viewer (holds are lost in a restart)", "holdId", holdId);
    }

    /** 422: the key already made another booking (of another hold, before a restart). */
    static Answer keyMadeAnotherBooking() {
        return Answer.refusal(422, ReservationRoutes.KEY_REUSED, "this Idempotency-Key already confirmed another"
                + " hold; use a new key for a new request");
    }
}
