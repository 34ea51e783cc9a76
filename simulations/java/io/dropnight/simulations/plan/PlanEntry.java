package io.dropnight.simulations.plan;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One search of a plan (one policy at one rehearsal scale) and its sizes.
 *
 * @param policy  the overload policy the night ran with
 * @param scale   the rehearsal scale ({@code -Dscale})
 * @param slots   the night's own full-size slots (a breakpoint's capacity)
 * @param result  what the search found
 * @param figures each probe's run-folder figures, by run folder
 */
public record PlanEntry(String policy, double scale, int slots, PlanResult result, Map<Path, ProbeFigures> figures) {

    public PlanEntry {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(result, "result");
        figures = Map.copyOf(figures);
    }

    /**
     * The figures of the first probe at the answer, if it has a run folder. A capacity answered from
     * the estimate may never have been probed: its night is the same at every capacity (the same
     * arrivals), so the passing probe closest to it stands for it.
     */
    public Optional<ProbeFigures> answerFigures() {
        if (result.answer().isEmpty()) {
            return Optional.empty();
        }
        double answer = result.answer().getAsDouble();
        Optional<ProbeFigures> at = result.probes().stream().filter(p -> p.value() == answer && p.runFolder().isPresent())
                .map(p -> figures.get(p.runFolder().get())).filter(Objects::nonNull).findFirst();
        if (at.isPresent() || !result.axis().passesAbove()) {
            return at;
        }
        return result.probes().stream().filter(p -> p.verdict() == io.dropnight.runfolder.RunVerdict.PASS && p.runFolder().isPresent())
                .filter(p -> figures.containsKey(p.runFolder().get()))
                .min(java.util.Comparator.comparingDouble(p -> Math.abs(p.value() - answer)))
                .map(p -> figures.get(p.runFolder().get()));
    }

    /** Full-size slots the answer stands for: the answer itself for capacity, the night's slots for a breakpoint. */
    public OptionalDouble answerSlots() {
        if (result.answer().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(result.axis().passesAbove() ? result.answer().getAsDouble() : slots);
    }

    /**
     * Full-size viewers at the drop of the answer's night: its arrivals divided by {@code -Dscale}
     * (an audience probe ran at scale × multiplier, so this is the multiplier's full-size audience).
     */
    public OptionalDouble answerViewers() {
        return answerFigures().filter(f -> f.arrivals().isPresent())
                .map(f -> OptionalDouble.of(f.arrivals().getAsLong() / scale)).orElse(OptionalDouble.empty());
    }

    /** Full-size slots per 1,000 viewers at the drop. */
    public OptionalDouble slotsPerThousandViewers() {
        OptionalDouble s = answerSlots();
        OptionalDouble v = answerViewers();
        return s.isPresent() && v.isPresent() && v.getAsDouble() > 0
                ? OptionalDouble.of(s.getAsDouble() / v.getAsDouble() * 1000) : OptionalDouble.empty();
    }

    /** Requests per second at the rehearsal's busiest second, per 1,000 viewers who arrived. */
    public OptionalDouble requestsPerSecondPerThousandViewers() {
        return answerFigures().filter(f -> f.arrivals().isPresent() && f.peakPerSecond().isPresent())
                .map(f -> OptionalDouble.of(f.peakPerSecond().getAsDouble() / f.arrivals().getAsLong() * 1000))
                .orElse(OptionalDouble.empty());
    }
}
