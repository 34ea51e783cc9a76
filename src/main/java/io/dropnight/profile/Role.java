package io.dropnight.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a journey step means to the night, beyond its call: the night's own semantics that a
 * generic load tool lacks. A step without a role is a plain call in the viewer's order.
 */
public enum Role {
    /** A plain call: made in order, refreshed on the error page (once only when optional). */
    STEP,
    /** Signs the viewer in; the profile's common {@code headers} are not sent on it. */
    SESSION,
    /** The page the waiting audience reloads every {@code every} until {@code until} holds or the drop passes. */
    WAIT_FOR_DROP,
    /** Starts the stream: may answer locked before the drop; counted as {@code playback-start}, the SLOs' request. */
    PLAY,
    /** Keeps a stream alive, once every {@code every} while the viewer watches; never refreshed. */
    HEARTBEAT;

    /** The role's name in a journey file: {@code wait-for-drop}, {@code play}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The roles a file may name (a plain step names none). */
    public static String labels() {
        return Arrays.stream(values()).filter(r -> r != STEP).map(Role::label).toList().toString();
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(r -> r != STEP && r.label().equals(label)).findFirst();
    }
}
