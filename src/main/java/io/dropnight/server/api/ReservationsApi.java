package io.dropnight.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.core.UntrustedText;
import io.dropnight.reservations.Answer;
import io.dropnight.reservations.BoxOffice;
import io.dropnight.reservations.ReservationRoutes;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.concurrent.CompletionStage;

/**
 * The cinema reservation routes ({@link ReservationRoutes}): reads and checks a request, hands it
 * to the {@link BoxOffice} after the virtual backend served it, and answers with the box office's
 * answer. A request without what it needs is a 400 at once, never acted on. Thread-safe.
 */
public final class ReservationsApi {
    /** Longest hold or screening id read from a path. */
    private static final int MAX_ID_LENGTH = 64;

    private final BoxOffice box;
    private final Json json;

    public ReservationsApi(BoxOffice box, Json json) {
        this.box = java.util.Objects.requireNonNull(box, "box");
        this.json = java.util.Objects.requireNonNull(json, "json");
    }

    public Route.Call screenings(RequestView request) {
        String region = request.queryParam(ReservationRoutes.REGION);
        if (region == null || region.isBlank()) {
            throw HttpProblem.badRequest("query parameter region is required, for example "
                    + ReservationRoutes.screeningsPath("r01"));
        }
        return Route.Call.of(() -> reply(box.screenings(region)));
    }

    public Route.Call hold(RequestView request) {
        String key = idempotencyKey(request);
        String screeningId = id(request, ReservationRoutes.SCREENING_ID);
        int seats = seats(json.readObject(request.body()));
        String viewer = request.subject();
        return Route.Call.later(() -> replyLater(box.hold(viewer, key, screeningId, seats)));
    }

    public Route.Call confirm(RequestView request) {
        String key = idempotencyKey(request);
        String holdId = id(request, ReservationRoutes.HOLD_ID);
        String viewer = request.subject();
        return Route.Call.later(() -> replyLater(box.confirm(viewer, key, holdId)));
    }

    public Route.Call cancel(RequestView request) {
        String key = idempotencyKey(request);
        String holdId = id(request, ReservationRoutes.HOLD_ID);
        String viewer = request.subject();
        return Route.Call.later(() -> replyLater(box.cancel(viewer, key, holdId)));
    }

    private static CompletionStage<Reply> replyLater(CompletionStage<Answer> answer) {
        return answer.thenApply(ReservationsApi::reply);
    }

    private static Reply reply(Answer answer) {
        return Reply.json(HttpResponseStatus.valueOf(answer.status()), answer.body());
    }

    private static String idempotencyKey(RequestView request) {
        String key = request.headers().get(ReservationRoutes.IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            throw HttpProblem.badRequest("every write needs an " + ReservationRoutes.IDEMPOTENCY_KEY
                    + " header; a retry sends the same key");
        }
        if (key.length() > ReservationRoutes.MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw HttpProblem.badRequest(ReservationRoutes.IDEMPOTENCY_KEY + " must be 1 to "
                    + ReservationRoutes.MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return key;
    }

    private static String id(RequestView request, String name) {
        String id = request.pathParams().get(name);
        if (id == null || id.length() > MAX_ID_LENGTH) {
            throw HttpProblem.badRequest(name + " must be at most " + MAX_ID_LENGTH + " characters, got '"
                    + UntrustedText.abbreviate(id) + "'");
        }
        return id;
    }

    private static int seats(JsonNode body) {
        JsonNode seats = body.get("seats");
        if (seats == null || !seats.isInt() || seats.asInt() < ReservationRoutes.MIN_SEATS
                || seats.asInt() > ReservationRoutes.MAX_SEATS) {
            throw HttpProblem.badRequest("body must be {\"seats\": n} with n a whole number from "
                    + ReservationRoutes.MIN_SEATS + " to " + ReservationRoutes.MAX_SEATS);
        }
        return seats.asInt();
    }
}
