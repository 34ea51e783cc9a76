package io.dropnight.server;

import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.WriteModel;
import io.dropnight.reservations.BoxOffice;
import io.dropnight.reservations.CinemaConfig;
import io.dropnight.reservations.CinemaGenerator;
import io.dropnight.reservations.Cinemas;
import io.dropnight.reservations.LedgerWriter;
import io.dropnight.reservations.ReservationsConfig;
import io.dropnight.reservations.SqliteLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cinema reservations, assembled: the generated screenings, the SQLite ledger on its own
 * thread, the modelled write cost and the {@link BoxOffice}. Opened with the service, closed by
 * its stop (which commits what is pending).
 */
final class CinemaDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CinemaDesk.class);
    /** Ended holds and idempotency answers are kept at least this long for retries. */
    static final Duration RETAIN = Duration.ofMinutes(30);

    private final ReservationsConfig config;
    private volatile CapacityModel capacity;
    private final Cinemas cinemas;
    private final SqliteLedger ledger;
    private final LedgerWriter writer;
    private final WriteModel writes;
    private final BoxOffice box;

    /**
     * Opens the ledger (blocking: at start) and rebuilds the sold seats from it.
     *
     * @throws io.dropnight.reservations.LedgerException naming the file when it cannot be used
     */
    CinemaDesk(ReservationsConfig config, CapacityModel capacity, long seed, Clock clock) {
        this.config = config;
        this.capacity = capacity;
        this.cinemas = CinemaGenerator.generate(new CinemaConfig(seed, config.scale()));
        if (config.unsafeAckBeforeCommit()) {
            LOG.warn("TEST ONLY: --unsafe-ack-before-commit is on: confirmations are answered BEFORE their commit,"
                    + " which is deferred up to {} s; a kill LOSES bookings the viewers were told about",
                    LedgerWriter.UNSAFE_DELAY.toSeconds());
        }
        this.ledger = SqliteLedger.open(config.db());
        this.writer = new LedgerWriter(ledger);
        this.writes = WriteModel.create(capacity, seed);
        try {
            this.box = new BoxOffice(cinemas, ledger, writer, writes::write, clock, config.holdTtl(),
                    config.unsafeAckBeforeCommit());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("cinema reservations: {} screenings in {} regions, {} seats; ledger {}", cinemas.screenings().size(),
                cinemas.config().regions(), cinemas.totalSeats(), config.db());
    }

    /** The admin changed the capacity model: the booking writes follow its scale, slots and time. */
    void capacityChanged(CapacityModel model) {
        capacity = model;
        writes.reconfigure(model);
    }

    BoxOffice box() {
        return box;
    }

    /** Forgets ended holds and old idempotency answers (called every minute). */
    void sweep() {
        box.sweep(RETAIN.compareTo(config.holdTtl().multipliedBy(2)) > 0 ? RETAIN : config.holdTtl().multipliedBy(2));
    }

    /** For service.json: what a night's report says of the reservations. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("db", config.db().toString());
        d.put("durability", ledger.durability());
        d.put("scale", config.scale());
        d.put("cinemas", cinemas.config().cinemas());
        d.put("screenings", cinemas.screenings().size());
        d.put("regions", cinemas.config().regions());
        d.put("seats", cinemas.totalSeats());
        d.put("holdTtl", config.holdTtl().toString());
        d.put("writeSlots", WriteModel.effectiveSlots(capacity));
        d.put("writeTime", capacity.writes().time().spec());
        d.put("unsafeAckBeforeCommit", config.unsafeAckBeforeCommit());
        return d;
    }

    /** Commits what is pending (and, in the unsafe mode, deferred), then closes the ledger. */
    @Override
    public void close() {
        writes.close();
        writer.close();
    }
}
