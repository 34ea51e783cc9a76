package io.dropnight.simulations.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.core.ServeFlags;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.simulations.client.ConfirmationLog;
import io.dropnight.simulations.client.ReservationFigures;
import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.simulations.slo.NightPromises;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cinema rush keeps beside the night's own records: the client's record of confirmations
 * ({@link ConfirmationLog}, open from the run's start), the rush's counts, and where the service's
 * database is, so that the promises are checked after the night ({@link NightPromises}).
 *
 * <p>The embedded service is told its database ({@value RunFiles#RESERVATIONS_DB} in the run
 * folder) and how big its cinemas are against the real night ({@link #embeddedFlags}); an external
 * target's database is {@code -Dreservations.database}, or unknown (then the promises say so).
 *
 * <p>Not thread-safe as a whole: the run opens and closes it; its log and figures are thread-safe.
 */
public final class RushRecord implements AutoCloseable {
    private final ConfirmationLog log;
    private final ReservationFigures figures = new ReservationFigures();
    private final Optional<Path> db;
    private final List<String> regions;

    private RushRecord(ConfirmationLog log, Optional<Path> db, List<String> regions) {
        this.log = log;
        this.db = db;
        this.regions = List.copyOf(regions);
    }

    /**
     * Opens the record in {@code runDir}.
     *
     * @param db    the service's database: the embedded one's, or {@code -Dreservations.database}; empty when not known
     * @param seed  the service's seed
     * @param share the rehearsal's viewers over the real night's audience, in (0, 1]: the regions there are at that size
     */
    public static RushRecord open(Path runDir, Optional<Path> db, long seed, double share) throws IOException {
        return new RushRecord(ConfirmationLog.open(runDir), Objects.requireNonNull(db, "db"), regions(seed, share));
    }

    /** The regions of the service's cinemas at {@code share} of the real night, as the service names them. */
    static List<String> regions(long seed, double share) {
        return new io.dropnight.reservations.CinemaConfig(seed, share).regionIds();
    }

    /** The regions a viewer may live in. */
    public List<String> regions() {
        return regions;
    }

    /** The embedded service's database in {@code runDir}. */
    public static Path embeddedDb(Path runDir) {
        return runDir.resolve(RunFiles.RESERVATIONS_DB);
    }

    /**
     * The flags that make the embedded service a rush's: its database, and its cinemas and
     * screenings as large against the real night as the rehearsal's audience is.
     *
     * @param share the rehearsal's viewers over the real night's audience, in (0, 1]
     */
    public static List<String> embeddedFlags(Path runDir, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share = " + share + ": the rehearsal is a part of the night, in (0, 1]");
        }
        return List.of(ServeFlags.RESERVATIONS_DB, embeddedDb(runDir).toAbsolutePath().toString(),
                ServeFlags.RESERVATIONS_SCALE, String.format(Locale.ROOT, "%.8f", share));
    }

    public ConfirmationLog log() {
        return log;
    }

    public ReservationFigures figures() {
        return figures;
    }

    /** Closes the record, then checks the promises against the database (call once the service has stopped). */
    public NightPromises.Checked check(String night, Path runDir) {
        close();
        return NightPromises.check(night, runDir, db, "give -D" + NightInvocation.RESERVATIONS_DB
                + "=PATH, the file the service was started with --reservations-db");
    }

    /** run.json's {@code reservations}: the rush's counts as the client saw them. */
    public void describe(ObjectNode runJson) {
        ReservationFigures.Snapshot s = figures.snapshot();
        ObjectNode r = runJson.putObject("reservations");
        r.put("bookings", s.bookings()).put("seats", s.seats()).put("soldOutAnswers", s.soldOut())
                .put("holdsLost", s.holdsLost()).put("turnedAway", s.turnedAway());
        db.ifPresent(d -> r.put("database", d.toString()));
    }

    @Override
    public void close() {
        try {
            log.close();
        } catch (IOException e) {
            System.err.println("dropnight: could not close " + log.file() + ": " + e.getMessage());
        }
    }
}
