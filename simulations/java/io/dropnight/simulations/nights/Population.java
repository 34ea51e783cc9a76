package io.dropnight.simulations.nights;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One group of viewers within a night: a journey and an injection profile. Immutable.
 *
 * @param name              scenario name in Gatling's report, such as {@code finale-drop/arrivals}
 * @param journey           what each viewer does
 * @param phases            the injection profile, in order; all open or all closed
 * @param episodes          episodes each viewer starts (1 unless binge-watching)
 * @param heartbeats        heartbeats sent per episode watched (live viewers send them until the end)
 * @param heartbeatInterval pause between heartbeats
 */
public record Population(String name, Journey journey, List<Phase> phases, int episodes, int heartbeats,
                         Duration heartbeatInterval) {

    public Population {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(journey, "journey");
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one phase");
        }
        boolean closed = phases.get(0).kind().closed();
        if (phases.stream().anyMatch(p -> p.kind().closed() != closed)) {
            throw new IllegalArgumentException(name + ": cannot mix open and closed injection steps");
        }
        if (episodes < 1 || heartbeats < 0) {
            throw new IllegalArgumentException(name + ": episodes must be >= 1 and heartbeats >= 0");
        }
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    }

    public boolean closedModel() {
        return phases.get(0).kind().closed();
    }

    /** Viewers started by the open-model phases. */
    public int totalArrivals() {
        return phases.stream().mapToInt(Phase::arrivals).sum();
    }

    /** The highest concurrency a closed-model profile holds (0 for open models). */
    public int peakConcurrency() {
        return closedModel() ? phases.stream().mapToInt(Phase::users).max().orElse(0) : 0;
    }

    /**
     * The viewers this population needs: its arrivals, or for a closed model (a live audience that
     * replaces its leavers) the concurrency it holds at its peak.
     */
    public int viewers() {
        return closedModel() ? peakConcurrency() : totalArrivals();
    }

    /** How long the injection profile lasts. */
    public Duration injectionDuration() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The phase with the given name. */
    public Phase phase(String phaseName) {
        return phases.stream().filter(p -> p.name().equals(phaseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": no phase " + phaseName));
    }
}
