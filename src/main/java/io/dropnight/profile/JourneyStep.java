package io.dropnight.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a journey file: its call (or a group of calls made at once), its role in the night,
 * and how the viewer treats it. Immutable; validated by {@link ProfileReader}.
 *
 * @param call     the step's request; for a {@code parallel} group, the group's first call. Its
 *                 {@link CallSpec#step()} is the step's name: its endpoint in client.hlog, the report and the SLOs
 * @param optional a failure is counted and the journey goes on (tried once, never refreshed)
 * @param parallel the group's other calls, made at the same time as {@code call} (a browser's artwork
 *                 and rows); empty for a single request
 * @param every    how often a {@link Role#WAIT_FOR_DROP} step is reloaded, or a {@link Role#HEARTBEAT} sent
 * @param until    for {@link Role#WAIT_FOR_DROP}: a JMESPath on its answer that holds once the episode is out
 * @param locked   for {@link Role#PLAY}: how "not yet" looks
 * @param pause    a think time before the step
 */
public record JourneyStep(CallSpec call, boolean optional, List<CallSpec> parallel, Optional<Interval> every,
                          Optional<String> until, Optional<Locked> locked, Optional<Interval> pause) {
    public JourneyStep {
        Objects.requireNonNull(call, "call");
        parallel = List.copyOf(Objects.requireNonNull(parallel, "parallel"));
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(locked, "locked");
        Objects.requireNonNull(pause, "pause");
    }

    /** A plain step: one call, in order. */
    public static JourneyStep of(CallSpec call) {
        return new JourneyStep(call, false, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What the step means to the night (its call's). */
    public Role role() {
        return call.role();
    }

    public String name() {
        return call.step();
    }

    /** Every call the step makes: its own, then its group's. */
    public List<CallSpec> calls() {
        if (parallel.isEmpty()) {
            return List.of(call);
        }
        List<CallSpec> all = new java.util.ArrayList<>(parallel.size() + 1);
        all.add(call);
        all.addAll(parallel);
        return List.copyOf(all);
    }
}
