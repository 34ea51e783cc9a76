package io.dropnight.reservations;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxOfficeTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T17:00:00Z"));
    private final Cinemas cinemas = CinemaGenerator.generate(new CinemaConfig(2026, 0.0001));
    private final Screening screening = cinemas.screenings().get(0);

    @TempDir
    Path dir;
    private LedgerWriter writer;

    private BoxOffice open(boolean unsafe) {
        SqliteLedger ledger = SqliteLedger.open(dir.resolve("reservations.db"));
        writer = new LedgerWriter(ledger);
        return new BoxOffice(cinemas, ledger, writer, ModelledWrite.FREE, clock, TTL, unsafe);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private static Answer await(java.util.concurrent.CompletableFuture<Answer> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> seats(Answer a) {
        return (List<Integer>) a.body().get("seats");
    }

    @Test
    void aConfirmedHoldIsInTheLedgerWithItsSeatNumbers() throws Exception {
        BoxOffice box = open(false);
        Answer hold = await(box.hold("v1", "k-hold", screening.id(), 2));
        assertEquals(201, hold.status());
        assertEquals(List.of(1, 2), seats(hold));
        assertEquals(clock.instant().plus(TTL).toString(), hold.body().get("expiresAt"));

        Answer confirm = await(box.confirm("v1", "k-confirm", (String) hold.body().get("holdId")));

        assertEquals(200, confirm.status());
        LedgerSnapshot.Booking booked = LedgerReader.read(dir.resolve("reservations.db")).bookings().get(0);
        assertEquals(confirm.body().get("bookingId"), booked.bookingId());
        assertEquals(List.of(1, 2), booked.seats());
        assertEquals("k-confirm", booked.confirmKey());
        assertEquals(Map.of("bookingId", booked.bookingId(), "holdId", hold.body().get("holdId"),
                "screeningId", screening.id(), "seats", List.of(1, 2), "viewer", "v1"), confirm.body());
    }

    @Test
    void theLedgerIsWrittenOnItsOwnThreadNeverTheCallers() throws Exception {
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SqliteLedger sqlite = SqliteLedger.open(dir.resolve("reservations.db"));
        Ledger recording = new Ledger() {
            @Override
            public void addScreenings(java.util.Collection<LedgerSnapshot.Screening> screenings) {
                sqlite.addScreenings(screenings);
            }

            @Override
            public java.util.Set<String> commit(List<LedgerSnapshot.Booking> bookings) {
                threads.add(Thread.currentThread().getName());
                return sqlite.commit(bookings);
            }

            @Override
            public java.util.Optional<LedgerSnapshot.Booking> find(String viewer, String key, String holdId) {
                threads.add(Thread.currentThread().getName());
                return sqlite.find(viewer, key, holdId);
            }

            @Override
            public LedgerSnapshot snapshot() {
                return sqlite.snapshot();
            }

            @Override
            public void close() {
                sqlite.close();
            }
        };
        writer = new LedgerWriter(recording);
        BoxOffice box = new BoxOffice(cinemas, recording, writer, ModelledWrite.FREE, clock, TTL, false);
        String holdId = (String) await(box.hold("v1", "k", screening.id(), 1)).body().get("holdId");
        await(box.confirm("v1", "c", holdId));
        await(box.confirm("v1", "c2", "h-unknown"));

        assertEquals(java.util.Set.of(LedgerWriter.THREAD_NAME), threads);
    }

    @Test
    void aFailedCommitBooksNothingIsNotRememberedAndTheRetryBooks() throws Exception {
        SqliteLedger sqlite = SqliteLedger.open(dir.resolve("reservations.db"));
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(1);
        Ledger failingOnce = new Ledger() {
            @Override
            public void addScreenings(java.util.Collection<LedgerSnapshot.Screening> screenings) {
                sqlite.addScreenings(screenings);
            }

            @Override
            public java.util.Set<String> commit(List<LedgerSnapshot.Booking> bookings) {
                if (failures.getAndDecrement() > 0) {
                    throw new LedgerException("reservations-db: disk full (a test fault)");
                }
                return sqlite.commit(bookings);
            }

            @Override
            public java.util.Optional<LedgerSnapshot.Booking> find(String viewer, String key, String holdId) {
                return sqlite.find(viewer, key, holdId);
            }

            @Override
            public LedgerSnapshot snapshot() {
                return sqlite.snapshot();
            }

            @Override
            public void close() {
                sqlite.close();
            }
        };
        writer = new LedgerWriter(failingOnce);
        BoxOffice box = new BoxOffice(cinemas, failingOnce, writer, ModelledWrite.FREE, clock, TTL, false);
        String holdId = (String) await(box.hold("v1", "k", screening.id(), 2)).body().get("holdId");

        java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> await(box.confirm("v1", "c", holdId)));
        assertTrue(failed.getCause() instanceof LedgerException, String.valueOf(failed.getCause()));
        assertTrue(sqlite.snapshot().bookings().isEmpty());
        assertEquals(screening.seats() - 2, freeSeats(box), "the seats stay held for the retry");

        Answer retried = await(box.confirm("v1", "c", holdId));

        assertEquals(200, retried.status(), "the failure was not kept for the key: the retry acted again");
        assertEquals(1, sqlite.snapshot().bookings().size());
    }

    @Test
    void aRetriedWriteGetsTheFirstAnswerAndActsOnce() throws Exception {
        BoxOffice box = open(false);
        Answer first = await(box.hold("v1", "k", screening.id(), 3));
        Answer again = await(box.hold("v1", "k", screening.id(), 3));
        Answer otherViewer = await(box.hold("v2", "k", screening.id(), 3));
        assertEquals(first, again);
        assertNotEquals(first.body().get("holdId"), otherViewer.body().get("holdId"), "keys are scoped per viewer");
        assertEquals(List.of(4, 5, 6), seats(otherViewer), "the retry took no seats");

        String holdId = (String) first.body().get("holdId");
        Answer confirmed = await(box.confirm("v1", "c", holdId));
        assertEquals(confirmed, await(box.confirm("v1", "c", holdId)));
        assertEquals(confirmed, await(box.confirm("v1", "c-other-key", holdId)), "one booking per hold");
        assertEquals(1, LedgerReader.read(dir.resolve("reservations.db")).bookings().size());

        Answer reused = await(box.confirm("v1", "c", (String) otherViewer.body().get("holdId")));
        assertEquals(422, reused.status());
        assertEquals(ReservationRoutes.KEY_REUSED, reused.body().get("reason"));
    }

    @Test
    void soldOutIsA409WithItsReasonAndNothingHeld() throws Exception {
        BoxOffice box = open(false);
        int left = screening.seats();
        int n = 0;
        while (left > 0) {
            int take = Math.min(10, left);
            assertEquals(201, await(box.hold("v" + n, "k", screening.id(), take)).status());
            left -= take;
            n++;
        }
        Answer soldOut = await(box.hold("late", "k", screening.id(), 1));

        assertEquals(409, soldOut.status());
        assertEquals(ReservationRoutes.SOLD_OUT, soldOut.body().get("reason"));
        assertEquals(screening.id(), soldOut.body().get("screeningId"));
        assertEquals(0, freeSeats(box));
        assertEquals(404, await(box.hold("v", "k2", "scr-9999", 1)).status());
    }

    @Test
    void aHoldExpiresAfterItsTimeAndItsSeatsAreFreeAgain() throws Exception {
        BoxOffice box = open(false);
        Answer hold = await(box.hold("v1", "k", screening.id(), 2));
        clock.advance(TTL.minusMillis(1));
        assertEquals(screening.seats() - 2, freeSeats(box), "still held a millisecond before");
        clock.advance(Duration.ofMillis(1));

        Answer late = await(box.confirm("v1", "c", (String) hold.body().get("holdId")));

        assertEquals(409, late.status());
        assertEquals(ReservationRoutes.HOLD_EXPIRED, late.body().get("reason"));
        assertEquals(screening.seats(), freeSeats(box));
        assertEquals(List.of(1, 2), seats(await(box.hold("v2", "k", screening.id(), 2))));
        assertTrue(LedgerReader.read(dir.resolve("reservations.db")).bookings().isEmpty());
    }

    @Test
    void cancelReleasesAHeldHoldButNotAConfirmedOne() throws Exception {
        BoxOffice box = open(false);
        String a = (String) await(box.hold("v1", "k1", screening.id(), 2)).body().get("holdId");
        String b = (String) await(box.hold("v1", "k2", screening.id(), 2)).body().get("holdId");
        await(box.confirm("v1", "c", b));

        assertEquals(Map.of("holdId", a, "released", true), await(box.cancel("v1", "x1", a)).body());
        assertEquals(409, await(box.cancel("v1", "x2", b)).status());
        assertEquals(404, await(box.cancel("v2", "x3", a)).status(), "another viewer's hold is unknown to them");
        assertEquals(404, await(box.confirm("v1", "c2", a)).status(), "a released hold cannot be confirmed");
        assertEquals(screening.seats() - 2, freeSeats(box));
    }

    @Test
    void aRestartKeepsTheBookingsAndAnswersARetriedConfirmFromTheLedger() throws Exception {
        BoxOffice box = open(false);
        String holdId = (String) await(box.hold("v1", "k", screening.id(), 4)).body().get("holdId");
        Answer confirmed = await(box.confirm("v1", "c", holdId));
        String lost = (String) await(box.hold("v2", "k", screening.id(), 2)).body().get("holdId");
        writer.close();

        BoxOffice restarted = open(false);

        assertEquals(screening.seats() - 4, freeSeats(restarted), "sold seats rebuilt; the unconfirmed hold is gone");
        assertEquals(confirmed, await(restarted.confirm("v1", "c", holdId)), "the same answer, from the ledger");
        assertEquals(confirmed, await(restarted.confirm("v1", "other", holdId)), "one booking per hold, whatever the key");
        assertEquals(404, await(restarted.confirm("v9", "c", holdId)).status(), "another viewer's hold is unknown");
        assertEquals(ReservationRoutes.HOLD_UNKNOWN, await(restarted.confirm("v2", "c", lost)).body().get("reason"));
        assertEquals(List.of(5, 6, 7, 8), seats(await(restarted.hold("v3", "k", screening.id(), 4))));
    }

    @Test
    void theUnsafeModeAnswersBeforeTheCommitSoAKillLosesTheBooking() throws Exception {
        BoxOffice box = open(true);
        String holdId = (String) await(box.hold("v1", "k", screening.id(), 2)).body().get("holdId");
        Answer told = await(box.confirm("v1", "c", holdId));
        assertEquals(200, told.status());
        writer.kill();
        writer = null;

        LedgerSnapshot after = LedgerReader.read(dir.resolve("reservations.db"));
        PromiseReport report = PromiseCheck.check(after, List.of(new Confirmation("v1", "c",
                (String) told.body().get("bookingId"), screening.id(), seats(told))));

        assertEquals(1, report.lostConfirmations(), report.summary());
    }

    private int freeSeats(BoxOffice box) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) box.screenings(screening.region()).body().get("screenings");
        return list.stream().filter(m -> m.get("id").equals(screening.id())).mapToInt(m -> (Integer) m.get("free"))
                .findFirst().orElseThrow();
    }
}
