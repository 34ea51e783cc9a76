package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java night its built-in night file replaced (issue 23), kept as the reference
 * {@link NightFilesTest} compares the file's plans with, phase by phase.
 *
 * <p> * A season launch: several episodes at once, a larger and longer surge. Viewers binge (start
 * several episodes each) and arrivals stay above capacity for a plateau of "minutes" (half a
 * minute compressed), so the service stays degraded well after the drop.
 */
final class PremiereDrop {
    public static final int WAITING_USERS = 3_000;
    public static final int STEP_USERS = 7_200;
    public static final int PLATEAU_USERS = 27_000;
    public static final int TAIL_FIRST_USERS = 6_000;
    public static final int TAIL_SEGMENTS = 3;
    /** Episodes each viewer starts. */
    public static final int EPISODES = 2;

    static final Duration DEFAULT_DROP_OFFSET_REAL = Duration.ofMinutes(10);
    static final Duration STEP_REAL = Duration.ofSeconds(120);
    static final Duration PLATEAU_REAL = Duration.ofMinutes(10);
    static final Duration TAIL_SEGMENT_REAL = Duration.ofSeconds(200);
    static final Duration HEARTBEAT_INTERVAL_REAL = Duration.ofSeconds(60);
    static final int HEARTBEATS = 2;

    private PremiereDrop() {
    }

    public static NightPlan plan(NightParameters p) {
        Duration drop = p.dropOffsetOr(p.compressed(DEFAULT_DROP_OFFSET_REAL));
        Duration hb = p.compressed(HEARTBEAT_INTERVAL_REAL);
        String n = Night.PREMIERE_DROP.label();

        Population waiting = new Population(n + "/waiting", Journey.WAIT_FOR_DROP,
                List.of(Phase.ramp("gathering", p.users(WAITING_USERS), Nights.gathering(drop))), EPISODES, HEARTBEATS, hb);

        List<Phase> arrivals = new ArrayList<>();
        arrivals.add(Phase.nothing("before-drop", drop));
        arrivals.add(Phase.stressPeak("drop-step", p.users(STEP_USERS), p.compressed(STEP_REAL)));
        arrivals.add(Phase.ramp("plateau", p.users(PLATEAU_USERS), p.compressed(PLATEAU_REAL)));
        arrivals.addAll(Nights.halvingTail("tail", p.users(TAIL_FIRST_USERS), TAIL_SEGMENTS, p.compressed(TAIL_SEGMENT_REAL)));
        Population arriving = new Population(n + "/arrivals", Journey.BINGE, arrivals, EPISODES, HEARTBEATS, hb);

        return new NightPlan(Night.PREMIERE_DROP, drop, List.of(waiting, arriving), Duration.ZERO);
    }
}
