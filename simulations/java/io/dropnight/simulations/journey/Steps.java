package io.dropnight.simulations.journey;

import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.ClientOutcome;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The reusable steps of a viewer's journey: {@link #session()}, {@link #home()}, {@link #title()},
 * {@link #play()}, {@link #heartbeats}, each wrapped in {@link #refreshOnErrorPage}. Every request
 * checks for the error page's marker whatever its status, so a deployment that serves the page
 * with 200 is still counted. Thread-safe: the steps are built once and shared by all viewers.
 */
public final class Steps {
    static final String TOKEN = "token";
    static final String TITLE_ID = "titleId";
    static final String FINAL_EPISODE_ID = "finalEpisodeId";
    static final String DROP_AT = "dropAt";
    static final String EPISODE_IDS = "episodeIds";
    static final String FINAL_AVAILABLE = "finalAvailable";
    static final String EPISODE_ID = "episodeId";
    static final String PLAYBACK_ID = "playbackId";
    static final String ABANDONED = "abandoned";
    static final String REFRESHES = "refreshes";
    static final String INTENT_NANOS = "intentNanos";
    private static final String DONE = "attemptDone";
    private static final String LOCKED_WAITS = "lockedWaits";
    private static final String NEXT_PAUSE_MS = "nextPauseMs";
    private static final String SENT_NANOS = "sentNanos";
    private static final String ST = "httpStatus";
    private static final String MARKS = "errorPageMarks";
    private static final String RETRY_AFTER = "retryAfter";
    private static final String ERROR_CODE = "errorCode";

    private static final Set<Integer> OK_200 = Set.of(200);
    private static final Set<Integer> OK_204 = Set.of(200, 204);
    /** A locked episode is an expected answer before the drop, not a failed request. */
    private static final Set<Integer> OK_PLAY = Set.of(200, 403);
    private static final int MAX_LOCKED_WAITS = 120;
    private static final Duration LOCKED_WAIT = Duration.ofMillis(500);

    private final ClientMetrics metrics;
    private final RefreshBehaviour refresh;
    private final ViewerRandom random;
    private final int maxRefreshes;

    /**
     * @param metrics      where outcomes are counted and latencies recorded
     * @param refresh      the pause before each refresh
     * @param random       each viewer's seeded random source (episode choice, refresh pauses)
     * @param maxRefreshes refreshes a viewer tries in one journey before giving up
     */
    public Steps(ClientMetrics metrics, RefreshBehaviour refresh, ViewerRandom random, int maxRefreshes) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.random = Objects.requireNonNull(random, "random");
        this.maxRefreshes = maxRefreshes;
    }

    /** Resets the viewer's state, gives it its seeded random source; counts the viewer. */
    public ChainBuilder arrive() {
        return exec(s -> {
            metrics.userStarted();
            return random.seed(s).set(ABANDONED, false).set(REFRESHES, 0);
        });
    }

    /** {@code POST /api/session}: signs in, keeps the bearer token. */
    public ChainBuilder session() {
        return refreshOnErrorPage("session", http("session").post("/api/session")
                .body(StringBody(s -> "{\"profile\":\"viewer-" + s.userId() + "\"}")).asJson()
                .check(jmesPath("token").optional().saveAs(TOKEN)), OK_200);
    }

    /** {@code GET /api/home}: learns the featured series, its final episode and the drop instant. */
    public ChainBuilder home() {
        return refreshOnErrorPage("home", authorized(http("home").get("/api/home"))
                .check(jmesPath("featured.titleId").ofLong().optional().saveAs(TITLE_ID),
                        jmesPath("featured.finalEpisodeId").ofLong().optional().saveAs(FINAL_EPISODE_ID),
                        jmesPath("featured.dropAt").optional().saveAs(DROP_AT)), OK_200);
    }

    /** {@code GET /api/titles/{id}}: the episodes of the last season and whether the final one is out. */
    public ChainBuilder title() {
        return refreshOnErrorPage("title", titleRequest("title"), OK_200);
    }

    /**
     * Stays on the title page until the final episode unlocks, reloading it every 3–6 s (a person,
     * not compressed). Error pages while polling are counted; the next poll is the refresh.
     */
    public ChainBuilder pollTitleUntilDrop() {
        return doIf(s -> !s.getBoolean(ABANDONED)).then(
                asLongAs(s -> !finalEpisodeOut(s)).on(
                        pause(Duration.ofSeconds(3), Duration.ofSeconds(6))
                                .exec(s -> s.removeAll(ST, MARKS, RETRY_AFTER, FINAL_AVAILABLE).set(SENT_NANOS, System.nanoTime()))
                                .exec(titleRequest("title-poll").check(common(OK_200)))
                                .exec(s -> {
                                    countOnly(s, OK_200, "title-poll");
                                    return s;
                                })));
    }

    /** Picks the episode to start: the final one, or the n-th of the last season, or any of the last three. */
    public ChainBuilder chooseEpisode(EpisodeChoice choice, int index) {
        // Skipped by a viewer who gave up before the home page answered: there is nothing to choose from.
        return doIf(s -> !s.getBoolean(ABANDONED) && s.contains(FINAL_EPISODE_ID)).then(
                exec(s -> s.set(EPISODE_ID, choice.pick(s.getLong(FINAL_EPISODE_ID), episodeIds(s), index,
                        random.of(s)))));
    }

    /** Marks the instant the viewer wants to watch: time to play is measured from here. */
    public ChainBuilder intendToPlay() {
        return exec(s -> s.set(INTENT_NANOS, System.nanoTime()));
    }

    /** {@code POST /api/playback/{episodeId}}: starts the stream; waits out a locked episode. */
    public ChainBuilder play() {
        return refreshOnErrorPage("playback-start", authorized(http("playback-start").post("/api/playback/#{" + EPISODE_ID + "}"))
                .check(jmesPath("playbackId").optional().saveAs(PLAYBACK_ID),
                        jmesPath("error.code").optional().saveAs(ERROR_CODE)), OK_PLAY);
    }

    /** Watches: {@code count} heartbeats, one every {@code interval}. A failed heartbeat is not refreshed. */
    public ChainBuilder heartbeats(int count, Duration interval) {
        return doIf(s -> !s.getBoolean(ABANDONED)).then(repeat(count).on(pause(interval).exec(heartbeat())));
    }

    /** Watches until {@code deadlineNanos} (on {@link System#nanoTime()}), one heartbeat every {@code interval}. */
    public ChainBuilder heartbeatsUntil(LongSupplier deadlineNanos, Duration interval) {
        return doIf(s -> !s.getBoolean(ABANDONED)).then(
                asLongAs(s -> System.nanoTime() + interval.toNanos() < deadlineNanos.getAsLong())
                        .on(pause(interval).exec(heartbeat())));
    }

    /**
     * Sends {@code request} until it works. On the error page (or a failure) the viewer pauses
     * (1–3 s, or backoff honouring {@code Retry-After}) and refreshes, up to the refresh budget of
     * the journey; then gives up, and the remaining steps are skipped. A locked episode is waited
     * out without spending the budget.
     */
    public ChainBuilder refreshOnErrorPage(String name, HttpRequestActionBuilder request, Set<Integer> okStatuses) {
        HttpRequestActionBuilder checked = request.check(common(okStatuses));
        return doIf(s -> !s.getBoolean(ABANDONED)).then(
                exec(s -> s.set(DONE, false).set(LOCKED_WAITS, 0))
                        .asLongAs(s -> !s.getBoolean(DONE)).on(
                                exec(s -> s.removeAll(ST, MARKS, RETRY_AFTER, ERROR_CODE, PLAYBACK_ID).set(SENT_NANOS, System.nanoTime()))
                                        .exec(checked)
                                        .exec(s -> afterAttempt(s, okStatuses, name))
                                        .doIf(s -> s.getLong(NEXT_PAUSE_MS) > 0)
                                        .then(pause(s -> Duration.ofMillis(s.getLong(NEXT_PAUSE_MS))))));
    }

    private Session afterAttempt(Session s, Set<Integer> okStatuses, String name) {
        long now = System.nanoTime();
        Outcome outcome = countOnly(s, okStatuses, name);
        switch (outcome) {
            case OK -> {
                if (okStatuses == OK_PLAY && s.contains(PLAYBACK_ID)) {
                    metrics.playbackStarted(now - s.getLong(SENT_NANOS), now - s.getLong(INTENT_NANOS));
                }
                return s.set(DONE, true).set(NEXT_PAUSE_MS, 0L);
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

    private Session refreshOrGiveUp(Session s) {
        int used = s.getInt(REFRESHES);
        if (used >= maxRefreshes) {
            metrics.abandoned();
            return s.set(ABANDONED, true).set(DONE, true).set(NEXT_PAUSE_MS, 0L);
        }
        metrics.refreshed();
        Duration pause = refresh.pauseBefore(used + 1, retryAfter(s), random.of(s)::nextLong);
        return s.set(REFRESHES, used + 1).set(NEXT_PAUSE_MS, pause.toMillis());
    }

    /** Counts the request and its outcome; returns the outcome. {@code name}: the request's, for client.hlog. */
    private Outcome countOnly(Session s, Set<Integer> okStatuses, String name) {
        metrics.requestSent();
        Integer status = s.contains(ST) ? s.getInt(ST) : null;
        int markers = s.contains(MARKS) ? s.getInt(MARKS) : 0;
        Outcome outcome = Outcome.classify(status, markers, s.getString(ERROR_CODE), okStatuses);
        if (outcome == Outcome.ERROR_PAGE) {
            metrics.errorPageSeen();
        } else if (outcome == Outcome.FAILED) {
            metrics.requestFailed();
        }
        // --- issue 9: the client timeline (client.hlog <night>/<endpoint>/<outcome>) -------------
        ClientOutcome client = switch (outcome) {
            case OK -> ClientOutcome.OK;
            case ERROR_PAGE -> ClientOutcome.ERROR_PAGE;
            case LOCKED -> ClientOutcome.LOCKED;
            case FAILED -> status == null ? ClientOutcome.NO_RESPONSE : ClientOutcome.FAILED;
        };
        metrics.requestEnded(name, client, s.contains(SENT_NANOS) ? System.nanoTime() - s.getLong(SENT_NANOS) : 0);
        // --- end issue 9 ------------------------------------------------------------------------
        return outcome;
    }

    private ChainBuilder heartbeat() {
        return exec(s -> s.removeAll(ST, MARKS, RETRY_AFTER).set(SENT_NANOS, System.nanoTime()))
                .exec(authorized(http("heartbeat").post("/api/playback/#{" + PLAYBACK_ID + "}/heartbeat"))
                        .check(common(OK_204)))
                .exec(s -> {
                    countOnly(s, OK_204, "heartbeat");
                    return s;
                });
    }

    private HttpRequestActionBuilder titleRequest(String name) {
        return authorized(http(name).get("/api/titles/#{" + TITLE_ID + "}"))
                .check(jmesPath("seasons[-1].episodes[*].id").ofList().optional().saveAs(EPISODE_IDS),
                        jmesPath("seasons[].episodes[] | [?id==`#{" + FINAL_EPISODE_ID + "}`].available | [0]")
                                .ofBoolean().optional().saveAs(FINAL_AVAILABLE));
    }

    private static HttpRequestActionBuilder authorized(HttpRequestActionBuilder request) {
        return request.header("Authorization", "Bearer #{" + TOKEN + "}");
    }

    /** Saves first, validates last: every check runs, so the saves survive a failed validation. */
    private static CheckBuilder[] common(Set<Integer> okStatuses) {
        return new CheckBuilder[] {
            status().saveAs(ST),
            substring(Outcome.ERROR_PAGE_MARKER).count().saveAs(MARKS),
            header("Retry-After").optional().saveAs(RETRY_AFTER),
            status().in(List.copyOf(okStatuses)),
            substring(Outcome.ERROR_PAGE_MARKER).notExists()
        };
    }

    static boolean finalEpisodeOut(Session s) {
        Boolean available = s.contains(FINAL_AVAILABLE) ? s.getBoolean(FINAL_AVAILABLE) : null;
        if (available != null) {
            return available;
        }
        // No answer to read (error page, timeout): fall back on the announced drop instant.
        String dropAt = s.getString(DROP_AT);
        try {
            return dropAt == null || !Instant.now().isBefore(Instant.parse(dropAt));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static List<Long> episodeIds(Session s) {
        if (!s.contains(EPISODE_IDS)) {
            return List.of();
        }
        return s.<Object>getList(EPISODE_IDS).stream().map(o -> ((Number) o).longValue()).toList();
    }

    private static OptionalLong retryAfter(Session s) {
        String v = s.getString(RETRY_AFTER);
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
