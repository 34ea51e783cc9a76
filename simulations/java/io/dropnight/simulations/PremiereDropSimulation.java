package io.dropnight.simulations;

import io.dropnight.simulations.params.Night;

import java.util.Optional;

/** The season premiere: several episodes, a larger and longer surge. */
public class PremiereDropSimulation extends NightSimulation {
    public PremiereDropSimulation() {
        super(Optional.of(Night.PREMIERE_DROP));
    }
}
