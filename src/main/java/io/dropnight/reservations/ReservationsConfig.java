package io.dropnight.reservations;

import io.dropnight.core.Checks;
import io.dropnight.core.ConfigException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The cinema reservations' settings. Immutable, validated.
 *
 * @param db                    the ledger file ({@code --reservations-db}); restart on the same file keeps every booking
 * @param scale                 the cinemas' size ({@code --reservations-scale}): the rehearsal's audience over the
 *                              real rush's 1.1 million, in (0, 1]; 1 is 620 cinemas and 3,500 screenings
 * @param holdTtl               how long a hold lasts unconfirmed ({@code --hold-ttl}), 1 s .. 1 h
 * @param unsafeAckBeforeCommit test only ({@code --unsafe-ack-before-commit}): a confirm is answered
 *                              before its commit, which is deferred, so a SIGKILL loses acknowledged bookings
 */
public record ReservationsConfig(Path db, double scale, Duration holdTtl, boolean unsafeAckBeforeCommit) {
    /** A cinema site's usual seat hold. */
    public static final Duration DEFAULT_HOLD_TTL = Duration.ofMinutes(5);

    public ReservationsConfig {
        Checks.notNull("reservations.db-file", db);
        if (!(scale > 0 && scale <= 1)) {
            throw new ConfigException("reservations.scale", scale,
                    "must be in (0, 1]: the rehearsal's audience over the real rush's 1.1 million viewers");
        }
        Checks.positive("reservations.hold-ttl", holdTtl);
        if (holdTtl.compareTo(Duration.ofSeconds(1)) < 0 || holdTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("reservations.hold-ttl", holdTtl, "must be between 1s and 1h");
        }
        if (java.nio.file.Files.isDirectory(db)) {
            throw new ConfigException("reservations.db-file", db, "is a folder; give a file such as runs/reservations.db");
        }
    }
}
