package io.dropnight.shedding;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limit.window.AverageSampleWindowFactory;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.dropnight.core.Checks;
import io.dropnight.core.Endpoint;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Policy {@link OverloadPolicy#ADAPTIVE}: Netflix concurrency-limits' {@link VegasLimit}, fed by a
 * {@link WindowedLimit} of average round trips, behind a {@link SimpleLimiter}. Its aim is the one
 * adaptive limits are published for: under a sustained overload, keep latency near the no-load
 * latency instead of filling the whole bounded queue, while keeping every backend slot busy.
 *
 * <p>Vegas estimates the queue as {@code limit × (1 − rttNoLoad / rtt)}, where {@code rttNoLoad} is
 * the <em>lowest</em> windowed average round trip seen, so the baseline does not rise with the
 * queue as Gradient2's long-term average does. The limit is kept where that estimate lies between
 * {@link #targetQueueLow} and {@link #targetQueueHigh} (a quarter and a half of the slot count, at
 * least 2):
 * with at most {@code slots} requests waiting, a request waits at most about one service time, so
 * ok-latency stays within the no-load latency plus one service time, and the few waiting requests
 * keep slots from idling between arrivals. The limit moves between {@code slots} (below that, slots
 * would idle) and {@code slots + queueLimit} (the bounded queue stays the backstop).
 *
 * <p>Vegas's periodic probe is off: a probe replaces the baseline with the current round trip,
 * which during a sustained overload is the queued one, and the limit then drifts back up to the
 * bounded queue (what made the old Gradient2 set-up indistinguishable from {@code fixed}). Without
 * it the baseline can only fall; if the backend becomes slower for good (a fault), the limit sits
 * at its floor, the slot count, which still keeps every slot busy.
 *
 * <p>Round-trip time is measured with the injected clock from acquire to release, so it covers
 * queueing and service, and virtual-time tests are deterministic. Thread-safe.
 */
final class AdaptiveLimiter implements AdmissionLimiter {
    /** Vegas probes every {@code probeMultiplier × limit} windows: this value means never. */
    private static final int NEVER_PROBE = Integer.MAX_VALUE;

    private final SimpleLimiter<Endpoint> limiter;
    private final LongAdder rejected = new LongAdder();

    /**
     * @param slots       backend slots: the lowest the limit goes, at least 1
     * @param maxInFlight slots plus queue: the highest the limit goes, at least {@code slots}
     * @param nanoClock   the clock round-trip times are measured with, in nanoseconds
     */
    AdaptiveLimiter(int slots, int maxInFlight, LongSupplier nanoClock) {
        Checks.atLeast("slots", slots, 1);
        Checks.atLeast("limit", maxInFlight, slots);
        Checks.notNull("nanoClock", nanoClock);
        int low = targetQueueLow(slots);
        int high = targetQueueHigh(slots);
        int step = Math.max(1, low / 2);
        Limit vegas = VegasLimit.newBuilder()
                .initialLimit(Math.min(maxInFlight, slots + high))
                .maxConcurrency(maxInFlight)
                .thresholdFunction(limit -> 0)
                .alphaFunction(limit -> low)
                .betaFunction(limit -> high)
                .increaseFunction(limit -> limit + step)
                .decreaseFunction(limit -> Math.max(slots, limit - step))
                .probeMultiplier(NEVER_PROBE)
                .build();
        // One window lasts two round trips, and at least the library's shortest (100 ms), and
        // must hold `slots` samples (the library's least is 10): at saturation a round trip completes about `slots`
        // requests, so a window at the limit is always full; quieter windows leave it alone.
        Limit windowed = WindowedLimit.newBuilder()
                .minWindowTime(100, TimeUnit.MILLISECONDS)
                .maxWindowTime(1, TimeUnit.SECONDS)
                .windowSize(Math.max(10, slots))
                .sampleWindowFactory(AverageSampleWindowFactory.create())
                .build(vegas);
        this.limiter = SimpleLimiter.newBuilder()
                .named("dropnight-backend")
                .limit(windowed)
                .nanoClock(nanoClock)
                .build();
    }

    /**
     * Below this estimated queue the limit grows: a quarter of the slots, at least 2. Vegas rounds
     * its estimate up, so with any timing jitter an idle queue reads as 1; were this 1, a limit
     * pushed down to the slot count (by a stall, say) could stay there and reject bursts at 1x.
     */
    static int targetQueueLow(int slots) {
        return Math.max(2, (slots + 3) / 4);
    }

    /** Above this estimated queue the limit shrinks: half the slots, at least {@link #targetQueueLow}. */
    static int targetQueueHigh(int slots) {
        return Math.max(targetQueueLow(slots), (slots + 1) / 2);
    }

    @Override
    public Optional<Permit> acquire(Endpoint endpoint) {
        Optional<Limiter.Listener> listener = limiter.acquire(endpoint);
        if (listener.isEmpty()) {
            rejected.increment();
            return Optional.empty();
        }
        Limiter.Listener l = listener.get();
        return Optional.of(new CountingPermit(() -> { }) {
            @Override
            void outcome(Kind kind) {
                switch (kind) {
                    case SUCCESS -> l.onSuccess();
                    case DROPPED -> l.onDropped();
                    case IGNORED -> l.onIgnore();
                }
            }
        });
    }

    @Override
    public int inFlight() {
        return limiter.getInflight();
    }

    @Override
    public int currentLimit() {
        return limiter.getLimit();
    }

    @Override
    public long rejected() {
        return rejected.sum();
    }
}
