package io.dropnight.simulations.plan;

import io.dropnight.runfolder.SloResult;

import io.dropnight.runfolder.RunVerdict;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe: a compressed night at one capacity (slots) or audience (multiplier of the night's
 * viewers), and what its SLOs said.
 *
 * @param value     the capacity or audience tried
 * @param verdict   pass, fail or inconclusive
 * @param reasons   why an inconclusive probe was inconclusive (empty otherwise)
 * @param slos      every SLO's actual value and bound, in slo.json's order
 * @param runFolder the probe's run folder, when it left one
 * @param elapsed   how long the probe took, wall clock
 */
public record ProbeResult(double value, RunVerdict verdict, List<String> reasons, List<SloResult> slos,
                          Optional<Path> runFolder, Duration elapsed) {

    public ProbeResult {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        slos = List.copyOf(slos);
        Objects.requireNonNull(runFolder, "runFolder");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * The SLO that decided the verdict: for a fail, the one furthest past its bound; for a pass, the
     * one closest to its bound; for an inconclusive probe, its first reason.
     */
    public String decidedBy() {
        if (verdict == RunVerdict.INCONCLUSIVE) {
            return reasons.isEmpty() ? "load generator saturated" : reasons.get(0);
        }
        Optional<SloResult> decisive = slos.stream()
                .filter(s -> s.passed() == (verdict == RunVerdict.PASS))
                .max(Comparator.comparingDouble(SloResult::load));
        return decisive.map(ProbeResult::describe).orElse("no SLO");
    }

    private static String describe(SloResult s) {
        String actual = Double.isNaN(s.actual()) ? "no sample" : PlanFormat.number(s.actual()) + " " + s.unit();
        return s.name() + " " + actual + (s.passed() ? " <= " : " > ") + PlanFormat.number(s.threshold()) + " " + s.unit();
    }
}
