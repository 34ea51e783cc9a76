package io.dropnight.simulations.journey;

/**
 * The viewer's number a profile sends as {@code #{userId}}, unique across sharded injectors: each
 * Gatling JVM numbers its users from 1, so injector {@code index} of {@code count} interleaves its
 * users' numbers with the others' ({@code (user - 1) * count + index + 1}), and two injectors never
 * sign in as the same generated viewer. One injector keeps Gatling's own numbers. Immutable.
 *
 * @param index this injector's index, from 0
 * @param count how many injectors share the night, at least 1
 */
public record ViewerIds(int index, int count) {
    public ViewerIds {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("injector " + index + " of " + count);
        }
    }

    /** The viewer's number for Gatling's user id {@code user} (from 1). */
    public long of(long user) {
        return (user - 1) * count + index + 1;
    }
}
