package io.dropnight.reservations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a ledger against what the clients were told: the one implementation of the
 * {@link Promise}s, used by the property test and by the night. Pure: reads its arguments only.
 */
public final class PromiseCheck {
    private PromiseCheck() {
    }

    /**
     * @param ledger   the database after the rush
     * @param received every confirmation the clients received (duplicates of one booking id count once)
     */
    public static PromiseReport check(LedgerSnapshot ledger, Collection<Confirmation> received) {
        List<String> examples = new ArrayList<>();
        Map<String, LedgerSnapshot.Booking> byId = new HashMap<>();
        for (LedgerSnapshot.Booking b : ledger.bookings()) {
            byId.put(b.bookingId(), b);
        }
        long soldTwice = seatsSoldTwice(ledger, examples);
        long over = screeningsOverCapacity(ledger, examples);
        Map<String, Confirmation> distinct = new LinkedHashMap<>();
        long lost = 0;
        for (Confirmation c : received) {
            Confirmation first = distinct.putIfAbsent(c.bookingId(), c);
            if (first != null && !sameBooking(first, c)) {
                lost += note(examples, "booking %s was received twice with different contents", c.bookingId());
            }
        }
        for (Confirmation c : distinct.values()) {
            LedgerSnapshot.Booking b = byId.get(c.bookingId());
            if (b == null) {
                lost += note(examples, "booking %s (viewer %s, screening %s) was confirmed but is not in the ledger",
                        c.bookingId(), c.viewer(), c.screeningId());
            } else if (!sameBooking(b.confirmation(), c)) {
                lost += note(examples, "booking %s was confirmed as %s %s but the ledger holds %s %s",
                        c.bookingId(), c.screeningId(), sorted(c.seats()), b.screeningId(), sorted(b.seats()));
            }
        }
        long doubles = doubleBookings(ledger, examples);
        return new PromiseReport(soldTwice, over, lost, doubles, ledger.bookings().size(), ledger.seatsBooked(),
                distinct.size(), examples);
    }

    private static long seatsSoldTwice(LedgerSnapshot ledger, List<String> examples) {
        Map<String, Map<Integer, Integer>> sales = new HashMap<>();
        for (LedgerSnapshot.Booking b : ledger.bookings()) {
            Map<Integer, Integer> seats = sales.computeIfAbsent(b.screeningId(), k -> new HashMap<>());
            for (int seat : b.seats()) {
                seats.merge(seat, 1, Integer::sum);
            }
        }
        long extra = 0;
        for (Map.Entry<String, Map<Integer, Integer>> s : sales.entrySet()) {
            for (Map.Entry<Integer, Integer> seat : s.getValue().entrySet()) {
                if (seat.getValue() > 1) {
                    extra += seat.getValue() - 1;
                    note(examples, "seat %d of %s was sold %d times", seat.getKey(), s.getKey(), seat.getValue());
                }
            }
        }
        return extra;
    }

    private static long screeningsOverCapacity(LedgerSnapshot ledger, List<String> examples) {
        Map<String, Integer> capacity = new HashMap<>();
        for (LedgerSnapshot.Screening s : ledger.screenings()) {
            capacity.put(s.id(), s.capacity());
        }
        Map<String, long[]> booked = new LinkedHashMap<>();
        for (LedgerSnapshot.Booking b : ledger.bookings()) {
            long[] counts = booked.computeIfAbsent(b.screeningId(), k -> new long[2]);
            counts[0] += b.seats().size();
            int cap = capacity.getOrDefault(b.screeningId(), 0);
            for (int seat : b.seats()) {
                if (seat < 1 || seat > cap) {
                    counts[1]++;
                }
            }
        }
        long over = 0;
        for (Map.Entry<String, long[]> e : booked.entrySet()) {
            Integer cap = capacity.get(e.getKey());
            long[] counts = e.getValue();
            if (cap == null || counts[0] > cap || counts[1] > 0) {
                over += note(examples, "screening %s has %d seats booked (%d outside its seats) for a capacity of %s",
                        e.getKey(), counts[0], counts[1], cap == null ? "none (not in the ledger)" : cap);
            }
        }
        return over;
    }

    private static long doubleBookings(LedgerSnapshot ledger, List<String> examples) {
        Map<List<String>, Integer> perRequest = new HashMap<>();
        for (LedgerSnapshot.Booking b : ledger.bookings()) {
            perRequest.merge(List.of(b.viewer(), b.confirmKey()), 1, Integer::sum);
        }
        long extra = 0;
        for (Map.Entry<List<String>, Integer> e : perRequest.entrySet()) {
            if (e.getValue() > 1) {
                extra += e.getValue() - 1;
                note(examples, "viewer %s's request %s made %d bookings", e.getKey().get(0), e.getKey().get(1), e.getValue());
            }
        }
        return extra;
    }

    private static boolean sameBooking(Confirmation a, Confirmation b) {
        return a.viewer().equals(b.viewer()) && a.screeningId().equals(b.screeningId())
                && sorted(a.seats()).equals(sorted(b.seats()));
    }

    private static List<Integer> sorted(List<Integer> seats) {
        List<Integer> s = new ArrayList<>(seats);
        s.sort(null);
        return s;
    }

    /** Adds an example while there is room; returns 1 so a caller can count with it. */
    private static long note(List<String> examples, String format, Object... args) {
        if (examples.size() < PromiseReport.MAX_EXAMPLES) {
            examples.add(String.format(Locale.ROOT, format, args));
        }
        return 1;
    }
}
