package io.dropnight.simulations;

import io.dropnight.simulations.params.Night;

import java.util.Optional;

/** The live event: a closed-model audience that joins at once and stays. */
public class LiveEventSimulation extends NightSimulation {
    public LiveEventSimulation() {
        super(Optional.of(Night.LIVE_EVENT));
    }
}
