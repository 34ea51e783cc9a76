package io.dropnight.catalogue;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The release instant of the featured series' final episodes. Mutable only through the admin
 * route, so a rehearsal can move the drop while the service runs. Thread-safe.
 */
public final class DropSchedule {
    private final AtomicReference<Instant> dropAt;

    public DropSchedule(Instant dropAt) {
        this.dropAt = new AtomicReference<>(Objects.requireNonNull(dropAt, "dropAt"));
    }

    public Instant dropAt() {
        return dropAt.get();
    }

    public void moveTo(Instant instant) {
        dropAt.set(Objects.requireNonNull(instant, "instant"));
    }
}
