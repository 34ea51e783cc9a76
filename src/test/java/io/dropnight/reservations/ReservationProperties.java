package io.dropnight.reservations;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reservation logic keeps {@link PromiseCheck}'s promises through concurrent holds, confirms,
 * retries with the same key (also two at once), cancels, expiries and a kill with a restart on the
 * same SQLite ledger; and the check catches a service that breaks them (answering before the
 * commit, a ledger that double-writes), so the property can fail.
 */
class ReservationProperties {

    @Property(tries = 25, seed = "27")
    void everyPromiseHoldsThroughARushAKillAndARestart(@ForAll("rush") List<List<RushDriver.Step>> threads,
                                                       @ForAll @IntRange(min = 0, max = 3) int lateViewers) throws Exception {
        RushDriver.Outcome outcome = rush(false, UnaryOperator.identity(), threads, lateViewers);

        PromiseReport report = PromiseCheck.check(outcome.ledger(), outcome.received());
        assertTrue(report.allKept(), report.summary() + " " + report.examples());
        // How much each try did, in the jqwik report: a property that books nothing proves nothing.
        net.jqwik.api.statistics.Statistics.label("bookings").collect(Math.min(report.bookings(), 10) / 5 * 5 + "+");
        net.jqwik.api.statistics.Statistics.label("sold out").collect(outcome.ledger().seatsBooked()
                >= RushDriver.CAPACITIES.get(0));
        for (Map.Entry<RushDriver.ConfirmRequest, Answer> before : outcome.beforeKill().entrySet()) {
            Answer after = outcome.afterRestart().get(before.getKey());
            if (before.getValue().status() == 200) {
                assertEquals(before.getValue(), after, "a confirm answered before the kill answers the same after it");
            }
        }
        long seatsInMemoryAfterRestart = outcome.ledger().seatsBooked();
        assertTrue(seatsInMemoryAfterRestart <= RushDriver.CAPACITIES.stream().mapToInt(i -> i).sum());
    }

    @Property(tries = 10, seed = "27")
    void theCheckCatchesConfirmationsAnsweredBeforeTheirCommit(@ForAll("rush") List<List<RushDriver.Step>> threads)
            throws Exception {
        RushDriver.Outcome outcome = rush(true, UnaryOperator.identity(), threads, 0);

        boolean toldBeforeKill = outcome.beforeKill().values().stream().anyMatch(a -> a.status() == 200);
        PromiseReport report = PromiseCheck.check(outcome.ledger(), outcome.received());
        assertEquals(toldBeforeKill, !report.kept(Promise.NO_LOST_CONFIRMATION),
                "the unsafe mode lost what it acknowledged before the kill: " + report.summary());
    }

    @Property(tries = 10, seed = "27")
    void theCheckCatchesALedgerThatWritesEveryBookingTwice(@ForAll("rush") List<List<RushDriver.Step>> threads)
            throws Exception {
        List<LedgerSnapshot.Booking> copies = java.util.Collections.synchronizedList(new ArrayList<>());
        RushDriver.Outcome outcome = rush(false, l -> new DoubleWritingLedger(l, copies), threads, 1);
        List<LedgerSnapshot.Booking> rows = new ArrayList<>(outcome.ledger().bookings());
        rows.addAll(copies); // what the broken ledger's reader would show
        LedgerSnapshot broken = new LedgerSnapshot(outcome.ledger().screenings(), rows);

        PromiseReport report = PromiseCheck.check(broken, outcome.received());
        boolean anyBooking = !outcome.ledger().bookings().isEmpty();
        assertEquals(anyBooking, !report.kept(Promise.NO_SEAT_SOLD_TWICE), report.summary());
        assertEquals(anyBooking, !report.kept(Promise.ONE_BOOKING_PER_REQUEST), report.summary());
        assertTrue(report.kept(Promise.NO_LOST_CONFIRMATION), report.summary());
    }

    @Provide
    Arbitrary<List<List<RushDriver.Step>>> rush() {
        Arbitrary<RushDriver.Step> step = Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.just(RushDriver.Kind.HOLD)),
                        net.jqwik.api.Tuple.of(6, Arbitraries.just(RushDriver.Kind.CONFIRM)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(RushDriver.Kind.CONFIRM_TWICE)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(RushDriver.Kind.RETRY_CONFIRM)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(RushDriver.Kind.CANCEL)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(RushDriver.Kind.ADVANCE))),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(1, 4))
                .as((kind, a, b) -> new RushDriver.Step(kind, a, kind == RushDriver.Kind.ADVANCE ? b * 20 : b));
        return step.list().ofMinSize(5).ofMaxSize(40).list().ofMinSize(2).ofMaxSize(4);
    }

    private static RushDriver.Outcome rush(boolean unsafe, UnaryOperator<Ledger> fault,
                                           List<List<RushDriver.Step>> threads, int lateViewers) throws Exception {
        Path dir = Files.createTempDirectory("rush");
        try {
            return new RushDriver(dir.resolve("reservations.db"), unsafe, fault).run(threads, lateViewers);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not delete " + dir, e);
            }
        }
    }

    /**
     * A broken ledger: a copy of every booking committed lands beside it, under another id (a
     * retried insert gone wrong in a database without the unique request index). The copies are
     * kept in {@code copies}, as the SQLite file's index would refuse them.
     */
    private record DoubleWritingLedger(Ledger delegate, List<LedgerSnapshot.Booking> copies) implements Ledger {
        @Override
        public void addScreenings(Collection<LedgerSnapshot.Screening> screenings) {
            delegate.addScreenings(screenings);
        }

        @Override
        public Set<String> commit(List<LedgerSnapshot.Booking> bookings) {
            Set<String> notWritten = delegate.commit(bookings);
            for (LedgerSnapshot.Booking b : bookings) {
                if (!notWritten.contains(b.bookingId())) {
                    copies.add(new LedgerSnapshot.Booking(b.bookingId() + "-copy", b.screeningId(), b.viewer(),
                            b.confirmKey(), b.holdId(), b.seats(), b.confirmedAt()));
                }
            }
            return notWritten;
        }

        @Override
        public Optional<LedgerSnapshot.Booking> find(String viewer, String confirmKey, String holdId) {
            return delegate.find(viewer, confirmKey, holdId);
        }

        @Override
        public LedgerSnapshot snapshot() {
            return delegate.snapshot();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
