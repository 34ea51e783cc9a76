package io.dropnight.simulations.journey;

import io.dropnight.runfolder.ClientTags;

import io.dropnight.simulations.nights.EpisodeChoice;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.Night;
import io.dropnight.profile.JourneyStep;
import io.dropnight.profile.Role;
import io.dropnight.profile.TargetProfile;
import io.gatling.javaapi.core.ChainBuilder;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * Assembles the {@link Steps} into each population's journey. Two groups carry the SLOs into
 * Gatling's own statistics:
 * <ul>
 *   <li>{@value #TIME_TO_PLAY}: from the intent to play to a started stream, refreshes and pauses
 *       included (gatling.conf sets {@code useGroupDurationMetric}); for a viewer already waiting
 *       on the title page, the intent is the moment the episode shows as unlocked;</li>
 *   <li>{@value #PLAYBACK_OUTCOME}: holds no request; it is marked failed when the viewer gave up,
 *       so its KO share is the abandonment rate.</li>
 * </ul>
 */
public final class Journeys {
    public static final String TIME_TO_PLAY = ClientTags.TIME_TO_PLAY;
    public static final String PLAYBACK_OUTCOME = "playback-outcome";

    private final Steps steps;
    private final EpisodeChoice choice;
    /** The journey file's steps before the wait for the drop, between it and play, and after play (no heartbeat). */
    private final List<JourneyStep> browse;
    private final List<JourneyStep> toPlay;
    private final List<JourneyStep> afterPlay;

    public Journeys(Steps steps, TargetProfile profile, Night night) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.choice = EpisodeChoice.forNight(night);
        this.browse = profile.between(null, Role.WAIT_FOR_DROP);
        this.toPlay = profile.between(Role.WAIT_FOR_DROP, Role.PLAY);
        this.afterPlay = profile.between(Role.PLAY, null);
    }

    /**
     * @param population    who, and what they do
     * @param eventEndNanos when a live event ends, on {@link System#nanoTime()} (read when used)
     */
    public ChainBuilder of(Population population, LongSupplier eventEndNanos) {
        return walk(population, eventEndNanos).exec(steps.leave());
    }

    private ChainBuilder walk(Population population, LongSupplier eventEndNanos) {
        return switch (population.journey()) {
            case WAIT_FOR_DROP -> waitForDrop(population);
            case PLAY_NOW -> playNow(population);
            case BINGE -> nextEpisodes(playNow(population), population);
            case LIVE -> playNow(population)
                    .exec(steps.heartbeatsUntil(eventEndNanos, population.heartbeatInterval()));
            case RESERVE -> throw new IllegalArgumentException(population.name() + ": a reserve population walks"
                    + " ReservationJourney, not a watching journey");
        };
    }

    /**
     * The journey file's steps before the wait for the drop (sign-in, home), the wait, then, as one
     * time to play, the episode choice, the steps before play (a licence) and play; then the steps
     * after play (a manifest) and the heartbeats.
     */
    private ChainBuilder waitForDrop(Population p) {
        ChainBuilder first = steps.arrive()
                .exec(steps.steps(browse), steps.title(), steps.pollTitleUntilDrop())
                .exec(doIf(s -> s.getBoolean(Steps.ABANDONED)).then(outcome()))
                .exec(exitIfAbandoned())
                .exec(steps.intendToPlay())
                .exec(group(TIME_TO_PLAY).on(steps.chooseEpisode(EpisodeChoice.FINAL, 0), steps.steps(toPlay), steps.play()))
                .exec(outcome())
                .exec(exitIfAbandoned())
                .exec(steps.steps(afterPlay))
                .exec(steps.heartbeats(p.heartbeats(), p.heartbeatInterval()));
        return nextEpisodes(first, p);
    }

    private ChainBuilder playNow(Population p) {
        return steps.arrive()
                .exec(steps.intendToPlay())
                .exec(group(TIME_TO_PLAY).on(steps.steps(browse), steps.title(),
                        steps.chooseEpisode(choice, 0), steps.steps(toPlay), steps.play()))
                .exec(outcome())
                .exec(exitIfAbandoned())
                .exec(steps.steps(afterPlay))
                .exec(steps.heartbeats(p.heartbeats(), p.heartbeatInterval()));
    }

    /** Episodes after the first: each start is its own intent and its own time to play. */
    private ChainBuilder nextEpisodes(ChainBuilder first, Population p) {
        ChainBuilder chain = first;
        for (int i = 1; i < p.episodes(); i++) {
            chain = chain.exec(steps.intendToPlay())
                    .exec(group(TIME_TO_PLAY).on(steps.chooseEpisode(EpisodeChoice.NTH_OF_LAST_SEASON, i), steps.steps(toPlay),
                            steps.play()))
                    .exec(outcome())
                    .exec(exitIfAbandoned())
                    .exec(steps.steps(afterPlay))
                    .exec(steps.heartbeats(p.heartbeats(), p.heartbeatInterval()));
        }
        return chain;
    }

    /** A viewer who gave up (or whom the harness stopped) leaves the journey here, counted as leaving. */
    private ChainBuilder exitIfAbandoned() {
        return doIf(s -> s.getBoolean(Steps.ABANDONED)).then(steps.leave()).exitHereIf(s -> s.getBoolean(Steps.ABANDONED));
    }

    static ChainBuilder outcome() {
        // A viewer the harness itself stopped (an injector error) did not give up: not counted as abandonment.
        return group(PLAYBACK_OUTCOME).on(exec(s -> s.getBoolean(Steps.ABANDONED) && !s.contains(Steps.INJECTOR_ERROR)
                ? s.markAsFailed() : s));
    }

}
