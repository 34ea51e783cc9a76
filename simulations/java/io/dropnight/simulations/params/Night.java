package io.dropnight.simulations.params;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The release nights the harness rehearses; the name tags every request ({@code X-Scenario}). */
public enum Night {
    /** The incident: a synchronized step of arrivals at the drop instant of a final episode. */
    FINALE_DROP("finale-drop"),
    /** A season launch: several episodes, a larger and longer surge. */
    PREMIERE_DROP("premiere-drop"),
    /** The control night: a large but gradual Christmas audience the default capacity must pass. */
    CHRISTMAS_VOLUME("christmas-volume"),
    /** A live event: everyone joins in the same minute and stays, sending heartbeats. */
    LIVE_EVENT("live-event");

    private final String label;

    Night(String label) {
        this.label = label;
    }

    /** The lower-case name used on the command line, in {@code X-Scenario} and in tags. */
    public String label() {
        return label;
    }

    /** @throws ParameterException naming the accepted values */
    public static Night parse(String property, String text) {
        for (Night n : values()) {
            if (n.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new ParameterException(property, text, "must be one of "
                + Arrays.stream(values()).map(Night::label).collect(Collectors.joining(", ")));
    }
}
