package io.dropnight.simulations.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The yardstick of the journey's cost (issue 22): the built-in journey's calls written as a plain
 * Gatling simulation, the way Gatling's documentation writes one (one {@code exec} per call,
 * {@code jmesPath} saves, {@code asLongAs} loops, the same pauses), with no Dropnight journey code:
 * sign in, home, title page, poll it every 3–6 s until the final episode is out (waiting viewers),
 * play (retried every 0.5 s while locked, refreshed 1–3 s later on the error page, up to 5 times),
 * three heartbeats. The finale drop's arrivals, scaled and compressed as the night's
 * ({@code -Dscale}, {@code -Dcompression}): 2,000 waiting viewers gather before the drop, a step of
 * 4,800 over 80 s lands on it, a tail of 3,000 halves over four segments of 200 s.
 *
 * <p>The service's drop instant is {@code -DdropAt} (the script starts the service with it); the
 * arrivals are placed so that the drop step starts at it, as the night's surge does. Prints this
 * JVM's CPU time per request between {@code before()} and {@code after()}, as
 * {@link HealthCeilingSimulation} does (scripts/injector-ceiling.sh compares the two).
 */
public class PlainJourneySimulation extends Simulation {
    private static final String TARGET = System.getProperty("target", "http://127.0.0.1:8080");
    private static final double SCALE = Double.parseDouble(System.getProperty("scale", "1"));
    private static final double COMPRESSION = Double.parseDouble(System.getProperty("compression", "20"));
    private static final Instant DROP_AT = Instant.parse(System.getProperty("dropAt", Instant.now().plusSeconds(60).toString()));
    private static final int MAX_REFRESHES = 5;

    /** Counted after every answer: the CPU per request's denominator (the night counts the same way). */
    private static final AtomicLong REQUESTS = new AtomicLong();
    private final CpuPerRequest cpu = new CpuPerRequest();

    private static ChainBuilder counted(ChainBuilder call) {
        return call.exec(session -> {
            REQUESTS.incrementAndGet();
            return session;
        });
    }

    /** A count a check saved, or {@code absent} when the answer never came (the check did not run). */
    private static int count(io.gatling.javaapi.core.Session session, String key, int absent) {
        return session.contains(key) ? session.getInt(key) : absent;
    }

    /** Loops end by their condition, or after this many turns whatever happens. */
    private static final int MAX_TURNS = 200;

    // Each page is retried while it shows the error page (or did not answer), 1–3 s apart, within the journey's refreshes.
    private static ChainBuilder untilNotErrorPage(String name, ChainBuilder call) {
        return exec(session -> session.set("done", false))
                .asLongAs(session -> !session.getBoolean("done") && session.getInt("refreshes") <= MAX_REFRESHES
                        && session.getInt(name + "Turn") < MAX_TURNS, name + "Turn").on(
                        exec(session -> session.remove("errorMarks"))
                                .exec(counted(call))
                                .exec(session -> {
                                    boolean errorPage = count(session, "errorMarks", 1) > 0;
                                    return errorPage ? session.set("refreshes", session.getInt("refreshes") + 1)
                                            : session.set("done", true);
                                })
                                .doIf(session -> !session.getBoolean("done")).then(pause(Duration.ofSeconds(1), Duration.ofSeconds(3))));
    }

    private static final ChainBuilder SESSION = untilNotErrorPage("session", exec(
            http("session").post("/api/session").body(StringBody("{\"profile\":\"viewer-#{userId}\"}")).asJson()
                    .check(status().in(200, 503), substring("something-went-wrong").count().saveAs("errorMarks"),
                            jmesPath("token").optional().saveAs("token"))));

    private static final ChainBuilder HOME = untilNotErrorPage("home", exec(
            http("home").get("/api/home").header("Authorization", "Bearer #{token}")
                    .check(status().in(200, 503), substring("something-went-wrong").count().saveAs("errorMarks"),
                            jmesPath("featured.titleId").optional().saveAs("titleId"),
                            jmesPath("featured.finalEpisodeId").optional().saveAs("finalEpisodeId"),
                            jmesPath("featured.dropAt").optional().saveAs("dropAt"))));

    private static ChainBuilder title(String name) {
        return exec(http(name).get("/api/titles/#{titleId}").header("Authorization", "Bearer #{token}")
                .check(status().in(200, 503), substring("something-went-wrong").count().saveAs("errorMarks"),
                        jmesPath("seasons[-1].episodes[*].id").ofList().optional().saveAs("episodeIds"),
                        jmesPath("seasons[].episodes[] | [?id==`#{finalEpisodeId}`].available | [0]").ofBoolean()
                                .optional().saveAs("available")));
    }

    private static final ChainBuilder TITLE = untilNotErrorPage("title", title("title"));

    private static final ChainBuilder WAIT_FOR_DROP = asLongAs(session -> !session.getBoolean("available")
            && session.getInt("pollTurn") < MAX_TURNS, "pollTurn").on(
            pause(Duration.ofSeconds(3), Duration.ofSeconds(6)).exec(counted(title("title-poll"))));

    private static final ChainBuilder PLAY = exec(session -> session.set("episodeId", session.getString("finalEpisodeId"))
            .set("started", false))
            .asLongAs(session -> !session.getBoolean("started") && session.getInt("refreshes") <= MAX_REFRESHES
                    && session.getInt("playTurn") < MAX_TURNS, "playTurn").on(
                    exec(session -> session.removeAll("errorMarks", "lockedMarks", "status")).exec(counted(exec(http("playback-start").post("/api/playback/#{episodeId}").header("Authorization", "Bearer #{token}")
                            .check(status().in(200, 403, 503), status().saveAs("status"),
                                    substring("something-went-wrong").count().saveAs("errorMarks"),
                                    substring("EPISODE_LOCKED").count().saveAs("lockedMarks"),
                                    jmesPath("playbackId").optional().saveAs("playbackId")))))
                            .doIf(session -> count(session, "lockedMarks", 0) > 0 && count(session, "status", 0) == 403)
                            .then(pause(Duration.ofMillis(500)))
                            .doIf(session -> count(session, "errorMarks", 1) > 0).then(
                                    exec(session -> session.set("refreshes", session.getInt("refreshes") + 1))
                                            .pause(Duration.ofSeconds(1), Duration.ofSeconds(3)))
                            .exec(session -> session.set("started", count(session, "status", 0) == 200
                                    && count(session, "errorMarks", 1) == 0)));

    private static ChainBuilder heartbeats(Duration every) {
        return repeat(3).on(pause(every).exec(counted(exec(http("heartbeat").post("/api/playback/#{playbackId}/heartbeat")
                .header("Authorization", "Bearer #{token}").check(status().in(200, 204))))));
    }

    private static ChainBuilder viewer(boolean waits, Duration heartbeat) {
        ChainBuilder start = exec(session -> session.set("userId", session.userId()).set("refreshes", 0).set("available", false))
                .exec(SESSION, HOME, TITLE);
        return (waits ? start.exec(WAIT_FOR_DROP) : start)
                .exec(PLAY)
                .doIf(session -> session.getBoolean("started")).then(heartbeats(heartbeat));
    }

    private static Duration compressed(long realSeconds) {
        return Duration.ofMillis(Math.max(1, Math.round(realSeconds * 1000 / COMPRESSION)));
    }

    private static Duration seconds(Duration d) {
        return Duration.ofSeconds(Math.max(1, (d.toMillis() + 500) / 1000));
    }

    private static int users(int calibrated) {
        return (int) Math.max(1, Math.round(calibrated * SCALE));
    }

    public PlainJourneySimulation() {
        HttpProtocolBuilder protocol = http.baseUrl(TARGET).disableCaching().acceptHeader("application/json");
        Duration drop = seconds(compressed(900));
        Duration lead = seconds(Duration.between(Instant.now(), DROP_AT)).minus(drop);
        if (lead.isNegative()) {
            throw new IllegalArgumentException("-DdropAt " + DROP_AT + " is less than the night's drop offset (" + drop + ") away");
        }
        Duration gathering = drop.compareTo(Duration.ofSeconds(10)) > 0 ? drop.minusSeconds(5) : seconds(drop.dividedBy(2));
        Duration heartbeat = compressed(60);
        ScenarioBuilder waiting = scenario("waiting").exec(viewer(true, heartbeat));
        ScenarioBuilder arrivals = scenario("arrivals").exec(viewer(false, heartbeat));
        List<OpenInjectionStep> tail = new ArrayList<>(List.of(nothingFor(lead.plus(drop)),
                rampUsers(users(4_800)).during(seconds(compressed(80)))));
        for (int i = 0, n = 3_000; i < 4; i++, n /= 2) {
            tail.add(rampUsers(users(n)).during(seconds(compressed(200))));
        }
        setUp(waiting.injectOpen(nothingFor(lead), rampUsers(users(2_000)).during(gathering)),
                arrivals.injectOpen(tail)).protocols(protocol);
    }

    @Override
    public void before() {
        cpu.start();
    }

    @Override
    public void after() {
        System.out.println(cpu.line("plain journey requests", REQUESTS.get()));
    }
}
