package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the plan of the night named in the parameters, from its night file. Viewer counts in the
 * built-in nights are calibrated against the service's default capacity model at {@code scale = 1}
 * (64 slots); the parameters scale both sides, so the ratio of demand to capacity does not depend
 * on the scale. Durations are real-night durations, divided by the compression.
 */
public final class Nights {
    private Nights() {
    }

    /** The plan of the night {@code p} names, from its night file (built-in or the user's). */
    public static NightPlan plan(NightParameters p) {
        return file(p.night()).plan(p.night(), p);
    }

    /**
     * The night file of {@code night}: a built-in one from the classpath, or the user's.
     *
     * @throws NightFileException (one line) when the file breaks a rule
     */
    public static NightFile file(Night night) {
        return night.file().map(NightReader::read).orElseGet(() -> NightReader.builtIn(night.label()));
    }

    /** How long waiting viewers take to gather before a drop: the offset, less a few seconds of calm. */
    static Duration gathering(Duration dropOffset) {
        Duration calm = Duration.ofSeconds(5);
        return dropOffset.compareTo(calm.multipliedBy(2)) > 0 ? dropOffset.minus(calm) : dropOffset.dividedBy(2);
    }

    /**
     * A decaying tail after a peak: {@code segments} equal-length ramps whose arrivals halve each
     * time, starting from {@code firstUsers}.
     */
    static List<Phase> halvingTail(String name, int firstUsers, int segments, Duration segment) {
        List<Phase> tail = new ArrayList<>();
        int users = firstUsers;
        for (int i = 0; i < segments; i++) {
            tail.add(Phase.ramp(name + "-" + (i + 1), users, segment));
            users = Math.max(1, users / 2);
        }
        return tail;
    }
}
