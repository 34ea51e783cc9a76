package io.dropnight.simulations;

import io.dropnight.simulations.params.Night;

import java.util.Optional;

/** The finale drop: the incident. */
public class FinaleDropSimulation extends NightSimulation {
    public FinaleDropSimulation() {
        super(Optional.of(Night.FINALE_DROP));
    }
}
