package io.dropnight.simulations;

import java.util.Optional;

/** The night named by {@code -Dnight} (default finale-drop): what {@code mvn gatling:test} runs. */
public class ReleaseNightSimulation extends NightSimulation {
    public ReleaseNightSimulation() {
        super(Optional.empty());
    }
}
