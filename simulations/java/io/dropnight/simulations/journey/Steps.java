// Over 300 lines: the viewer's whole behaviour (refresh, give up, wait for the drop, locked, groups,
// heartbeats) and the guard that keeps a harness crash from being read as the target's failure
// share the viewer's session state; split, each half would reach into the other's names.
package io.dropnight.simulations.journey;

import io.dropnight.runfolder.ClientTags;

import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.PopulationFigures;
import io.dropnight.profile.Accounts;
import io.dropnight.profile.Interval;
import io.dropnight.profile.JourneyStep;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.Role;
import io.dropnight.profile.CallSpec;
import io.dropnight.profile.TargetProfile;
import io.dropnight.simulations.client.ClientOutcome;
import io.dropnight.simulations.nights.EpisodeChoice;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;

/**
 * What a viewer does, whatever the target: arrives, signs in, browses, waits on the title page,
 * refreshes on the error page or backs off, gives up, presses play, sends heartbeats. How each
 * call is made (route, body, saves, how an answer is read) is {@link TargetCalls}'s, from the
 * target profile; a step the target does not have (session, heartbeat) is skipped. Thread-safe:
 * the steps are built once and shared by all viewers.
 */
public final class Steps {
    static final String ABANDONED = "abandoned";
    static final String REFRESHES = "refreshes";
    static final String INTENT_NANOS = "intentNanos";
    /**
     * Set when the harness itself failed in this viewer's journey; the viewer is then stopped (its
     * {@link #ABANDONED} set so that every later step is skipped), but not counted as giving up.
     */
    static final String INJECTOR_ERROR = "injectorError";
    /** Set when the viewer's first stream started: a viewer playing, for the live metrics. */
    static final String PLAYED = "played";
    /** The request name of the wait-for-drop page reloaded while waiting: its step's name and {@code -poll}. */
    private final String titlePoll;
    /** How often the waiting viewer reloads it. */
    private final Interval pollEvery;
    /** Answers of a parallel group's other calls, counted as they arrive (a group's session is not passed on). */
    private static final String GROUP_ANSWERS = "groupAnswers";
    /** Where a crash in the heartbeats-until-the-event-ends loop is named. */
    private static final String HEARTBEAT_LOOP = "heartbeat-loop";
    /** The request name of {@code play}, as Gatling's statistics, the SLO assertions and the report know it. */
    public static final String PLAYBACK_START = ClientTags.PLAYBACK_START;
    /** Set when the current call has an answer the viewer acts on (worked, or the viewer gave up). */
    static final String ATTEMPT_SETTLED = "attemptSettled";
    private static final String LOCKED_WAITS = "lockedWaits";
    static final String NEXT_PAUSE_MS = "nextPauseMs";
    static final String SENT_NANOS = "sentNanos";

    /** Locked answers a viewer waits out on one play step without spending its refreshes ({@link ViewerBound} counts them). */
    static final int MAX_LOCKED_WAITS = 120;
    private static final Duration LOCKED_WAIT = Duration.ofMillis(500);

    private final TargetCalls calls;
    private final TargetProfile profile;
    private final ClientMetrics metrics;
    private final RefreshBehaviour refresh;
    private final ViewerRandom random;
    private final int maxRefreshes;
    /** The drop instant known before the night (-DdropAt, or the target's), until a step saves one. */
    private final Optional<String> knownDropAt;
    private final Consumer<String> console;
    private final boolean deliberateFault;
    /** This injector's share of the accounts, one row per arriving viewer; empty when the journey needs none. */
    private final Optional<AccountFeeder> accounts;
    private final ViewerIds ids;
    /** The population's own figures, beside the night's. */
    private final PopulationFigures population;
    /** Passed before every request: where the night is stopped once an SLO is lost ({@code -Dslo.abortOnFail}). */
    private final ChainBuilder checkpoint;

    /**
     * @param calls        how each call is made on the target
     * @param metrics      where outcomes are counted and latencies recorded
     * @param refresh      the pause before each refresh
     * @param random       each viewer's seeded random source (episode choice, refresh pauses)
     * @param maxRefreshes refreshes a viewer tries in one journey before giving up
     * @param knownDropAt  the drop instant known before the night, for a target whose profile saves none
     * @param console      where the night's first injector error is printed as it happens
     * @param deliberateFault for tests only: every episode choice throws, as a harness bug would
     * @param accounts     the feeder of this injector's share of the profile's accounts (empty when it has none), shared
     *                     by every population that walks the same journey, so that no two viewers take one row
     * @param ids          the viewers' numbers ({@code #{userId}}), unique across sharded injectors
     * @param population   where this population's own figures are counted, beside the night's
     */
    public Steps(TargetCalls calls, ClientMetrics metrics, RefreshBehaviour refresh, ViewerRandom random,
                 int maxRefreshes, Optional<Instant> knownDropAt, Consumer<String> console, boolean deliberateFault,
                 Optional<AccountFeeder> accounts, ViewerIds ids, PopulationFigures population) {
        this(calls, metrics, refresh, random, maxRefreshes, knownDropAt, console, deliberateFault, accounts, ids, population, nothing());
    }

    /**
     * As the other constructor, with a step every viewer passes before every request it sends
     * (the night's stop, {@code SloWatch.checkpoint()}); it must never block.
     */
    public Steps(TargetCalls calls, ClientMetrics metrics, RefreshBehaviour refresh, ViewerRandom random,
                 int maxRefreshes, Optional<Instant> knownDropAt, Consumer<String> console, boolean deliberateFault,
                 Optional<AccountFeeder> accounts, ViewerIds ids, PopulationFigures population, ChainBuilder checkpoint) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.profile = calls.profile();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.random = Objects.requireNonNull(random, "random");
        this.maxRefreshes = maxRefreshes;
        this.knownDropAt = knownDropAt.map(Instant::toString);
        this.console = Objects.requireNonNull(console, "console");
        this.deliberateFault = deliberateFault;
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.population = Objects.requireNonNull(population, "population");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        JourneyStep wait = profile.stepWith(Role.WAIT_FOR_DROP).orElseThrow();
        this.titlePoll = wait.name() + ProfileReader.POLL_SUFFIX;
        this.pollEvery = wait.every().orElseThrow();
    }

    /** The step every viewer passes before every request (the night's stop under {@code -Dslo.abortOnFail}). */
    ChainBuilder checkpoint() {
        return checkpoint;
    }

    /** The viewer's seeded random source. */
    java.util.SplittableRandom random(Session s) {
        return random.of(s);
    }

    /**
     * The viewer reached its goal without a stream (a reservation confirmed): counted where a stream
     * start is, so that the night's goal SLOs judge it: {@code goalLatencyNanos} as the goal's own
     * request (playback start's place), from the intent ({@link #intendToPlay()}) as time to play's.
     */
    Session goalReached(Session s, long goalLatencyNanos) {
        long now = System.nanoTime();
        metrics.playbackStarted(goalLatencyNanos, now - s.getLong(INTENT_NANOS));
        population.playbackStarted(now - s.getLong(INTENT_NANOS));
        if (!s.contains(PLAYED)) {
            metrics.viewerPlaying();
            return s.set(PLAYED, true);
        }
        return s;
    }

    /** {@code steps} in order, each as {@link #step(JourneyStep)} makes it. */
    public ChainBuilder steps(List<JourneyStep> steps) {
        ChainBuilder chain = nothing();
        for (JourneyStep step : steps) {
            chain = chain.exec(step(step));
        }
        return chain;
    }

    /**
     * One step as the viewer makes it: its think time, then its call, refreshed on the error page
     * until it works or the viewer gives up; an optional step or a parallel group is made once,
     * its failures counted, and the journey goes on.
     */
    public ChainBuilder step(JourneyStep step) {
        ChainBuilder chain = step.pause().map(p -> doIf(s -> !s.getBoolean(ABANDONED)).then(pause(p))).orElseGet(Steps::nothing);
        if (!step.parallel().isEmpty()) {
            return chain.exec(group(step));
        }
        return chain.exec(step.optional() ? once(step.call()) : refreshOnErrorPage(step.call()));
    }

    private static ChainBuilder pause(Interval p) {
        return p.isFixed() ? CoreDsl.pause(p.min()) : CoreDsl.pause(p.min(), p.max());
    }

    /** Resets the viewer's state, gives it its seeded random source and its id for the profile; counts the viewer. */
    public ChainBuilder arrive() {
        ChainBuilder start = accounts.map(CoreDsl::feed).orElseGet(Steps::nothing);
        return start.exec(guarded("arrive", s -> {
            metrics.userStarted(s.scenario());
            population.userStarted();
            Session viewer = random.seed(s).set(TargetProfile.USER_ID, ids.of(s.userId())).set(ABANDONED, false).set(REFRESHES, 0);
            return knownDropAt.map(d -> viewer.set(TargetProfile.DROP_AT, d)).orElse(viewer);
        }));
    }

    /**
     * The viewer's journey ends here (it gave up, or walked to its end): counted so that the live
     * metrics know who is still in a journey and who is playing. Placed before every exit.
     */
    public ChainBuilder leave() {
        return exec(s -> {
            metrics.viewerLeft(s.contains(PLAYED));
            return s;
        });
    }

    /** The wait-for-drop step's first visit (the title page): the episodes and whether the final one is out. */
    public ChainBuilder title() {
        return step(profile.stepWith(Role.WAIT_FOR_DROP).orElseThrow());
    }

    /**
     * Stays on the wait-for-drop page until the final episode unlocks ({@code until}, or the drop
     * instant), reloading it every {@code every} (3–6 s unless the journey says: a person, not
     * compressed). Error pages while polling are counted; the next poll is the refresh.
     */
    public ChainBuilder pollTitleUntilDrop() {
        CallSpec title = profile.title();
        String[] answerNames = calls.answerNames(title);
        return doIf(s -> !s.getBoolean(ABANDONED)).then(
                asLongAs(guardedCondition(titlePoll, s -> !s.getBoolean(ABANDONED) && !finalEpisodeOut(s))).on(
                        pause(pollEvery)
                                .exec(checkpoint)
                                .exec(guarded(titlePoll, s -> beforeSend(s, title, answerNames, titlePoll)))
                                .doIf(s -> !s.getBoolean(ABANDONED)).then(
                                        exec(calls.request(title, titlePoll))
                                                .exec(guarded(titlePoll, s -> {
                                                    Session answered = calls.keepSaves(s, title);
                                                    recordOutcome(answered, title, titlePoll);
                                                    return answered;
                                                })))));
    }

    /** Picks the episode to start: the final one, or the n-th of the last season, or any of the last three. */
    public ChainBuilder chooseEpisode(EpisodeChoice choice, int index) {
        // Skipped by a viewer who gave up before the home page answered: there is nothing to choose from.
        return doIf(s -> !s.getBoolean(ABANDONED) && s.contains(TargetProfile.FINAL_EPISODE_ID)).then(
                exec(guarded("choose-episode", s -> {
                    if (deliberateFault) {
                        throw new IllegalStateException("deliberate test fault (-Dtest.injectorFault=true)");
                    }
                    return s.set(TargetProfile.EPISODE_ID, choice.pick(EpisodeChoice.idText(s.get(TargetProfile.FINAL_EPISODE_ID)),
                            episodeIds(s), index, random.of(s)));
                })));
    }

    /** Marks the instant the viewer wants to watch: time to play is measured from here. */
    public ChainBuilder intendToPlay() {
        return exec(s -> s.set(INTENT_NANOS, System.nanoTime()));
    }

    /** Starts the stream (the play step); waits out a locked episode. */
    public ChainBuilder play() {
        return step(profile.stepWith(Role.PLAY).orElseThrow());
    }

    /**
     * Watches: {@code count} heartbeats, one every {@code interval} (the night's, scaled by the
     * target's own interval). A failed heartbeat is not refreshed. Skipped when the target has none.
     */
    public ChainBuilder heartbeats(int count, Duration interval) {
        if (profile.heartbeat().isEmpty()) {
            return nothing();
        }
        return doIf(s -> !s.getBoolean(ABANDONED)).then(repeat(count).on(CoreDsl.pause(scaled(interval)).exec(heartbeat())));
    }

    /** Watches until {@code deadlineNanos} (on {@link System#nanoTime()}), one heartbeat every {@code interval}. */
    public ChainBuilder heartbeatsUntil(LongSupplier deadlineNanos, Duration interval) {
        if (profile.heartbeat().isEmpty()) {
            return nothing();
        }
        Duration every = scaled(interval);
        return doIf(s -> !s.getBoolean(ABANDONED)).then(
                asLongAs(guardedCondition(HEARTBEAT_LOOP,
                        s -> !s.getBoolean(ABANDONED) && System.nanoTime() + every.toNanos() < deadlineNanos.getAsLong()))
                        .on(CoreDsl.pause(every).exec(heartbeat())));
    }

    private Duration scaled(Duration nightInterval) {
        return scaled(profile, nightInterval);
    }

    /** The night's heartbeat interval is calibrated at 60 s of real time: a target's own interval scales it. */
    static Duration scaled(TargetProfile profile, Duration nightInterval) {
        double ratio = (double) profile.heartbeatEvery().toMillis() / TargetProfile.CALIBRATED_HEARTBEAT.toMillis();
        return Duration.ofMillis(Math.max(1, Math.round(nightInterval.toMillis() * ratio)));
    }

    /**
     * Makes {@code call} until it works. On the error page (or a failure) the viewer pauses
     * (1–3 s, or backoff honouring {@code Retry-After}) and refreshes, up to the refresh budget of
     * the journey; then gives up, and the remaining steps are skipped. A locked episode is waited
     * out without spending the budget.
     */
    private ChainBuilder refreshOnErrorPage(CallSpec call) {
        String[] answerNames = calls.answerNames(call);
        String requestName = requestName(call);
        return doIf(s -> !s.getBoolean(ABANDONED)).then(
                exec(s -> s.set(ATTEMPT_SETTLED, false).set(LOCKED_WAITS, 0))
                        .asLongAs(guardedCondition(requestName, s -> !s.getBoolean(ATTEMPT_SETTLED))).on(
                                exec(checkpoint).exec(guarded(requestName, s -> beforeSend(s, call, answerNames, requestName)))
                                        .doIf(s -> !s.getBoolean(ABANDONED)).then(
                                                exec(calls.request(call, requestName))
                                                        .exec(guarded(requestName, s -> afterAttempt(calls.keepSaves(s, call), call, requestName)))
                                                        .doIf(s -> s.getLong(NEXT_PAUSE_MS) > 0)
                                                        .then(CoreDsl.pause(s -> Duration.ofMillis(s.getLong(NEXT_PAUSE_MS)))))));
    }

    /**
     * Clears the last attempt's answer and stamps the send time; a request the harness cannot
     * build (a {@code #{name}} its session lacks) stops the viewer as an injector error instead of
     * being sent, so that it is never counted as the target's failure.
     */
    private Session beforeSend(Session s, CallSpec call, String[] answerNames, String requestName) {
        String missing = calls.missingName(s::contains, call);
        if (missing != null) {
            return injectorError(s, requestName, "the request cannot be built: #{" + missing
                    + "} is not in the viewer's session (" + call.method() + " " + call.path() + ")");
        }
        return s.removeAll(answerNames).set(SENT_NANOS, System.nanoTime());
    }

    /**
     * {@code step} as a Gatling session function whose exception (the harness's own, never the
     * target's answer) stops the viewer as an injector error instead of crashing on into the next
     * action marked failed, which the night would have read as the target's failure.
     */
    Function<Session, Session> guarded(String where, Function<Session, Session> step) {
        return s -> {
            try {
                return step.apply(s);
            } catch (RuntimeException e) {
                return injectorError(s, where, e);
            }
        };
    }

    /**
     * A loop's or a branch's condition that cannot crash unseen: Gatling logs a crashed condition and
     * leaves the loop, so the viewer would walk on as if the condition were false; here the crash is
     * an injector error, counted and named like a crashed step, and the condition is false.
     */
    Function<Session, Boolean> guardedCondition(String where, Function<Session, Boolean> condition) {
        return s -> {
            try {
                return condition.apply(s);
            } catch (RuntimeException e) {
                injectorError(s, where, e);
                return false;
            }
        };
    }

    private Session injectorError(Session s, String where, RuntimeException e) {
        return injectorError(s, where, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private Session injectorError(Session s, String where, String what) {
        metrics.injectorError(where, what).ifPresent(line -> console.accept("FIRST " + line
                + " (a harness failure, not an answer of the target: the night will be INCONCLUSIVE)"));
        return s.set(INJECTOR_ERROR, true).set(ABANDONED, true).set(ATTEMPT_SETTLED, true).set(NEXT_PAUSE_MS, 0L);
    }

    private Session afterAttempt(Session s, CallSpec call, String requestName) {
        Outcome outcome = recordOutcome(s, call, requestName);
        switch (outcome) {
            case OK -> {
                if (call.role() == Role.PLAY && !s.contains(PLAYED)) {
                    metrics.viewerPlaying();
                    return s.set(PLAYED, true).set(ATTEMPT_SETTLED, true).set(NEXT_PAUSE_MS, 0L);
                }
                return s.set(ATTEMPT_SETTLED, true).set(NEXT_PAUSE_MS, 0L);
            }
            case LOCKED -> {
                int waits = s.getInt(LOCKED_WAITS) + 1;
                if (waits <= MAX_LOCKED_WAITS) {
                    return s.set(LOCKED_WAITS, waits).set(NEXT_PAUSE_MS, LOCKED_WAIT.toMillis());
                }
                return refreshOrGiveUp(s);
            }
            default -> {
                return refreshOrGiveUp(s);
            }
        }
    }

    Session refreshOrGiveUp(Session s) {
        int used = s.getInt(REFRESHES);
        if (used >= maxRefreshes) {
            metrics.abandoned();
            population.abandoned();
            return s.set(ABANDONED, true).set(ATTEMPT_SETTLED, true).set(NEXT_PAUSE_MS, 0L);
        }
        metrics.refreshed();
        population.refreshed();
        Duration pause = refresh.pauseBefore(used + 1, retryAfter(s), random.of(s)::nextLong);
        return s.set(REFRESHES, used + 1).set(NEXT_PAUSE_MS, pause.toMillis());
    }

    /**
     * Everything recorded about one finished request, in one place: the request counted (per
     * request name), its outcome, and for a stream that started its playback-start latency and the
     * viewer's time to play. Returns the outcome.
     */
    private Outcome recordOutcome(Session s, CallSpec call, String requestName) {
        long now = System.nanoTime();
        Outcome outcome = calls.classify(s, call);
        if (outcome == Outcome.OK && call.role() == Role.PLAY) {
            metrics.playbackStarted(now - s.getLong(SENT_NANOS), now - s.getLong(INTENT_NANOS));
            population.playbackStarted(now - s.getLong(INTENT_NANOS));
        }
        record(requestName, outcome, s.contains(TargetCalls.HTTP_STATUS) ? s.getInt(TargetCalls.HTTP_STATUS) : null,
                s.contains(SENT_NANOS) ? now - s.getLong(SENT_NANOS) : 0);
        return outcome;
    }

    /** One finished request counted: sent, its outcome, and its line in the client timeline. Any thread. */
    void record(String requestName, Outcome outcome, Integer status, long latencyNanos) {
        metrics.requestSent(requestName);
        population.requestSent();
        switch (outcome) {
            case ERROR_PAGE -> {
                metrics.errorPageSeen();
                population.errorPageSeen();
            }
            case FAILED -> {
                metrics.requestFailed();
                population.requestFailed();
            }
            case UNCLASSIFIED -> {
                metrics.requestFailed();
                population.requestFailed();
                metrics.unclassified(requestName, status == null ? 0 : status);
            }
            default -> {
                // OK is counted as sent (a play's start by recordOutcome); LOCKED as sent only: not yet, not an error.
            }
        }
        // The client timeline (client.hlog <night>/<endpoint>/<outcome>): an answer the profile
        // does not describe is a failure there; a request with no status had no response.
        ClientOutcome timeline = switch (outcome) {
            case OK -> ClientOutcome.OK;
            case ERROR_PAGE -> ClientOutcome.ERROR_PAGE;
            case LOCKED -> ClientOutcome.LOCKED;
            case FAILED, UNCLASSIFIED -> status != null ? ClientOutcome.FAILED : ClientOutcome.NO_RESPONSE;
        };
        metrics.requestEnded(requestName, timeline, latencyNanos);
    }

    /**
     * A parallel group: its first call as the request, the others as Gatling's resources, fetched
     * at once on the viewer's connections as a browser fetches a page's images. Each answer is
     * counted under the step's name as it arrives; an answer that never came (refused, timed out,
     * a request that could not be built) is counted as no response. Made once: failures are counted
     * and the journey goes on.
     */
    private ChainBuilder group(JourneyStep step) {
        CallSpec first = step.call();
        String name = requestName(first);
        String[] answerNames = calls.answerNames(first);
        int others = step.parallel().size();
        return doIf(s -> !s.getBoolean(ABANDONED)).then(exec(checkpoint).exec(guarded(name, s -> {
                    for (CallSpec c : step.parallel()) {
                        String missing = calls.missingName(s::contains, c);
                        if (missing != null) {
                            return injectorError(s, name, "the request cannot be built: #{" + missing
                                    + "} is not in the viewer's session (" + c.method() + " " + c.path() + ")");
                        }
                    }
                    return beforeSend(s, first, answerNames, name).set(GROUP_ANSWERS, new AtomicInteger());
                })))
                .doIf(s -> !s.getBoolean(ABANDONED)).then(
                        exec(calls.group(step, name, (s, outcome, status, latencyNanos) -> {
                            ((AtomicInteger) s.get(GROUP_ANSWERS)).incrementAndGet();
                            record(name, outcome, status, latencyNanos);
                        }))
                                .exec(guarded(name, s -> {
                                    Session answered = calls.keepSaves(s, first);
                                    recordOutcome(answered, first, name);
                                    int unanswered = others - ((AtomicInteger) s.get(GROUP_ANSWERS)).get();
                                    for (int i = 0; i < unanswered; i++) {
                                        record(name, Outcome.FAILED, null, 0);
                                    }
                                    return answered.remove(GROUP_ANSWERS);
                                })));
    }

    private ChainBuilder heartbeat() {
        return once(profile.heartbeat().orElseThrow());
    }

    /** {@code call} made once: counted, its answer kept, never refreshed (a heartbeat, an optional step). */
    private ChainBuilder once(CallSpec call) {
        String[] answerNames = calls.answerNames(call);
        String name = requestName(call);
        return doIf(s -> !s.getBoolean(ABANDONED)).then(exec(checkpoint).exec(guarded(name, s -> beforeSend(s, call, answerNames, name))))
                .doIf(s -> !s.getBoolean(ABANDONED)).then(
                        exec(calls.request(call, name))
                                .exec(guarded(name, s -> {
                                    Session answered = calls.keepSaves(s, call);
                                    recordOutcome(answered, call, name);
                                    return answered;
                                })));
    }

    /** Each step's request name is its profile key, but {@code play}'s, which keeps the name the SLOs use. */
    static String requestName(CallSpec call) {
        return call.role() == Role.PLAY ? PLAYBACK_START : call.step();
    }

    private static ChainBuilder nothing() {
        return exec(s -> s);
    }

    static boolean finalEpisodeOut(Session s) {
        return finalEpisodeOut(s.contains(TargetCalls.FINAL_AVAILABLE) ? (Object) s.get(TargetCalls.FINAL_AVAILABLE) : null,
                s.contains(TargetProfile.DROP_AT) ? (Object) s.get(TargetProfile.DROP_AT) : null, Instant.now());
    }

    /**
     * Whether the final episode is out: as the last title answer said ({@code available}: a boolean,
     * or its text), or, with no answer to read (an error page, a timeout, a profile without
     * finalAvailable), by the announced drop instant ({@code dropAt}: an {@link Instant} or its
     * ISO-8601 text). Unreadable or absent: out, so that no viewer waits for a drop that never comes.
     * (The values are taken as {@code Object}s: {@code String.valueOf(session.get(..))} would pick
     * the {@code char[]} overload and throw.)
     */
    static boolean finalEpisodeOut(Object available, Object dropAt, Instant now) {
        if (available instanceof Boolean b) {
            return b;
        }
        if (available instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        if (dropAt == null) {
            return true;
        }
        try {
            return !now.isBefore(dropAt instanceof Instant i ? i : Instant.parse(String.valueOf(dropAt)));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** The last season's ids as the title answer gave them (strings or numbers), as text; never parsed. */
    private static List<String> episodeIds(Session s) {
        if (!s.contains(TargetProfile.EPISODE_IDS)) {
            return List.of();
        }
        return EpisodeChoice.idTexts(s.<Object>getList(TargetProfile.EPISODE_IDS));
    }

    private static OptionalLong retryAfter(Session s) {
        String v = s.getString(TargetCalls.RETRY_AFTER);
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // an HTTP-date Retry-After: ignored, the jittered pause stands
        }
    }

}
