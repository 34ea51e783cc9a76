package io.dropnight.learn.night;

import java.util.Arrays;
import java.util.Objects;

/**
 * One arrival entry of a learned population, in a night file's vocabulary (docs/NIGHTS.md): what
 * {@link NightFileWriter} writes and {@link PlannedCurve} plans. Immutable.
 *
 * @param kind      the entry's kind
 * @param name      the phase's name, or empty for the kind's default
 * @param viewers   {@link Kind#GATHER}, {@link Kind#RAMP}: its viewers; {@link Kind#TAIL}: its first segment's
 * @param seconds   {@link Kind#RAMP}: over how long; {@link Kind#TAIL}: each segment's length (the half-life)
 * @param halvings  {@link Kind#TAIL}: its segments
 * @param perSecond {@link Kind#PER_SECOND}: the viewers of each second; empty otherwise
 */
public record Entry(Kind kind, String name, long viewers, int seconds, int halvings, long[] perSecond) {
    /** The kinds a learned night writes. */
    public enum Kind {
        /** {@code gather: N}. */
        GATHER,
        /** {@code until: drop}. */
        UNTIL_DROP,
        /** {@code ramp: N, over: D}. */
        RAMP,
        /** {@code tail: N, halvings: K, every: D}. */
        TAIL,
        /** {@code perSecond: [...]}. */
        PER_SECOND
    }

    public Entry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        perSecond = perSecond.clone();
    }

    static Entry gather(long viewers) {
        return new Entry(Kind.GATHER, "gathering", viewers, 0, 0, new long[0]);
    }

    static Entry untilDrop() {
        return new Entry(Kind.UNTIL_DROP, "", 0, 0, 0, new long[0]);
    }

    static Entry ramp(String name, long viewers, int seconds) {
        return new Entry(Kind.RAMP, name, viewers, seconds, 0, new long[0]);
    }

    static Entry tail(long firstSegment, int halvings, int every) {
        return new Entry(Kind.TAIL, "tail", firstSegment, every, halvings, new long[0]);
    }

    static Entry perSecond(String name, long[] perSecond) {
        return new Entry(Kind.PER_SECOND, name, Arrays.stream(perSecond).sum(), perSecond.length, 0, perSecond);
    }

    /** The same entry with its viewers multiplied by {@code factor} (at least one where there were any). */
    Entry scaled(double factor) {
        if (kind == Kind.PER_SECOND) {
            return perSecond(name, Curves.scaled(perSecond, factor));
        }
        return new Entry(kind, name, viewers == 0 ? 0 : Math.max(1, Math.round(viewers * factor)), seconds, halvings, perSecond);
    }

    @Override
    public long[] perSecond() {
        return perSecond.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && kind == e.kind && name.equals(e.name) && viewers == e.viewers && seconds == e.seconds
                && halvings == e.halvings && Arrays.equals(perSecond, e.perSecond);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, viewers, seconds, halvings, Arrays.hashCode(perSecond));
    }

    @Override
    public String toString() {
        return kind + " " + name + " " + viewers + " " + seconds + "s x" + halvings + (perSecond.length > 0 ? " " + perSecond.length + " s" : "");
    }
}
