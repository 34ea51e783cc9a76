// Over 300 lines on purpose: the model's whole state is confined to one thread, and keeping every
// method that touches it in this one class keeps that confinement visible (see the class's doc).
package io.dropnight.capacity;

import io.dropnight.core.Checks;
import io.dropnight.core.Endpoint;
import io.dropnight.metrics.BackendState;
import io.dropnight.metrics.LoopLag;
import io.dropnight.shedding.AdmissionLimiters;
import io.dropnight.shedding.OverloadPolicy;
import io.dropnight.shedding.Permit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The {@link ModelledBackend}: every modelled endpoint shares {@link CapacityModel#effectiveSlots()}
 * slots and one FIFO wait queue, bounded by {@link CapacityModel#effectiveQueueLimit()} for every
 * policy but {@code none}. Admission is decided by the policy's
 * {@link io.dropnight.shedding.AdmissionLimiter} and refusals are answered at once, never queued.
 * Each request costs a seeded draw from its endpoint's service-time distribution, times the cache
 * miss factor when its key is cold, times the fault slowdown.
 *
 * <p><b>Single-flight followers</b> occupy no slot while the fetch they wait on runs (an async
 * server parks them on a future); when it completes they go to the head of the queue, as hits,
 * and each still needs a slot for its normal, hit-cost service time.
 *
 * <p><b>Unconstrained</b> ({@link CapacityModel#unconstrained()}): every request is answered
 * {@link Verdict#SERVED} through {@code callbackExecutor} straight from the calling thread, with no
 * admission, cache or scheduling (an outage fault still fails it).
 *
 * <p>Thread-safe: all model state is confined to the {@link ModelClock}'s thread; {@link #serve},
 * {@link #onDrop}, {@link #reconfigure}, {@link #setFault}, {@link #describe} and {@link #state} may be called
 * from any thread.
 */
public final class VirtualBackend implements ModelledBackend {
    /** Name of the thread {@link #create} starts. */
    public static final String THREAD_NAME = "dropnight-backend";
    private static final Logger LOG = LoggerFactory.getLogger(VirtualBackend.class);

    private final ModelClock clock;
    private final AutoCloseable ownedClock;
    private final SplittableRandom random;
    private final TitleCache cache = new TitleCache();
    private final BackendCounters counters = new BackendCounters();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Set<Job> inService = new HashSet<>();
    private volatile BackendSettings settings;
    private volatile Fault fault = Fault.NONE;
    private volatile int busySlots;
    private volatile int queued;
    private volatile boolean closed;

    /** A slowdown multiplies every service time; an outage fails every request at once. */
    record Fault(double slowdownFactor, boolean outage) {
        static final Fault NONE = new Fault(1.0, false);
    }

    /**
     * A backend on the given clock; the caller owns the clock (a {@code VirtualClock} in tests).
     *
     * @param seed seeds the service-time draws, so that a run can be repeated
     */
    public VirtualBackend(OverloadPolicy policy, CapacityModel capacity, ModelClock clock, long seed) {
        this(policy, capacity, clock, null, seed);
    }

    private VirtualBackend(OverloadPolicy policy, CapacityModel capacity, ModelClock clock,
            AutoCloseable ownedClock, long seed) {
        this.clock = Checks.notNull("clock", clock);
        this.ownedClock = ownedClock;
        this.random = new SplittableRandom(seed);
        this.settings = settingsFor(policy, capacity);
    }

    /**
     * The production backend: its model runs on a new daemon thread named {@value #THREAD_NAME},
     * in wall-clock time; {@link #close()} stops that thread.
     */
    public static VirtualBackend create(OverloadPolicy policy, CapacityModel capacity, long seed) {
        EventLoopModelClock clock = new EventLoopModelClock(THREAD_NAME);
        return new VirtualBackend(policy, capacity, clock, clock, seed);
    }

    private BackendSettings settingsFor(OverloadPolicy policy, CapacityModel capacity) {
        Checks.notNull("policy", policy);
        Checks.notNull("capacity", capacity);
        return new BackendSettings(policy, capacity, AdmissionLimiters.forPolicy(policy,
                capacity.effectiveSlots(), capacity.effectiveQueueLimit(), clock::nanoTime));
    }

    @Override
    public void serve(Endpoint endpoint, String cacheKey, Executor callbackExecutor, Consumer<Verdict> done) {
        Checks.notNull("endpoint", endpoint);
        Checks.notNull("callbackExecutor", callbackExecutor);
        Checks.notNull("done", done);
        if (!endpoint.modelled()) {
            throw new IllegalArgumentException("endpoint " + endpoint.metricName()
                    + " is not modelled: it must be answered without the virtual backend");
        }
        BackendSettings s = settings;
        if (closed || fault.outage()) {
            counters.failed(endpoint);
            Job.answer(callbackExecutor, done, Verdict.FAILED);
        } else if (s.model().unconstrained()) {
            counters.admitted(endpoint);
            counters.served(endpoint);
            Job.answer(callbackExecutor, done, Verdict.SERVED);
        } else {
            Job job = new Job(endpoint, cacheKey, s, callbackExecutor, done);
            try {
                clock.execute(() -> admit(job));
            } catch (RejectedExecutionException e) {
                counters.failed(endpoint);
                job.answer(Verdict.FAILED);
            }
        }
    }

    private void admit(Job job) {
        if (closed) {
            counters.failed(job.endpoint);
            job.answer(Verdict.FAILED); // raced with close(): nothing would ever serve it
            return;
        }
        Optional<Permit> permit = job.settings.limiter().acquire(job.endpoint);
        if (permit.isEmpty()) {
            reject(job);
            return;
        }
        job.permit = permit.get();
        BackendSettings now = settings;
        // The queue bound is the backstop behind every limiter (and catches work admitted by a
        // limiter that a reconfiguration has since replaced).
        if (now.boundedQueue() && busySlots >= now.slots() && queue.size() >= now.queueLimit()) {
            try {
                reject(job);
            } finally {
                job.permit.onDropped();
            }
            return;
        }
        counters.admitted(job.endpoint);
        job.admittedNanos = clock.nanoTime();
        queue.addLast(job);
        dispatch(job.admittedNanos);
    }

    private void reject(Job job) {
        counters.rejected(job.endpoint);
        job.answer(Verdict.REJECTED);
    }

    /**
     * Starts queued work on free slots.
     *
     * @param freedAtNanos when the slots became free on the model's clock: a completion whose
     *                     timer fired late (a stalled thread) frees its slot at its planned
     *                     instant, and the work queued behind it starts then, not when the
     *                     thread got round to it, so that the model keeps its capacity through
     *                     a stall instead of shrinking by the time lost
     */
    private void dispatch(long freedAtNanos) {
        int slots = settings.slots();
        while (busySlots < slots && !queue.isEmpty()) {
            Job next = queue.pollFirst();
            start(next, Math.max(freedAtNanos, next.admittedNanos));
        }
        queued = queue.size();
    }

    private void start(Job job, long startNanos) {
        CapacityModel model = job.settings.model();
        double factor = fault.slowdownFactor() * model.serviceStretch();
        if (job.cacheKey != null && !job.fetched) {
            switch (cache.lookup(job.cacheKey, clock.nanoTime(), model.cache())) {
                case HIT -> { }
                case MISS -> {
                    factor *= model.cache().missCostFactor();
                    job.fillsCache = true;
                }
                case FOLLOW -> {
                    cache.park(job.cacheKey, job);
                    return;
                }
            }
        }
        busySlots++;
        inService.add(job);
        long costNanos = Math.max(1, Math.round(model.serviceTimes().get(job.endpoint).sampleNanos(random) * factor));
        job.dueNanos = startNanos + costNanos;
        clock.schedule(() -> complete(job), job.dueNanos - clock.nanoTime());
    }

    private void complete(Job job) {
        if (job.answered()) {
            return; // failed by close() while in service
        }
        long freedAtNanos = Math.min(clock.nanoTime(), job.dueNanos);
        busySlots--;
        inService.remove(job);
        if (job.fillsCache) {
            List<Job> followers = cache.fill(job.cacheKey, clock.nanoTime(), job.settings.model().cache());
            for (int i = followers.size() - 1; i >= 0; i--) {
                Job follower = followers.get(i);
                follower.fetched = true;
                queue.addFirst(follower);
            }
        }
        counters.served(job.endpoint);
        try {
            job.answer(Verdict.SERVED);
        } finally {
            job.permit.onSuccess();
        }
        dispatch(freedAtNanos);
    }

    @Override
    public void onDrop(Iterable<String> featuredCacheKeys) {
        Checks.notNull("featuredCacheKeys", featuredCacheKeys);
        List<String> keys = new ArrayList<>();
        featuredCacheKeys.forEach(keys::add);
        clock.execute(() -> cache.onDrop(keys, clock.nanoTime(), settings.model().cache()));
    }

    @Override
    public void reconfigure(OverloadPolicy policy, CapacityModel capacity) {
        settings = settingsFor(policy, capacity);
        clock.execute(() -> dispatch(clock.nanoTime())); // more slots may take queued work now
    }

    @Override
    public void setFault(double slowdownFactor, boolean outage) {
        Checks.positive("fault.slowdown-factor", slowdownFactor);
        fault = new Fault(slowdownFactor, outage);
    }

    /** Watches how late the model's thread runs its timers (the slots' releases). */
    @Override
    public void watchLag(LoopLag lag) {
        lag.watch(clock::schedule);
    }

    /**
     * A test fault: the model's thread is blocked for {@code duration}, as a stalled host would
     * stall it; timers due meanwhile fire late.
     */
    @Override
    public void stall(Duration duration) {
        clock.execute(() -> Stall.block(duration));
    }

    @Override
    public Map<String, Object> describe() {
        BackendSettings s = settings;
        return BackendDescription.of(s, state(s));
    }

    @Override
    public BackendState state() {
        return state(settings);
    }

    private BackendState state(BackendSettings s) {
        return BackendDescription.state(s, fault, busySlots, queued, counters, cache);
    }

    /**
     * Answers everything still queued, in service or waiting on a fetch with {@link Verdict#FAILED},
     * then stops the model's thread if {@link #create} started it. Later requests fail at once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            clock.execute(this::failEverything);
        } catch (RejectedExecutionException e) {
            LOG.debug("the model thread was already shut down: nothing is left to fail", e);
        }
        if (ownedClock != null) {
            try {
                ownedClock.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the " + THREAD_NAME + " thread", e);
            }
        }
    }

    private void failEverything() {
        List<Job> all = new ArrayList<>(queue);
        all.addAll(inService);
        all.addAll(cache.drainFollowers());
        queue.clear();
        inService.clear();
        busySlots = 0;
        queued = 0;
        for (Job job : all) {
            counters.failed(job.endpoint);
            try {
                job.answer(Verdict.FAILED);
            } finally {
                job.permit.onIgnore();
            }
        }
    }
}
