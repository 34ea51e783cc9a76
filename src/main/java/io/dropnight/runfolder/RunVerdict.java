package io.dropnight.runfolder;

import java.util.Locale;
import java.util.Optional;

/**
 * A run's verdict, slo.json's top-level {@code verdict}. {@link #INCONCLUSIVE} means the load
 * generator, not the service, was the limit during the night: its SLO figures say nothing about the
 * service, so the run neither passes nor fails.
 */
public enum RunVerdict {
    PASS,
    FAIL,
    INCONCLUSIVE;

    /** The word in slo.json: {@code pass}, {@code fail} or {@code inconclusive}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word on pages and in the console: {@code PASS}, {@code FAIL}, {@code INCONCLUSIVE}. */
    public String label() {
        return name();
    }

    /** The verdict spelled {@code text} (any case), or empty for a word this version does not know. */
    public static Optional<RunVerdict> parse(String text) {
        for (RunVerdict v : values()) {
            if (v.jsonName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
