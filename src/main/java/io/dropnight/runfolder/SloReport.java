package io.dropnight.runfolder;

import java.util.List;
import java.util.Objects;

/**
 * What slo.json holds: the run's verdict, the reasons for it, and the SLO results. Immutable.
 *
 * @param verdict the run's verdict
 * @param reasons one sentence per reason, for people: the SLOs missed for {@code fail}, the load
 *                generator's saturation (cause, when, figure) for {@code inconclusive}; empty for {@code pass}
 * @param slos    the SLO results, also present when the verdict is inconclusive (nothing recorded is lost)
 */
public record SloReport(RunVerdict verdict, List<String> reasons, List<SloResult> slos) {
    public SloReport {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        slos = List.copyOf(slos);
    }
}
