package io.dropnight.simulations.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.reservations.Confirmation;
import io.dropnight.reservations.ReservationRoutes;
import io.dropnight.profile.ErrorPageSpec;
import io.dropnight.profile.Expressions;
import io.dropnight.profile.TargetProfile;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * How each reservation call is made on the wire (the cinema rush's {@code Api}, apart from what a
 * viewer does, {@link ReservationJourney}): the routes as {@link ReservationRoutes} spells them, the
 * journey's own headers (its bearer token), the {@value ReservationRoutes#IDEMPOTENCY_KEY} of every
 * write, and how an answer is read (the journey's error page, a JSON body, {@code Retry-After}).
 * Thread-safe: built once, shared by every viewer.
 */
public final class ReservationCalls {
    /** Request names: endpoints in client.hlog, Gatling's statistics and the report. */
    public static final String SCREENINGS = "screenings";
    public static final String HOLD = "hold";
    public static final String CONFIRM = "confirm";

    /** What the requests read from the viewer's session. */
    static final String REGION = "cinema.region";
    static final String SCREENING_ID = "cinema.screeningId";
    static final String HOLD_ID = "cinema.holdId";
    static final String KEY = "cinema.key";
    static final String SEATS = "cinema.seats";
    /** What the answer leaves in the session (cleared before each attempt). */
    private static final String STATUS = TargetCalls.HTTP_STATUS;
    private static final String BODY = "cinema.body";
    private static final String ERROR_PAGE_MATCHES = "cinema.errorPageMatches";
    private static final String ERROR_PAGE_HEADER = "cinema.errorPageHeader";
    private static final String CONTENT_TYPE = "cinema.contentType";
    static final String[] ANSWER_NAMES = {STATUS, BODY, ERROR_PAGE_MATCHES, ERROR_PAGE_HEADER, CONTENT_TYPE, TargetCalls.RETRY_AFTER};
    /** Statuses the contract gives these routes; any other is an answer the journey does not know (a failure). */
    private static final List<Integer> CONTRACT_STATUSES = List.of(200, 201, 404, 409);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetProfile profile;

    public ReservationCalls(TargetProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** {@code GET /api/screenings?region=}: the screenings near the viewer, hottest first. */
    HttpRequestActionBuilder screenings() {
        return withChecks(headers(http(SCREENINGS).get(s -> ReservationRoutes.screeningsPath(s.getString(REGION)))));
    }

    /** {@code POST /api/screenings/{id}/holds} with {@code {"seats":n}} and the viewer's hold key. */
    HttpRequestActionBuilder hold() {
        return withChecks(headers(http(HOLD).post(s -> ReservationRoutes.holdsPath(s.getString(SCREENING_ID))))
                .header(ReservationRoutes.IDEMPOTENCY_KEY, s -> s.getString(KEY))
                .body(StringBody(s -> "{\"seats\":" + s.getInt(SEATS) + "}")).asJson());
    }

    /** {@code POST /api/holds/{id}/confirm} with the viewer's confirm key. */
    HttpRequestActionBuilder confirm() {
        return withChecks(headers(http(CONFIRM).post(s -> ReservationRoutes.confirmPath(s.getString(HOLD_ID))))
                .header(ReservationRoutes.IDEMPOTENCY_KEY, s -> s.getString(KEY)));
    }

    /** The journey's headers ({@code Authorization: Bearer #{token}}), sent on every reservation call. */
    private HttpRequestActionBuilder headers(HttpRequestActionBuilder r) {
        HttpRequestActionBuilder out = r;
        for (Map.Entry<String, String> h : profile.headers().entrySet()) {
            out = out.header(h.getKey(), h.getValue());
        }
        return out;
    }

    /** Saves first, validates last, as {@link TargetCalls}: Gatling marks the error page and unknown statuses KO. */
    private HttpRequestActionBuilder withChecks(HttpRequestActionBuilder r) {
        ErrorPageSpec page = profile.errorPage();
        List<CheckBuilder> checks = new ArrayList<>();
        checks.add(status().saveAs(STATUS));
        checks.add(bodyString().saveAs(BODY));
        checks.add(header("Content-Type").optional().saveAs(CONTENT_TYPE));
        checks.add(header("Retry-After").optional().saveAs(TargetCalls.RETRY_AFTER));
        page.bodyContains().ifPresent(m -> checks.add(substring(m).count().saveAs(ERROR_PAGE_MATCHES)));
        page.header().ifPresent(h -> checks.add(header(h).optional().saveAs(ERROR_PAGE_HEADER)));
        checks.add(status().in(CONTRACT_STATUSES));
        page.bodyContains().ifPresent(m -> checks.add(substring(m).notExists()));
        page.header().ifPresent(h -> checks.add(header(h).notExists()));
        return r.check(checks.toArray(CheckBuilder[]::new));
    }

    /**
     * The answer now in {@code s}, read once.
     *
     * @param status    its status; empty when none came (a timeout, a refused connection)
     * @param errorPage whether it is the journey's error page (its marker, status, header or JSON)
     * @param json      its body as JSON, when it is a JSON object
     */
    record Answer(Optional<Integer> status, boolean errorPage, Optional<JsonNode> json) {
        /** The contract's {@code reason} of a refusal ({@code sold-out}, {@code hold-expired}, ...), or "". */
        String reason() {
            return json.map(j -> j.path("reason").asText("")).orElse("");
        }

        boolean is(int code) {
            return status.isPresent() && status.get() == code;
        }
    }

    Answer read(Session s) {
        Optional<Integer> status = s.contains(STATUS) ? Optional.of(s.getInt(STATUS)) : Optional.empty();
        String body = s.contains(BODY) ? s.getString(BODY) : "";
        String contentType = s.getString(CONTENT_TYPE);
        ErrorPageSpec page = profile.errorPage();
        boolean marked = s.contains(ERROR_PAGE_MATCHES) && s.getInt(ERROR_PAGE_MATCHES) > 0;
        boolean jsonMarked = page.json().isPresent() && ErrorPageSpec.truthyOnJson(page.json().get(), contentType, body);
        boolean errorPage = page.matches(status.orElse(null), marked, s.contains(ERROR_PAGE_HEADER), jsonMarked);
        return new Answer(status, errorPage, Expressions.isJson(contentType) ? parse(body) : Optional.empty());
    }

    private static Optional<JsonNode> parse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a body that is not JSON: the journey reads it as an unknown answer
        }
    }

    /** A screening as listed: its id, its popularity rank (1 = hottest) and the seats it showed free. */
    record Listed(String id, int rank, int free) {
    }

    /** The screenings of a 200, or empty when the answer is not the contract's list. */
    static Optional<List<Listed>> listed(JsonNode answer) {
        JsonNode list = answer.get("screenings");
        if (list == null || !list.isArray()) {
            return Optional.empty();
        }
        List<Listed> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.path("id").isTextual() || !n.path("rank").canConvertToInt()) {
                return Optional.empty();
            }
            out.add(new Listed(n.get("id").asText(), Math.max(1, n.get("rank").asInt()), n.path("free").asInt(Integer.MAX_VALUE)));
        }
        return Optional.of(List.copyOf(out));
    }

    /**
     * What a 200 to a confirm told the viewer, or empty when it is not the contract's answer. The
     * viewer is the one the answer names (the token's); the key is the one this confirm was sent with.
     */
    static Optional<Confirmation> confirmation(JsonNode answer, String confirmKey, String picked) {
        JsonNode seats = answer.get("seats");
        if (!answer.path("bookingId").isTextual() || seats == null || !seats.isArray() || seats.isEmpty()
                || !answer.path("viewer").isTextual()) {
            return Optional.empty();
        }
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode n : seats) {
            if (!n.canConvertToInt()) {
                return Optional.empty();
            }
            numbers.add(n.asInt());
        }
        String screening = answer.path("screeningId").asText(picked);
        return Optional.of(new Confirmation(answer.get("viewer").asText(), confirmKey,
                answer.get("bookingId").asText(), screening, numbers));
    }
}
