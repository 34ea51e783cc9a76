package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;

import java.time.Duration;
import java.util.List;

/**
 * The Java night its built-in night file replaced (issue 23), kept as the reference
 * {@link NightFilesTest} compares the file's plans with, phase by phase.
 *
 * <p> * A live event: the audience is a concurrency, not an arrival rate, so it is a closed model.
 * Everyone joins in the same (compressed) minute and stays until the end, sending heartbeats; a
 * viewer who gives up is replaced by another joining, as the audience size holds.
 */
final class LiveEvent {
    public static final int AUDIENCE = 4_000;

    static final Duration DEFAULT_DROP_OFFSET_REAL = Duration.ofSeconds(20);
    static final Duration JOIN_REAL = Duration.ofMinutes(1);
    static final Duration EVENT_REAL = Duration.ofMinutes(30);
    static final Duration HEARTBEAT_INTERVAL_REAL = Duration.ofSeconds(30);

    private LiveEvent() {
    }

    public static NightPlan plan(NightParameters p) {
        Duration drop = p.dropOffsetOr(p.compressed(DEFAULT_DROP_OFFSET_REAL));
        Duration join = p.compressed(JOIN_REAL);
        Duration event = p.compressed(EVENT_REAL);
        Population audience = new Population(Night.LIVE_EVENT.label() + "/audience", Journey.LIVE, List.of(
                Phase.concurrentRamp("joining", p.users(AUDIENCE), join),
                Phase.concurrentConstant("watching", p.users(AUDIENCE), event)),
                1, 0, p.compressed(HEARTBEAT_INTERVAL_REAL));
        return new NightPlan(Night.LIVE_EVENT, drop, List.of(audience), join.plus(event));
    }
}
