package io.dropnight.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule that turns SLO results and the load generator's saturations into a run's verdict:
 * any saturation makes the run {@link RunVerdict#INCONCLUSIVE} (the figures measured the injector,
 * not the service), whatever the SLOs say; otherwise it passes when every SLO passed and fails when
 * one did not. Used by a night for its own run and by {@code merge-runs} for a merged one. Stateless.
 */
public final class VerdictRules {
    private VerdictRules() {
    }

    /**
     * @param slos         the SLO results
     * @param saturations  one sentence per bound the load generator passed (cause, when, figure); empty when none
     */
    public static SloReport decide(List<SloResult> slos, List<String> saturations) {
        if (!saturations.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            for (String s : saturations) {
                reasons.add("the load generator was saturated: " + s);
            }
            return new SloReport(RunVerdict.INCONCLUSIVE, reasons, slos);
        }
        List<String> missed = slos.stream().filter(r -> !r.passed()).map(SloFiles::describe).toList();
        return new SloReport(missed.isEmpty() ? RunVerdict.PASS : RunVerdict.FAIL, missed, slos);
    }

    /**
     * The verdict of runs merged into one: inconclusive when any of them was (their reasons, each
     * prefixed with its run), else decided again on the merged SLOs.
     *
     * @param merged the SLOs evaluated on the merged histograms
     * @param parts  each merged run's id and its own report
     */
    public static SloReport merge(List<SloResult> merged, List<Part> parts) {
        List<String> saturations = new ArrayList<>();
        for (Part p : parts) {
            if (p.report().verdict() == RunVerdict.INCONCLUSIVE) {
                for (String r : p.report().reasons()) {
                    saturations.add(p.runId() + ": " + r.replaceFirst("^the load generator was saturated: ", ""));
                }
                if (p.report().reasons().isEmpty()) {
                    saturations.add(p.runId() + ": inconclusive (no reason recorded)");
                }
            }
        }
        return decide(merged, saturations);
    }

    /** One run of a merge and what its slo.json said. */
    public record Part(String runId, SloReport report) {
    }
}
