package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.RefreshPolicy;

import java.nio.file.Path;
import java.util.Optional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A night as data (issue 23), read from a night file by {@link NightReader}: when the drop comes and
 * who arrives, in the real night's numbers (viewers at scale 1, real durations). {@link #plan} turns
 * it into the compressed, scaled {@link NightPlan} Gatling injects. Immutable.
 *
 * @param name        the night's name
 * @param source      where it was read from
 * @param dropReal    from the first arrival to the drop, in the real night
 * @param populations who arrives, when, and what they do
 * @param episode     the first episode a viewer who does not wait for the drop starts
 * @param audience    how many viewers the real night has, at full size; empty when the file does not say
 * @param slos        the night's own SLO thresholds, as the {@code -Dslo.*} properties they stand beneath (flags win)
 */
public record NightFile(String name, String source, Duration dropReal, List<PopulationSpec> populations, EpisodeChoice episode,
                        Optional<Long> audience, java.util.Map<String, String> slos) {
    public NightFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dropReal, "dropReal");
        populations = List.copyOf(populations);
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(audience, "audience");
        slos = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(slos, "slos")));
    }

    /**
     * The night's viewers at scale 1: arrivals summed, and a live audience's largest concurrency
     * (a closed audience replaces its leavers, so its size is its peak).
     */
    public long viewersAtScaleOne() {
        long viewers = 0;
        for (PopulationSpec spec : populations) {
            if (spec.behaviour() == Journey.LIVE) {
                viewers += spec.arrivals().stream().filter(Arrival::closed).mapToLong(Arrival::users).max().orElse(0);
            } else {
                viewers += spec.arrivals().stream().mapToLong(Arrival::viewersAtScaleOne).sum();
            }
        }
        return viewers;
    }

    /** The scale at which the night plans {@code rehearsal} viewers. */
    public double scaleFor(long rehearsal) {
        return (double) rehearsal / viewersAtScaleOne();
    }

    /**
     * One population of a night file.
     *
     * @param name           its name in the night ({@code <night>/<name>} in logs, tags and reports)
     * @param behaviour      what its viewers do once they arrive
     * @param episodes       episodes each viewer starts
     * @param heartbeats     heartbeats each viewer sends per episode
     * @param heartbeatReal  between heartbeats, in the real night
     * @param arrivals       its arrivals, in order from the first injection
     * @param journey        its own journey file (a TV app's); empty for the night's ({@code -Dprofile}, or the built-in one)
     * @param refresh        what its viewers do on the error page; empty for {@code -Drefresh}
     * @param givesUpAfter   refreshes its viewers try before giving up; empty for {@code -DmaxRefreshes}
     * @param tries          screenings a {@code reserve} viewer tries (a sold-out one, or a hold lost, spends one) before
     *                       it leaves without a booking; {@value #DEFAULT_TRIES} unless the file says (other behaviours: unused)
     */
    public record PopulationSpec(String name, Journey behaviour, int episodes, int heartbeats, Duration heartbeatReal,
                                 List<Arrival> arrivals, Optional<Path> journey, Optional<RefreshPolicy> refresh,
                                 Optional<Integer> givesUpAfter, int tries) {
        /** Screenings a reserve viewer tries unless its night file says ({@code tries}). */
        public static final int DEFAULT_TRIES = 3;
        /** The most a night file may say: a viewer is a person, not a crawler. */
        public static final int MAX_TRIES = 20;

        public PopulationSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(behaviour, "behaviour");
            Objects.requireNonNull(heartbeatReal, "heartbeatReal");
            arrivals = List.copyOf(arrivals);
            Objects.requireNonNull(journey, "journey");
            Objects.requireNonNull(refresh, "refresh");
            Objects.requireNonNull(givesUpAfter, "givesUpAfter");
            if (tries < 1 || tries > MAX_TRIES) {
                throw new IllegalArgumentException(name + ": tries = " + tries + ": must be 1 to " + MAX_TRIES);
            }
        }
    }

    /** The population planned as {@code <night>/<name>}'s own settings. */
    public PopulationSpec spec(Population planned) {
        return populations.stream().filter(s -> planned.name().equals(name + "/" + s.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(planned.name() + " is not a population of the night " + name));
    }

    /** The night's plan for {@code p}: scaled, compressed, in whole seconds. */
    public NightPlan plan(Night night, NightParameters p) {
        Duration drop = p.dropOffsetOr(p.compressed(dropReal));
        List<Population> planned = new ArrayList<>();
        Duration eventLength = Duration.ZERO;
        for (PopulationSpec spec : populations) {
            List<Phase> phases = new ArrayList<>();
            for (Arrival a : spec.arrivals()) {
                phases.addAll(a.phases(p, drop));
                if (spec.behaviour() == Journey.LIVE && a.closed()) {
                    // Live viewers stay until the event ends: the audience's joining and staying.
                    eventLength = eventLength.plus(p.compressed(a.real()));
                }
            }
            planned.add(new Population(name + "/" + spec.name(), spec.behaviour(), phases, spec.episodes(), spec.heartbeats(),
                    p.compressed(spec.heartbeatReal())));
        }
        return new NightPlan(night, drop, planned, eventLength);
    }
}
