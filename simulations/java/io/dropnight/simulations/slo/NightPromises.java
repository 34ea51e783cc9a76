package io.dropnight.simulations.slo;

import io.dropnight.reservations.LedgerException;
import io.dropnight.reservations.LedgerReader;
import io.dropnight.reservations.LedgerSnapshot;
import io.dropnight.reservations.Promise;
import io.dropnight.reservations.PromiseCheck;
import io.dropnight.reservations.PromiseReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.client.ConfirmationLog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cinema rush's promises as SLOs, beside its latency and error pages: the client's record of
 * the confirmations it received ({@link ConfirmationLog}) and the service's database read after the
 * night ({@link LedgerReader}) are checked by the contract's {@link PromiseCheck}, and each
 * {@link Promise} becomes one {@link SloResult} named by its id, its violations the actual value
 * (must be 0) and the counts behind it in the metric. A promise that cannot be checked (no database
 * given, a database or record that cannot be read, a rush that booked nothing) is no sample and
 * not passed, and the night is inconclusive with the reason ({@link VerdictRules#PROMISES_UNCHECKED}):
 * never a flattering pass. Stateless.
 */
public final class NightPromises {
    private NightPromises() {
    }

    /**
     * @param slos      one result per promise, in {@link Promise}'s order
     * @param lines     what the console says (the counts, violations' examples, a torn record line)
     * @param unchecked why the promises could not be checked, as an inconclusive cause; empty when they were
     */
    public record Checked(List<SloResult> slos, List<String> lines, Optional<String> unchecked) {
        public Checked {
            slos = List.copyOf(slos);
            lines = List.copyOf(lines);
            Objects.requireNonNull(unchecked, "unchecked");
        }
    }

    /**
     * Reads both records and checks them.
     *
     * @param night  the night's label, the metrics' prefix
     * @param runDir the run folder (its confirmations record)
     * @param db     the service's database, read after the service stopped (or was killed); empty when not known
     * @param dbFlag how to give it, named when it is missing (for an external target: {@code -Dreservations.database=PATH})
     */
    public static Checked check(String night, Path runDir, Optional<Path> db, String dbFlag) {
        if (db.isEmpty()) {
            return unchecked(night, "no reservations database was given (" + dbFlag + ")");
        }
        ConfirmationLog.Read received;
        try {
            received = ConfirmationLog.read(runDir);
        } catch (IOException e) {
            return unchecked(night, "the client's record cannot be read: " + e.getMessage());
        }
        LedgerSnapshot ledger;
        try {
            ledger = LedgerReader.read(db.get());
        } catch (LedgerException e) {
            return unchecked(night, e.getMessage());
        }
        if (ledger.bookings().isEmpty() && received.confirmations().isEmpty()) {
            return unchecked(night, "the rush booked nothing (no booking in " + db.get().getFileName()
                    + ", no confirmation received): a promise kept by selling nothing proves nothing");
        }
        return checked(night, PromiseCheck.check(ledger, received.confirmations()), ledger, received);
    }

    /** The promises of a report, with the counts behind each. */
    static Checked checked(String night, PromiseReport report, LedgerSnapshot ledger, ConfirmationLog.Read received) {
        long soldOut = soldOutScreenings(ledger);
        String totals = String.format(Locale.ROOT, "%,d bookings, %,d seats in the ledger, %,d of %,d screenings full,"
                + " %,d confirmations received", report.bookings(), report.seats(), soldOut, ledger.screenings().size(),
                report.received());
        List<SloResult> slos = new ArrayList<>();
        for (Promise p : Promise.values()) {
            String metric = String.format(Locale.ROOT, "%s %s: %s (%s)", night, p.sentence(), violationWords(p), totals);
            slos.add(SloResult.atMost(p.id(), metric, 0, report.violations(p), unit(p)));
        }
        List<String> lines = new ArrayList<>();
        // the torn line of a killed injector, when there is one, is named beside the counts
        lines.add("promises: " + report.summary() + "; " + soldOut + " screenings full"
                + (received.torn() > 0 ? "; " + received.describe() : ""));
        report.examples().forEach(e -> lines.add("promise broken: " + e));
        return new Checked(slos, lines, Optional.empty());
    }

    /** Every promise as no sample, not passed, and the reason as an inconclusive cause. */
    static Checked unchecked(String night, String why) {
        List<SloResult> slos = new ArrayList<>();
        for (Promise p : Promise.values()) {
            slos.add(new SloResult(p.id(), night + " " + p.sentence() + ": NOT CHECKED (" + why + ")", "<=", 0, Double.NaN,
                    unit(p), false));
        }
        return new Checked(slos, List.of("promises NOT CHECKED: " + why), Optional.of(VerdictRules.promisesUnchecked(why)));
    }

    /** Screenings whose every seat is booked: the rush really sold out there (the promises are tested where seats ran out). */
    public static long soldOutScreenings(LedgerSnapshot ledger) {
        Map<String, Long> booked = new HashMap<>();
        for (LedgerSnapshot.Booking b : ledger.bookings()) {
            booked.merge(b.screeningId(), (long) b.seats().size(), Long::sum);
        }
        return ledger.screenings().stream().filter(s -> booked.getOrDefault(s.id(), 0L) >= s.capacity()).count();
    }

    private static String violationWords(Promise p) {
        return switch (p) {
            case NO_SEAT_SOLD_TWICE -> "extra sales of a seat";
            case NO_SCREENING_OVER_CAPACITY -> "screenings over capacity";
            case NO_LOST_CONFIRMATION -> "confirmations received but not in the database";
            case ONE_BOOKING_PER_REQUEST -> "extra bookings of one confirm request";
        };
    }

    private static String unit(Promise p) {
        return switch (p) {
            case NO_SEAT_SOLD_TWICE -> "seats";
            case NO_SCREENING_OVER_CAPACITY -> "screenings";
            case NO_LOST_CONFIRMATION -> "confirmations";
            case ONE_BOOKING_PER_REQUEST -> "bookings";
        };
    }
}
