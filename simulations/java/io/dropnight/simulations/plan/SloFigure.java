package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SLO's figure at one capacity as the capacity estimate reads it: its load (actual / bound)
 * exactly, or only a side of it (a censored figure).
 *
 * <p>The estimate's straight line (log load against log capacity) is a claim about the figures
 * near the bound only. A figure more than {@value #WINDOW}-fold from its bound says only on which
 * side it lies ({@link Kind#AT_LEAST} or {@link Kind#AT_MOST} that far), so a curve that flattens
 * or steepens far from the bound, or an SLO with no error page at all (load 0), does not bend
 * the fit. A probe stopped early because an SLO was lost ({@code -Dslo.abortOnFail}) says of that
 * SLO only that the whole night would have failed it: {@link Kind#AT_LEAST} its bound (load 1),
 * whatever its figure when stopped (the rest of the night could still have diluted it); its other
 * SLOs ran part of a night and are left out.
 *
 * @param value  the capacity tried, slots
 * @param actual the SLO's figure as slo.json gives it, in its unit (not finite without a sample)
 * @param load   the load the fit uses: exact, the least ({@link Kind#AT_LEAST}) or the most ({@link Kind#AT_MOST}) it can be
 * @param kind   how the load is known
 * @param passed whether the SLO passed in that probe
 */
public record SloFigure(double value, double actual, double load, Kind kind, boolean passed) {
    /** How far from its bound a figure is still read as exact: 4-fold either way. */
    static final double WINDOW = 4;
    /**
     * How far above its bound a figure is still read as exact where only the capacity passing half
     * the time is asked: 1.5-fold. The default night's error pages bend there (about 4-fold per
     * e-fold of slots above 1.6 times their bound, 17-fold below), and a line through a fail above
     * the bend and passes below it crosses the bound a slot or two early (docs/PLANNING.md).
     */
    static final double HALF_WINDOW_ABOVE = 1.5;


    /** How a figure's load is known. */
    public enum Kind {
        /** Within {@link #WINDOW}-fold of the bound: the load itself. */
        EXACT,
        /** Past the window, or lost in a probe stopped early: at least {@code load}. */
        AT_LEAST,
        /** Below the window (no error page at all included): at most {@code load}. */
        AT_MOST;

        String label() {
            return switch (this) {
                case EXACT -> "exact";
                case AT_LEAST -> "atLeast";
                case AT_MOST -> "atMost";
            };
        }
    }

    /**
     * Every upper-bound SLO's figures, by name in slo.json's order, from the probes that gave
     * clean verdicts (an inconclusive probe's figures are in doubt and left out).
     */
    static Map<String, List<SloFigure>> of(List<ProbeResult> probes) {
        return of(probes, WINDOW, WINDOW);
    }

    /** As {@link #of(List)}, a figure more than {@code above}-fold over its bound, or {@code below}-fold under it, read as at least or at most that. */
    static Map<String, List<SloFigure>> of(List<ProbeResult> probes, double above, double below) {
        Map<String, List<SloFigure>> out = new LinkedHashMap<>();
        for (ProbeResult p : probes) {
            if (p.verdict() == RunVerdict.INCONCLUSIVE) {
                continue;
            }
            Optional<String> lost = lostSlo(p);
            for (SloResult s : p.slos()) {
                if (!"<=".equals(s.comparator())) {
                    continue; // only upper bounds are modelled: load = actual / bound
                }
                List<SloFigure> list = out.computeIfAbsent(s.name(), k -> new ArrayList<>());
                if (lost.isPresent()) {
                    if (lost.get().equals(s.name())) {
                        list.add(new SloFigure(p.value(), s.actual(), 1, Kind.AT_LEAST, false));
                    }
                    continue;
                }
                of(p.value(), s, above, below).ifPresent(list::add);
            }
        }
        return out;
    }

    /** One probe's figure of one SLO; empty for a passed SLO with no sample (it says nothing). */
    static Optional<SloFigure> of(double value, SloResult s) {
        return of(value, s, WINDOW, WINDOW);
    }

    private static Optional<SloFigure> of(double value, SloResult s, double above, double below) {
        double load = s.load();
        if (!Double.isFinite(s.actual()) && s.passed()) {
            return Optional.empty();
        }
        if (!(load >= 1 / below)) {
            return Optional.of(new SloFigure(value, s.actual(), 1 / below, Kind.AT_MOST, s.passed()));
        }
        if (load > above) {
            return Optional.of(new SloFigure(value, s.actual(), above, Kind.AT_LEAST, s.passed()));
        }
        return Optional.of(new SloFigure(value, s.actual(), load, Kind.EXACT, s.passed()));
    }

    /** The SLO a probe stopped early lost, read from its first such reason. */
    static Optional<String> lostSlo(ProbeResult p) {
        // the sentence's one owner reads it back
        return p.reasons().stream().map(io.dropnight.runfolder.VerdictRules::lostSlo).flatMap(Optional::stream).findFirst();
    }
}
