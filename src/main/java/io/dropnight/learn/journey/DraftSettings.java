package io.dropnight.learn.journey;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code learn journey} is told. Immutable.
 *
 * @param name        the journey's name
 * @param foldAssets  static assets folded into parallel groups ({@code true}) or left out
 * @param exclude     requests whose URL this finds are left out (third-party analytics, say)
 * @param play        the play step, found in {@code METHOD path}; empty: by the rule
 * @param waitForDrop the wait-for-drop step, likewise
 */
public record DraftSettings(String name, boolean foldAssets, Optional<Pattern> exclude, Optional<Pattern> play,
                            Optional<Pattern> waitForDrop) {
    public DraftSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exclude, "exclude");
        Objects.requireNonNull(play, "play");
        Objects.requireNonNull(waitForDrop, "waitForDrop");
    }
}
