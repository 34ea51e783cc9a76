package io.dropnight.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.reservations.LedgerReader;
import io.dropnight.reservations.LedgerSnapshot;
import io.dropnight.reservations.ReservationRoutes;
import io.dropnight.server.ErrorPage;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reservation routes on a real service on loopback: string ids, idempotency, sold out, overload, restart. */
class ReservationsApiTest {
    @TempDir
    Path runDir;

    private static RunningService small(Path runDir) {
        // 1 cinema, 4 screenings; no modelled cost, so that only the reservations are under test.
        return RunningService.start(runDir, b -> b.reservationsScale(0.001).unconstrained(true));
    }

    private static HttpResponse<String> write(RunningService s, String method, String path, String token, String key,
                                              String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(s.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (key != null) {
            r.header(ReservationRoutes.IDEMPOTENCY_KEY, key);
        }
        return s.send(r);
    }

    private static HttpResponse<String> hold(RunningService s, String token, String key, String screening, int n)
            throws Exception {
        return write(s, "POST", ReservationRoutes.holdsPath(screening), token, key, "{\"seats\":" + n + "}");
    }

    private static JsonNode screenings(RunningService s, String token) throws Exception {
        HttpResponse<String> r = s.get(ReservationRoutes.screeningsPath("r01"), token);
        assertEquals(200, r.statusCode(), r.body());
        return RunningService.json(r);
    }

    @Test
    void listsARegionsScreeningsHottestFirstWithStringIds() throws Exception {
        try (RunningService s = small(runDir)) {
            JsonNode body = screenings(s, s.login());

            assertEquals("r01", body.get("region").asText());
            JsonNode list = body.get("screenings");
            assertEquals(4, list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonNode one = list.get(i);
                assertTrue(one.get("id").isTextual() && one.get("id").asText().startsWith("scr-"), one.toString());
                assertTrue(one.get("cinemaId").asText().startsWith("cin-"));
                assertEquals(one.get("seats").asInt(), one.get("free").asInt());
                assertEquals(i + 1, one.get("rank").asInt(), "hottest first");
            }
            assertEquals(400, s.get(ReservationRoutes.screeningsPath("r99"), s.login()).statusCode());
            assertEquals(401, s.get(ReservationRoutes.screeningsPath("r01"), null).statusCode());
            assertTrue(java.nio.file.Files.isRegularFile(runDir.resolve("reservations.db")),
                    "without --reservations-db the ledger is the run folder's reservations.db");
        }
    }

    @Test
    void aRetriedWriteGetsTheFirstAnswerAndTheBookingIsInTheLedger() throws Exception {
        try (RunningService s = small(runDir)) {
            String token = s.login();
            String screening = screenings(s, token).get("screenings").get(0).get("id").asText();
            HttpResponse<String> held = hold(s, token, "hold-1", screening, 2);
            assertEquals(201, held.statusCode(), held.body());
            assertEquals(held.body(), hold(s, token, "hold-1", screening, 2).body(), "the same key: the first answer");
            String holdId = RunningService.json(held).get("holdId").asText();

            HttpResponse<String> confirmed = write(s, "POST", ReservationRoutes.confirmPath(holdId), token, "confirm-1", null);
            HttpResponse<String> again = write(s, "POST", ReservationRoutes.confirmPath(holdId), token, "confirm-1", null);

            assertEquals(200, confirmed.statusCode(), confirmed.body());
            assertEquals(confirmed.body(), again.body());
            List<LedgerSnapshot.Booking> bookings = LedgerReader.read(runDir.resolve(io.dropnight.runfolder.RunFiles.RESERVATIONS_DB)).bookings();
            assertEquals(1, bookings.size(), "a retried confirm books nothing more");
            assertEquals(RunningService.json(confirmed).get("bookingId").asText(), bookings.get(0).bookingId());
            assertEquals(bookings.get(0).viewer(), RunningService.json(confirmed).get("viewer").asText(),
                    "the answer names the viewer as the ledger keys it (the token's profile id)");
            assertEquals(List.of(1, 2), bookings.get(0).seats());
            assertEquals(screening, bookings.get(0).screeningId());

            HttpResponse<String> released = write(s, "DELETE", ReservationRoutes.holdPath(holdId), token, "cancel-1", null);
            assertEquals(409, released.statusCode(), "a confirmed hold is not released");
            assertEquals(ReservationRoutes.HOLD_CONFIRMED, RunningService.json(released).get("reason").asText());
        }
    }

    @Test
    void aWriteWithoutAKeyOrWithBadSeatsIsA400AndNotActedOn() throws Exception {
        try (RunningService s = small(runDir)) {
            String token = s.login();
            String screening = screenings(s, token).get("screenings").get(0).get("id").asText();

            HttpResponse<String> noKey = hold(s, token, null, screening, 2);
            assertEquals(400, noKey.statusCode());
            assertTrue(noKey.body().contains("Idempotency-Key"), noKey.body());
            assertEquals(400, hold(s, token, "k", screening, 11).statusCode());
            assertEquals(400, write(s, "POST", ReservationRoutes.holdsPath(screening), token, "k2", "{\"seats\":\"2\"}").statusCode());
            assertEquals(400, write(s, "POST", ReservationRoutes.confirmPath("h-x"), token, null, null).statusCode());
            HttpResponse<String> unknown = hold(s, token, "k3", "scr-9999", 1);
            assertEquals(404, unknown.statusCode());
            assertEquals(ReservationRoutes.SCREENING_UNKNOWN, RunningService.json(unknown).get("reason").asText());
            HttpResponse<String> noHold = write(s, "POST", ReservationRoutes.confirmPath("h-nothing"), token, "k4", null);
            assertEquals(404, noHold.statusCode());
            assertEquals(ReservationRoutes.HOLD_UNKNOWN, RunningService.json(noHold).get("reason").asText());
            assertEquals(screenings(s, token).get("screenings").get(0).get("seats").asInt(),
                    screenings(s, token).get("screenings").get(0).get("free").asInt(), "nothing was held");
        }
    }

    @Test
    void soldOutIsA409WithItsReasonNeverTheErrorPage() throws Exception {
        try (RunningService s = small(runDir)) {
            String token = s.login();
            JsonNode first = screenings(s, token).get("screenings").get(0);
            String screening = first.get("id").asText();
            int left = first.get("seats").asInt();
            for (int i = 0; left > 0; i++) {
                int n = Math.min(10, left);
                assertEquals(201, hold(s, token, "k" + i, screening, n).statusCode());
                left -= n;
            }

            HttpResponse<String> soldOut = hold(s, token, "late", screening, 1);

            assertEquals(409, soldOut.statusCode());
            assertEquals(ReservationRoutes.SOLD_OUT, RunningService.json(soldOut).get("reason").asText());
            assertEquals(screening, RunningService.json(soldOut).get("screeningId").asText());
            assertFalse(soldOut.headers().firstValue(ErrorPage.HEADER).isPresent());
        }
    }

    @Test
    void aConfirmIsAnsweredAfterItsModelledWriteBesideTheSlots() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.reservationsScale(0.001).serviceTime("confirm=fixed:1ms")
                .writeTime("fixed:300ms"))) {
            String token = s.login();
            String screening = screenings(s, token).get("screenings").get(0).get("id").asText();
            String holdId = RunningService.json(hold(s, token, "h", screening, 1)).get("holdId").asText();

            long start = System.nanoTime();
            HttpResponse<String> confirmed = write(s, "POST", ReservationRoutes.confirmPath(holdId), token, "c", null);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(200, confirmed.statusCode(), confirmed.body());
            assertTrue(tookMillis >= 300, "the modelled write (300 ms) is waited for: " + tookMillis + " ms");
        }
    }

    @Test
    void theBookingWritesFollowTheAdminsCapacityChange() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.reservationsScale(0.001).writeTime("fixed:3s"))) {
            String token = s.login();
            HttpResponse<String> admin = s.send(HttpRequest.newBuilder(s.uri("/admin/capacity"))
                    .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"unconstrained\": true}")));
            assertEquals(200, admin.statusCode(), admin.body());
            String screening = screenings(s, token).get("screenings").get(0).get("id").asText();
            String holdId = RunningService.json(hold(s, token, "h", screening, 1)).get("holdId").asText();

            long start = System.nanoTime();
            HttpResponse<String> confirmed = write(s, "POST", ReservationRoutes.confirmPath(holdId), token, "c", null);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(200, confirmed.statusCode(), confirmed.body());
            assertTrue(tookMillis < 3_000, "unconstrained, the 3 s modelled write is gone: " + tookMillis + " ms");
        }
    }

    @Test
    void overloadIsTheBrandedErrorPageUnderTheCatalogueSPolicy() throws Exception {
        try (RunningService s = RunningService.start(runDir, b -> b.reservationsScale(0.001).scale(0.001).slots(1000).queueLimit(0)
                .serviceTime("hold=fixed:400ms"))) {
            String token = s.login();
            String screening = screenings(s, token).get("screenings").get(0).get("id").asText();
            List<CompletableFuture<HttpResponse<String>>> rush = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                rush.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return hold(s, token, "rush-" + n, screening, 1);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            int shed = 0;
            for (CompletableFuture<HttpResponse<String>> f : rush) {
                HttpResponse<String> r = f.join();
                if (r.statusCode() == 503) {
                    shed++;
                    assertEquals(ErrorPage.MARKER, r.headers().firstValue(ErrorPage.HEADER).orElse(null));
                    assertTrue(r.headers().firstValue("Retry-After").isPresent());
                } else {
                    assertEquals(201, r.statusCode(), r.body());
                }
            }
            assertEquals(3, shed, "one slot at scale 0.001 (1000 x 0.001), no queue: three of four are shed");
        }
    }

    @Test
    void aRestartOnTheSameFileKeepsTheBookingAndAnswersARetriedConfirmFromIt() throws Exception {
        String token;
        String screening;
        String holdId;
        HttpResponse<String> first;
        int seats;
        try (RunningService s = small(runDir)) {
            token = s.login();
            JsonNode listed = screenings(s, token).get("screenings").get(0);
            screening = listed.get("id").asText();
            seats = listed.get("seats").asInt();
            holdId = RunningService.json(hold(s, token, "h", screening, 3)).get("holdId").asText();
            first = write(s, "POST", ReservationRoutes.confirmPath(holdId), token, "c", null);
            assertEquals(200, first.statusCode(), first.body());
        }
        try (RunningService s = small(runDir)) {
            JsonNode again = screenings(s, token).get("screenings").get(0);
            assertEquals(screening, again.get("id").asText());
            assertEquals(seats - 3, again.get("free").asInt(), "the sold seats were rebuilt from the ledger");

            HttpResponse<String> retried = write(s, "POST", ReservationRoutes.confirmPath(holdId), token, "c", null);

            assertEquals(200, retried.statusCode(), "the session outlives the restart (same admin token)");
            assertEquals(first.body(), retried.body(), "the retried confirm is answered from the ledger");
            HttpResponse<String> stranger = write(s, "POST", ReservationRoutes.confirmPath(holdId), s.login(), "c", null);
            assertEquals(404, stranger.statusCode(), "keys are per viewer");
            assertEquals(1, LedgerReader.read(runDir.resolve(io.dropnight.runfolder.RunFiles.RESERVATIONS_DB)).bookings().size());
        }
    }
}
