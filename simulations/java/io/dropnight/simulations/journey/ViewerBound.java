package io.dropnight.simulations.journey;

import io.dropnight.simulations.nights.Population;
import io.dropnight.profile.Interval;
import io.dropnight.profile.JourneyStep;
import io.dropnight.profile.Role;
import io.dropnight.profile.TargetProfile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The most one viewer of a population can do in its journey, read from the journey as
 * {@link Journeys} assembles it and {@link Steps} walks it (a change to either changes this):
 * the requests it can send at most and the intents to play it can end. What
 * {@link io.dropnight.simulations.slo.RestOfNight} bounds the rest of a night with. Immutable.
 *
 * <p>The requests, counted as the night counts them (one per answer, or per call that got none):
 * <ul>
 *   <li>each step a viewer makes once per journey (per episode for the steps from the wait for
 *       the drop to play, and after it): a plain step once, plus up to
 *       {@value Steps#MAX_LOCKED_WAITS} locked answers waited out on the play step when the journey
 *       describes one ({@code locked:}); an optional step once; a parallel group once per call;</li>
 *   <li>the refreshes: one budget per journey ({@code maxRefreshes}), shared by every step;</li>
 *   <li>the heartbeats: the population's count per episode watched;</li>
 *   <li>the polls of the wait-for-drop page, which no budget bounds: a poll comes after a pause of
 *       at least the step's shortest {@code every}, so at most {@code floor(T / every) + 1} are
 *       counted in the {@code T} left before the night's hard stop; none is known when that
 *       pause can be 0;</li>
 *   <li>a live event's heartbeats until it ends, likewise: {@code floor(T / interval) + 1} in the
 *       {@code T} left before the event ends (or the hard stop, if sooner).</li>
 * </ul>
 * The play outcomes per viewer (what the abandonment SLO counts: a stream started, a viewer who
 * gave up): one per intent to play, that is its episodes for {@code wait-for-drop} and
 * {@code binge} and one otherwise (a {@code play-now} or {@code live} viewer starts one stream),
 * and one more when a step after play can be refreshed until the viewer gives up (the give-up then
 * follows a start).
 *
 * @param requests       the requests one viewer can send, the time-bound loops aside
 * @param pollEvery      the shortest pause between two polls of the wait-for-drop page, when the journey polls
 * @param heartbeatEvery the pause between two heartbeats of a live event, when the journey sends them until it ends
 * @param outcomes       the play outcomes one viewer can have counted
 */
public record ViewerBound(long requests, Optional<Duration> pollEvery, Optional<Duration> heartbeatEvery, int outcomes) {
    public ViewerBound {
        Objects.requireNonNull(pollEvery, "pollEvery");
        Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
        if (requests < 0 || outcomes < 0) {
            throw new IllegalArgumentException("a viewer's bound is never negative: " + requests + " requests, " + outcomes + " outcomes");
        }
    }

    /**
     * The bound of {@code population}'s viewers walking {@code journey}.
     *
     * @param maxRefreshes the refreshes each viewer tries before giving up
     */
    public static ViewerBound of(TargetProfile journey, Population population, int maxRefreshes) {
        if (maxRefreshes < 0) {
            throw new IllegalArgumentException("maxRefreshes = " + maxRefreshes + ": a refresh budget is never negative");
        }
        if (population.journey() == io.dropnight.simulations.nights.Journey.RESERVE) {
            return ReservationJourney.bound(journey, maxRefreshes);
        }
        JourneyStep title = journey.stepWith(Role.WAIT_FOR_DROP).orElseThrow();
        long toTheTitle = cost(journey, journey.between(null, Role.WAIT_FOR_DROP)) + cost(journey, title);
        long heartbeats = journey.heartbeat().isPresent() ? population.heartbeats() : 0;
        long episode = cost(journey, journey.between(Role.WAIT_FOR_DROP, Role.PLAY)) + cost(journey, journey.stepWith(Role.PLAY).orElseThrow())
                + cost(journey, journey.between(Role.PLAY, null)) + heartbeats;
        Optional<Duration> polls = Optional.empty();
        Optional<Duration> liveHeartbeats = Optional.empty();
        int episodes = 1;
        switch (population.journey()) {
            case WAIT_FOR_DROP -> {
                polls = Optional.of(title.every().map(Interval::min).orElseThrow());
                episodes = population.episodes();
            }
            case BINGE -> episodes = population.episodes();
            case LIVE -> liveHeartbeats = journey.heartbeat().map(h -> Steps.scaled(journey, population.heartbeatInterval()));
            case PLAY_NOW, RESERVE -> {
                // one stream, whatever the population's episodes say (Journeys.playNow); reserve returned above
            }
        }
        boolean giveUpAfterPlay = journey.between(Role.PLAY, null).stream().anyMatch(s -> !s.optional() && s.parallel().isEmpty());
        return new ViewerBound(toTheTitle + episodes * episode + maxRefreshes, polls, liveHeartbeats,
                episodes + (giveUpAfterPlay ? 1 : 0));
    }

    /**
     * The requests one viewer can still have counted from now on, at most: the whole of
     * {@link #requests()} (whatever it already sent), and the loops that only time bounds.
     *
     * @param untilHardStop  time left before the night is stopped whatever happens (Gatling's max duration)
     * @param untilEventEnd  time left before a live event ends
     * @return empty when no bound is known (a poll that can come without a pause)
     */
    public OptionalLong requestsAtMost(Duration untilHardStop, Duration untilEventEnd) {
        long total = requests;
        if (pollEvery.isPresent()) {
            if (pollEvery.get().isZero()) {
                return OptionalLong.empty();
            }
            total += loops(untilHardStop, pollEvery.get());
        }
        if (heartbeatEvery.isPresent()) {
            Duration left = untilEventEnd.compareTo(untilHardStop) < 0 ? untilEventEnd : untilHardStop;
            total += loops(left, heartbeatEvery.get());
        }
        return OptionalLong.of(total);
    }

    /** Iterations of a loop that pauses at least {@code every} before each request, in {@code left}: one may be under way. */
    private static long loops(Duration left, Duration every) {
        long leftNanos = Math.max(0, left.toNanos());
        return leftNanos / every.toNanos() + 1;
    }

    private static long cost(TargetProfile journey, List<JourneyStep> steps) {
        return steps.stream().mapToLong(s -> cost(journey, s)).sum();
    }

    /** A step's requests as {@link Steps#step} makes it, its refreshes aside. */
    private static long cost(TargetProfile journey, JourneyStep step) {
        if (!step.parallel().isEmpty()) {
            return 1L + step.parallel().size();
        }
        if (step.optional()) {
            return 1;
        }
        boolean lockable = step.role() == Role.PLAY && journey.locked().isPresent();
        return 1L + (lockable ? Steps.MAX_LOCKED_WAITS : 0);
    }
}
