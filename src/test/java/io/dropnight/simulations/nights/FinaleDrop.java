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
 * <p> * The incident: a final episode unlocks at one instant. Viewers already on the title page poll
 * it; at the drop a synchronized step of new arrivals (a ramp of a few seconds) lands on top of
 * them, followed by a tail that halves every segment. Everyone presses play.
 *
 * <p>Calibrated at scale 1 against 64 slots (about 50 ms of backend time per journey): the step
 * asks for about 1.5 times the capacity for a few seconds, the tail well under it, so the service
 * should fail briefly at the drop and recover, with viewers needing a few refreshes.
 */
final class FinaleDrop {
    /** Viewers waiting on the title page before the drop. */
    public static final int WAITING_USERS = 2_000;
    /** Arrivals in the step at the drop. */
    public static final int STEP_USERS = 4_800;
    /** Arrivals in the first tail segment; each following segment halves. */
    public static final int TAIL_FIRST_USERS = 3_000;
    public static final int TAIL_SEGMENTS = 4;

    static final Duration DEFAULT_DROP_OFFSET_REAL = Duration.ofMinutes(15);
    static final Duration STEP_REAL = Duration.ofSeconds(80);
    static final Duration TAIL_SEGMENT_REAL = Duration.ofSeconds(200);
    static final Duration HEARTBEAT_INTERVAL_REAL = Duration.ofSeconds(60);
    static final int HEARTBEATS = 3;

    private FinaleDrop() {
    }

    public static NightPlan plan(NightParameters p) {
        Duration drop = p.dropOffsetOr(p.compressed(DEFAULT_DROP_OFFSET_REAL));
        Duration hb = p.compressed(HEARTBEAT_INTERVAL_REAL);
        String n = Night.FINALE_DROP.label();

        Population waiting = new Population(n + "/waiting", Journey.WAIT_FOR_DROP,
                List.of(Phase.ramp("gathering", p.users(WAITING_USERS), Nights.gathering(drop))), 1, HEARTBEATS, hb);

        List<Phase> arrivals = new ArrayList<>();
        arrivals.add(Phase.nothing("before-drop", drop));
        arrivals.add(Phase.ramp("drop-step", p.users(STEP_USERS), p.compressed(STEP_REAL)));
        arrivals.addAll(Nights.halvingTail("tail", p.users(TAIL_FIRST_USERS), TAIL_SEGMENTS, p.compressed(TAIL_SEGMENT_REAL)));
        Population arriving = new Population(n + "/arrivals", Journey.PLAY_NOW, arrivals, 1, HEARTBEATS, hb);

        return new NightPlan(Night.FINALE_DROP, drop, List.of(waiting, arriving), Duration.ZERO);
    }
}
