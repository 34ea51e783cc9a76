package io.dropnight.reservations;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where confirmed bookings are kept: the truth after a rush and after a restart. Holds are not kept
 * (a restart may lose them). The schema is {@link LedgerSchema}'s.
 *
 * <p>Every method may block on the disk: call it from the ledger's own thread, never from an event
 * loop. Implementations are thread-safe.
 */
public interface Ledger extends AutoCloseable {

    /**
     * Adds the screenings not yet present.
     *
     * @throws LedgerException when a screening is present with another cinema or capacity (the file
     *                         was written for other screenings: another seed or scale)
     */
    void addScreenings(Collection<LedgerSnapshot.Screening> screenings);

    /**
     * Commits {@code bookings} in one transaction, durably: when this returns, they survive a
     * SIGKILL of the process (and, for {@link SqliteLedger}, a power loss).
     *
     * @return the booking ids NOT written because their (viewer, confirm key) already has a booking
     * @throws LedgerException when the commit failed; then none of them was written
     */
    Set<String> commit(List<LedgerSnapshot.Booking> bookings);

    /**
     * The viewer's booking made with {@code confirmKey}, else the viewer's booking of {@code holdId}
     * (a confirm of a confirmed hold with another key answers that hold's booking), if any.
     */
    Optional<LedgerSnapshot.Booking> find(String viewer, String confirmKey, String holdId);

    /** Every screening and booking, now. */
    LedgerSnapshot snapshot();

    @Override
    void close();
}
