package io.dropnight.simulations.client;

import io.dropnight.runfolder.IntervalLog;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the viewers of one night experienced, recorded client-side: counters, and two latency
 * distributions in HdrHistogram (microseconds, 3 significant digits) so that the SLOs are computed
 * exactly rather than from Gatling's t-digest sketch.
 *
 * <p>Thread-safe: recording is lock-free from any Gatling thread ({@link Recorder}, {@link LongAdder});
 * interval histograms are taken by one reader ({@link ClientHistogramLog}).
 */
public final class ClientMetrics {
    /** Highest value tracked: one hour, in microseconds. */
    public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    public static final int SIGNIFICANT_DIGITS = IntervalLog.HISTOGRAM_DIGITS;
    /**
     * Distinct endpoint names kept apart in client.hlog; later names are logged as {@link #OTHER}, so
     * that a profile with many names (or a bug) cannot grow the log without bound.
     */
    public static final int MAX_ENDPOINTS = io.dropnight.runfolder.ClientTags.MAX_ENDPOINTS;
    public static final String OTHER = "other";

    final Recorder timeToPlayMicros = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    final Recorder playbackStartMicros = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);

    private final LongAdder users = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errorPages = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder abandonments = new LongAdder();
    private final LongAdder playbackStarts = new LongAdder();
    private final LongAdder viewersLeft = new LongAdder();
    private final LongAdder viewersPlaying = new LongAdder();
    private final Map<String, LongAdder> requestsByName = new ConcurrentHashMap<>();
    /** Keyed "request status": answers the target profile does not describe. */
    private final Map<String, LongAdder> unclassified = new ConcurrentHashMap<>();
    /** The wall-clock instant each scenario's first viewer arrived: where a surge really landed. */
    private final Map<String, Instant> firstArrival = new ConcurrentHashMap<>();
    private final LongAdder noResponses = new LongAdder();
    private final LongAdder injectorErrors = new LongAdder();
    /** The first injector error's line: where, the exception and its message. */
    private final AtomicReference<String> firstInjectorError = new AtomicReference<>();
    private final AtomicLong firstUserNanos = new AtomicLong();
    /** Per {@code <endpoint>/<outcome>}: latencies of finished requests, microseconds. */
    final Map<String, Recorder> byEndpointOutcome = new ConcurrentHashMap<>();
    private static final int OUTCOMES = ClientOutcome.values().length;
    /**
     * The same recorders as {@link #byEndpointOutcome}, by endpoint name and outcome ordinal. Its keys
     * are the endpoints kept apart (at most {@link #MAX_ENDPOINTS}, plus {@link #OTHER} once a name
     * overflowed): one lookup per request finds both the endpoint and its recorders.
     */
    private final Map<String, AtomicReferenceArray<Recorder>> recordersByEndpoint = new ConcurrentHashMap<>();
    /** Endpoints admitted into {@link #recordersByEndpoint} ({@link #OTHER} not counted); guarded by its lock. */
    private int endpointsKept;

    /** A viewer started a journey. */
    public void userStarted() {
        users.increment();
        if (firstUserNanos.get() == 0) {
            firstUserNanos.compareAndSet(0, System.nanoTime());
        }
    }

    /** A viewer of {@code scenario} started a journey; the first one's instant is kept. */
    public void userStarted(String scenario) {
        firstArrival.computeIfAbsent(scenario, k -> Instant.now());
        userStarted();
    }

    /**
     * The harness itself failed inside a viewer's journey (an exception in the injector's own code,
     * or a request it could not build): not an answer of the target, so it is counted apart from
     * every outcome of the target's and never as a failed request. Any makes the night inconclusive.
     *
     * @param where the journey step in which it happened
     * @return the line describing it when it is the night's first, for the console; empty otherwise
     */
    public Optional<String> injectorError(String where, String what) {
        injectorErrors.increment();
        String line = "injector error in " + Objects.requireNonNull(where, "where") + ": " + Objects.requireNonNull(what, "what");
        return firstInjectorError.compareAndSet(null, line) ? Optional.of(line) : Optional.empty();
    }

    /** Injector errors since the start; see {@link #injectorError}. */
    public long injectorErrors() {
        return injectorErrors.sum();
    }

    /** The first injector error's line, if there was one. */
    public Optional<String> firstInjectorError() {
        return Optional.ofNullable(firstInjectorError.get());
    }

    /** A request was answered, timed out or failed: the denominator of the error-page rate. */
    public void requestSent() {
        requests.increment();
    }

    /** As {@link #requestSent()}, also counted under its request name (such as {@code home}). */
    public void requestSent(String requestName) {
        LongAdder named = requestsByName.get(requestName);
        if (named == null) {
            named = requestsByName.computeIfAbsent(requestName, k -> new LongAdder());
        }
        named.increment();
        requests.increment();
    }

    /**
     * An answer the target profile does not describe (an unexpected status, or an expected one
     * whose saves found nothing); also counted as a failed request by the caller.
     *
     * @param status the HTTP status, 0 when none
     */
    public void unclassified(String requestName, int status) {
        unclassified.computeIfAbsent(requestName + " " + status, k -> new LongAdder()).increment();
    }

    /** Requests per request name, sorted by name. */
    public Map<String, Long> requestsByName() {
        return sums(requestsByName);
    }

    /** Unclassified answers per "request status", sorted; empty when every answer was understood. */
    public Map<String, Long> unclassifiedAnswers() {
        return sums(unclassified);
    }

    /** When the first viewer of {@code scenario} arrived, if one did. */
    public Optional<Instant> firstArrival(String scenario) {
        return Optional.ofNullable(firstArrival.get(scenario));
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** A response carried the error page's marker (any status). */
    public void errorPageSeen() {
        errorPages.increment();
    }

    /** A request failed without the error page: timeout, refused connection, unexpected status. */
    public void requestFailed() {
        failures.increment();
    }

    /**
     * A request finished: recorded per endpoint and outcome for client.hlog. Lock-free once the
     * endpoint's tag exists; callable from any thread.
     *
     * @param endpoint     the request's name in the journey, such as {@code home} or {@code heartbeat}
     * @param outcome      how it ended
     * @param latencyNanos from the moment it was due to be sent to its end, nanoseconds
     */
    public void requestEnded(String endpoint, ClientOutcome outcome, long latencyNanos) {
        Objects.requireNonNull(outcome, "outcome");
        if (!outcome.answered()) {
            noResponses.increment();
        }
        // One lookup finds the endpoint's recorders (the tag is not built on every request).
        AtomicReferenceArray<Recorder> byOutcome = recordersByEndpoint.get(Objects.requireNonNull(endpoint, "endpoint"));
        if (byOutcome == null) {
            byOutcome = admit(endpoint);
        }
        int ordinal = outcome.ordinal();
        Recorder r = byOutcome.get(ordinal);
        if (r == null) {
            r = recorder(byOutcome, endpoint, outcome);
        }
        r.recordValue(clamp(latencyNanos / 1_000));
    }

    /**
     * The recorders of an endpoint seen for the first time: its own while fewer than
     * {@link #MAX_ENDPOINTS} are kept (and the name has no {@code /}), else {@link #OTHER}'s. A name
     * logged as {@link #OTHER} is not remembered, so that many names cannot grow the map.
     */
    private AtomicReferenceArray<Recorder> admit(String endpoint) {
        synchronized (recordersByEndpoint) {
            AtomicReferenceArray<Recorder> own = recordersByEndpoint.get(endpoint);
            if (own != null) {
                return own;
            }
            boolean kept = endpointsKept < MAX_ENDPOINTS && !endpoint.contains("/");
            String name = kept ? endpoint : OTHER;
            if (kept) {
                endpointsKept++;
            }
            return recordersByEndpoint.computeIfAbsent(name, n -> new AtomicReferenceArray<>(OUTCOMES));
        }
    }

    /** The recorder of {@code <endpoint>/<outcome>}, made on its first request. */
    private Recorder recorder(AtomicReferenceArray<Recorder> byOutcome, String endpoint, ClientOutcome outcome) {
        String name = byOutcome == recordersByEndpoint.get(endpoint) ? endpoint : OTHER;
        Recorder r = byEndpointOutcome.computeIfAbsent(name + "/" + outcome.tagName(),
                t -> new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS));
        byOutcome.compareAndSet(outcome.ordinal(), null, r);
        return r;
    }

    /** When the first viewer started, on {@link System#nanoTime()}; 0 before. */
    public long firstUserNanos() {
        return firstUserNanos.get();
    }

    /** Requests that got no response at all (transport errors, timeouts) since the start. */
    public long noResponses() {
        return noResponses.sum();
    }

    public void refreshed() {
        refreshes.increment();
    }

    public void abandoned() {
        abandonments.increment();
    }

    /**
     * A stream started.
     *
     * @param playbackStartNanos the successful playback-start request's latency, nanoseconds
     * @param timeToPlayNanos    from the viewer's intent to play to this success, nanoseconds
     */
    public void playbackStarted(long playbackStartNanos, long timeToPlayNanos) {
        playbackStarts.increment();
        playbackStartMicros.recordValue(clamp(playbackStartNanos / 1_000));
        timeToPlayMicros.recordValue(clamp(timeToPlayNanos / 1_000));
    }

    /** A viewer's first stream started (a binge-watcher's later episodes are not counted again). */
    public void viewerPlaying() {
        viewersPlaying.increment();
    }

    /**
     * A viewer's journey ended, by giving up or by walking it to its end.
     *
     * @param played whether the viewer had started a stream ({@link #viewerPlaying()} was called for it)
     */
    public void viewerLeft(boolean played) {
        viewersLeft.increment();
        if (played) {
            viewersPlaying.decrement();
        }
    }

    /** Viewers in their journeys now: started and not yet left. */
    public long viewersActive() {
        return users.sum() - viewersLeft.sum();
    }

    /** Viewers whose stream started and whose journey has not ended. */
    public long viewersPlayingNow() {
        return viewersPlaying.sum();
    }

    /** A consistent-enough snapshot of the counters (each is exact; they are read one after another). */
    public Counts counts() {
        return new Counts(users.sum(), requests.sum(), errorPages.sum(), failures.sum(), refreshes.sum(),
                abandonments.sum(), playbackStarts.sum());
    }

    private static long clamp(long micros) {
        return Math.max(0, Math.min(HIGHEST_TRACKABLE_MICROS, micros));
    }

    /** Counters of one night. */
    public record Counts(long users, long requests, long errorPages, long failures, long refreshes,
                         long abandonments, long playbackStarts) {

        /** Error pages per request, percent (0 when nothing was sent). */
        public double errorPageRatePercent() {
            return requests == 0 ? 0 : 100.0 * errorPages / requests;
        }

        /** Viewers who gave up per play intent that ended (started or abandoned), percent. */
        public double abandonmentPercent() {
            long ended = abandonments + playbackStarts;
            return ended == 0 ? 0 : 100.0 * abandonments / ended;
        }
    }

    /** Cumulative histograms, filled by {@link ClientHistogramLog} as it writes each interval. */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    }
}
