package io.dropnight.shedding;

import java.util.concurrent.atomic.AtomicInteger;

/** The one compare-and-set loop the counting limiters share. */
final class InFlight {
    private InFlight() {
    }

    /** Increments {@code counter} if it is below {@code bound}; says whether it did. */
    static boolean tryIncrementBelow(AtomicInteger counter, int bound) {
        while (true) {
            int current = counter.get();
            if (current >= bound) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }
}
