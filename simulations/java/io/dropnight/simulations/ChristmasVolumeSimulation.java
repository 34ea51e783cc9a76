package io.dropnight.simulations;

import io.dropnight.simulations.params.Night;

import java.util.Optional;

/** The control night, which the default capacity must pass. */
public class ChristmasVolumeSimulation extends NightSimulation {
    public ChristmasVolumeSimulation() {
        super(Optional.of(Night.CHRISTMAS_VOLUME));
    }
}
