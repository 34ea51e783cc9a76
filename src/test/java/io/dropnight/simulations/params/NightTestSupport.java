package io.dropnight.simulations.params;

import java.util.stream.Stream;

/** The built-in nights as a parameter source for tests (the night was an enum before night files). */
public final class NightTestSupport {
    private NightTestSupport() {
    }

    public static Stream<Night> builtInNights() {
        return Night.values().stream();
    }
}
