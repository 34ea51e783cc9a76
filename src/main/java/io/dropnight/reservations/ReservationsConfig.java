package io.dropnight.reservations;

import io.dropnight.core.Checks;
import io.dropnight.core.ConfigException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The cinema reservations' settings. Immutable, validated.
 *
 * @param db                    the ledger file ({@code --reservations-db}); restart on the same file keeps every booking
 * @param holdTtl               how long a hold lasts unconfirmed ({@code --hold-ttl}), 1 s .. 1 h
 * @param unsafeAckBeforeCommit test only ({@code --unsafe-ack-before-commit}): a confirm is answered
 *                              before its commit, which is deferred, so a SIGKILL loses acknowledged bookings
 * @param cinemaScale           the cinemas' size against the full night ({@code --reservations-scale}: a rehearsal's
 *                              audience over 1.1 million), apart from the capacity's {@code --scale}; empty: the
 *                              capacity's scale
 */
public record ReservationsConfig(Path db, Duration holdTtl, boolean unsafeAckBeforeCommit,
                                 java.util.OptionalDouble cinemaScale) {
    /** A cinema site's usual seat hold. */
    public static final Duration DEFAULT_HOLD_TTL = Duration.ofMinutes(5);

    /** As the canonical constructor, the cinemas at the capacity's scale. */
    public ReservationsConfig(Path db, Duration holdTtl, boolean unsafeAckBeforeCommit) {
        this(db, holdTtl, unsafeAckBeforeCommit, java.util.OptionalDouble.empty());
    }

    /** The cinemas' scale: {@link #cinemaScale()}, else {@code capacityScale}. */
    public double cinemaScaleOr(double capacityScale) {
        return cinemaScale.orElse(capacityScale);
    }

    public ReservationsConfig {
        Checks.notNull("reservations.db-file", db);
        Checks.positive("reservations.hold-ttl", holdTtl);
        if (holdTtl.compareTo(Duration.ofSeconds(1)) < 0 || holdTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("reservations.hold-ttl", holdTtl, "must be between 1s and 1h");
        }
        Checks.notNull("reservations.scale", cinemaScale);
        if (cinemaScale.isPresent() && !(cinemaScale.getAsDouble() > 0 && cinemaScale.getAsDouble() <= 1)) {
            throw new ConfigException("reservations.scale", cinemaScale.getAsDouble(),
                    "must be above 0 and at most 1 (a rehearsal's audience over the full night's)");
        }
        if (java.nio.file.Files.isDirectory(db)) {
            throw new ConfigException("reservations.db-file", db, "is a folder; give a file such as runs/reservations.db");
        }
    }
}
