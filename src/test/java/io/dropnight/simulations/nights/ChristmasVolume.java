package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;

import java.time.Duration;
import java.util.List;

/**
 * The Java night its built-in night file replaced (issue 23), kept as the reference
 * {@link NightFilesTest} compares the file's plans with, phase by phase.
 *
 * <p> * The control night: three episodes already out, the best Christmas audience ever, and no
 * incident. Arrivals climb through the evening to a peak of about 40 % of the default capacity
 * (500 viewers/s at scale 1, about 27 of 64 slots) and ease off. The default capacity must pass.
 */
final class ChristmasVolume {
    public static final int EVENING_USERS = 4_000;
    public static final int RISE_USERS = 8_000;
    public static final int PEAK_USERS = 20_000;
    public static final int EASE_USERS = 6_000;

    static final Duration DEFAULT_DROP_OFFSET_REAL = Duration.ofSeconds(20);
    static final Duration EVENING_REAL = Duration.ofSeconds(400);
    static final Duration RISE_REAL = Duration.ofSeconds(400);
    static final Duration PEAK_REAL = Duration.ofSeconds(800);
    static final Duration EASE_REAL = Duration.ofSeconds(400);
    static final Duration HEARTBEAT_INTERVAL_REAL = Duration.ofSeconds(60);
    static final int HEARTBEATS = 3;

    private ChristmasVolume() {
    }

    public static NightPlan plan(NightParameters p) {
        // The episodes dropped earlier in the day: the drop is set just after the start so the
        // catalogue shows them unlocked, while the load is still light.
        Duration drop = p.dropOffsetOr(p.compressed(DEFAULT_DROP_OFFSET_REAL));
        Population viewers = new Population(Night.CHRISTMAS_VOLUME.label() + "/viewers", Journey.PLAY_NOW, List.of(
                Phase.ramp("evening", p.users(EVENING_USERS), p.compressed(EVENING_REAL)),
                Phase.ramp("rise", p.users(RISE_USERS), p.compressed(RISE_REAL)),
                Phase.ramp("peak", p.users(PEAK_USERS), p.compressed(PEAK_REAL)),
                Phase.ramp("ease", p.users(EASE_USERS), p.compressed(EASE_REAL))),
                1, HEARTBEATS, p.compressed(HEARTBEAT_INTERVAL_REAL));
        return new NightPlan(Night.CHRISTMAS_VOLUME, drop, List.of(viewers), Duration.ZERO);
    }
}
