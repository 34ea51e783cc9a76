package io.dropnight.reservations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The reservation routes, their parameters, headers and refusal reasons: the one owner of how the
 * cinema API is spelt, read by the service's route table and by the nights that call it.
 *
 * <p>Every route needs {@code Authorization: Bearer <token>} from {@code POST /api/session}; every
 * write needs an {@value #IDEMPOTENCY_KEY} header. Patterns use {@code {name}} segments as the
 * service's router does. Constants only; thread-safe.
 */
public final class ReservationRoutes {
    /** {@code GET}: the screenings of one region, hottest first ({@code ?region=r01}). */
    public static final String SCREENINGS = "/api/screenings";
    /** {@code POST}: hold seats of a screening; body {@code {"seats":n}}. */
    public static final String HOLDS = "/api/screenings/{screeningId}/holds";
    /** {@code POST}: turn a hold into a booking, answered once it is durably committed. */
    public static final String CONFIRM = "/api/holds/{holdId}/confirm";
    /** {@code DELETE}: release a hold that is not confirmed. */
    public static final String HOLD = "/api/holds/{holdId}";

    /** The query parameter of {@link #SCREENINGS}. */
    public static final String REGION = "region";
    /** Path parameter of {@link #HOLDS}. */
    public static final String SCREENING_ID = "screeningId";
    /** Path parameter of {@link #CONFIRM} and {@link #HOLD}. */
    public static final String HOLD_ID = "holdId";
    /** The request header every write carries; scoped by the bearer token's viewer. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Longest idempotency key accepted, in characters. */
    public static final int MAX_KEY_LENGTH = 128;
    /** Fewest and most seats one hold may take. */
    public static final int MIN_SEATS = 1;
    public static final int MAX_SEATS = 10;

    /** 409 reason: fewer seats free than asked for. */
    public static final String SOLD_OUT = "sold-out";
    /** 409 reason: the hold expired before its confirmation. */
    public static final String HOLD_EXPIRED = "hold-expired";
    /** 404 reason: no such hold for this viewer (or lost in a restart). */
    public static final String HOLD_UNKNOWN = "hold-unknown";
    /** 404 reason: no such screening. */
    public static final String SCREENING_UNKNOWN = "screening-unknown";
    /** 409 reason: a confirmed hold cannot be released by {@code DELETE}. */
    public static final String HOLD_CONFIRMED = "hold-confirmed";
    /** 422 reason: an idempotency key already used for another request of the same kind. */
    public static final String KEY_REUSED = "idempotency-key-reused";

    private ReservationRoutes() {
    }

    /** {@code /api/screenings?region=...}, the region URL-encoded. */
    public static String screeningsPath(String region) {
        return SCREENINGS + "?" + REGION + "=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
    }

    /** The holds path of one screening. */
    public static String holdsPath(String screeningId) {
        return HOLDS.replace("{" + SCREENING_ID + "}", segment(screeningId));
    }

    /** The confirm path of one hold. */
    public static String confirmPath(String holdId) {
        return CONFIRM.replace("{" + HOLD_ID + "}", segment(holdId));
    }

    /** The path of one hold (for {@code DELETE}). */
    public static String holdPath(String holdId) {
        return HOLD.replace("{" + HOLD_ID + "}", segment(holdId));
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
