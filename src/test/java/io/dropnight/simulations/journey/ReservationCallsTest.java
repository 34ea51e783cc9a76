package io.dropnight.simulations.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the contract's answers are read: the screenings listed, a confirmation. */
class ReservationCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void readsTheScreeningsWithTheirRankAndFreeSeats() throws Exception {
        Optional<List<ReservationCalls.Listed>> listed = ReservationCalls.listed(json("""
                {"region":"r01","screenings":[
                  {"id":"scr-0007","cinemaId":"cin-012","region":"r01","startsAt":"2026-12-31T20:00:00Z","seats":120,"free":37,"rank":1},
                  {"id":"scr-0009","cinemaId":"cin-012","region":"r01","startsAt":"2026-12-31T22:00:00Z","seats":80,"free":0,"rank":4}]}
                """));
        assertEquals(Optional.of(List.of(new ReservationCalls.Listed("scr-0007", 1, 37),
                new ReservationCalls.Listed("scr-0009", 4, 0))), listed);
    }

    @Test
    void anEmptyRegionListsNothingAndAnotherShapeIsNotTheList() throws Exception {
        assertEquals(Optional.of(List.of()), ReservationCalls.listed(json("{\"region\":\"r02\",\"screenings\":[]}")));
        assertEquals(Optional.empty(), ReservationCalls.listed(json("{\"items\":[]}")));
        assertEquals(Optional.empty(), ReservationCalls.listed(json("{\"screenings\":[{\"id\":7,\"rank\":1}]}")),
                "an id that is not text is not the contract's");
        assertEquals(Optional.empty(), ReservationCalls.listed(json("{\"screenings\":[{\"id\":\"scr-1\"}]}")),
                "a screening without its rank cannot be picked by popularity");
    }

    @Test
    void aConfirmsAnswerIsWhatTheViewerWasToldWithTheKeyItSent() throws Exception {
        assertEquals(Optional.of(new io.dropnight.reservations.Confirmation("d3f1", "confirm-17-1", "b-9", "scr-0007", List.of(12, 13))),
                ReservationCalls.confirmation(json("""
                        {"bookingId":"b-9","viewer":"d3f1","holdId":"h-1","screeningId":"scr-0007","seats":[12,13]}"""),
                        "confirm-17-1", "scr-0007"));
    }

    @Test
    void aConfirmsAnswerWithoutItsBookingSeatsOrViewerIsNotAConfirmation() throws Exception {
        for (String body : List.of("{\"viewer\":\"v\",\"seats\":[1]}", "{\"bookingId\":\"b\",\"viewer\":\"v\",\"seats\":[]}",
                "{\"bookingId\":\"b\",\"seats\":[1]}", "{\"bookingId\":\"b\",\"viewer\":\"v\",\"seats\":[\"a\"]}")) {
            assertEquals(Optional.empty(), ReservationCalls.confirmation(json(body), "k", "scr-1"), body);
        }
    }
}
