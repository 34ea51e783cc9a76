package io.dropnight.shedding;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A permit that runs {@code onRelease} once, whatever the outcome, and forwards the outcome to
 * {@link #outcome}. Later releases are ignored, so a double release cannot corrupt a count.
 */
abstract class CountingPermit implements Permit {
    private final AtomicBoolean released = new AtomicBoolean();
    private final Runnable onRelease;

    CountingPermit(Runnable onRelease) {
        this.onRelease = onRelease;
    }

    /** A permit whose outcome does not matter to its limiter. */
    static Permit of(Runnable onRelease) {
        return new CountingPermit(onRelease) {
            @Override
            void outcome(Kind kind) {
                // the outcome carries no information for a counting limiter
            }
        };
    }

    enum Kind { SUCCESS, DROPPED, IGNORED }

    abstract void outcome(Kind kind);

    @Override
    public void onSuccess() {
        release(Kind.SUCCESS);
    }

    @Override
    public void onDropped() {
        release(Kind.DROPPED);
    }

    @Override
    public void onIgnore() {
        release(Kind.IGNORED);
    }

    private void release(Kind kind) {
        if (released.compareAndSet(false, true)) {
            try {
                outcome(kind);
            } finally {
                onRelease.run();
            }
        }
    }
}
