package io.dropnight.runfolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule that turns SLO results and the causes that put the figures in doubt into a run's
 * verdict: any such cause makes the run {@link RunVerdict#INCONCLUSIVE} (the figures measured
 * something other than the service: a saturated load generator, the harness's own errors, a host
 * that stalled the service), whatever the SLOs say; otherwise it passes when every SLO passed and
 * fails when one did not. Used by a night for its own run and by {@code merge-runs} for a merged
 * one. Each cause is a sentence that starts with one of this class's prefixes. A night stopped
 * once an SLO could no longer pass ({@code -Dslo.abortOnFail}) fails, its first reason
 * {@link #stopped}; an inconclusive one stays inconclusive, the stop given after its causes.
 * Stateless.
 */
public final class VerdictRules {
    /** The load generator passed one of its own bounds (descriptors, CPU, injection lag, ...). */
    public static final String SATURATED = "the load generator was saturated: ";
    /** The harness itself failed inside viewers' journeys: those viewers never asked the target. */
    public static final String INJECTOR_ERRORS = "the harness failed inside the viewers' journeys: ";
    /** The service's event loop ran late past its bound: the host, not the modelled capacity, set its pace. */
    public static final String HOST_STALLED = "the host stalled the service: ";
    /**
     * A cinema rush's promises could not be checked (no database given, a record unreadable, nothing
     * booked): the night cannot say it kept them, so it is not a pass.
     */
    public static final String PROMISES_UNCHECKED = "the promises could not be checked: ";
    private static final List<String> PREFIXES = List.of(SATURATED, INJECTOR_ERRORS, HOST_STALLED, PROMISES_UNCHECKED);
    /** A night stopped early because an SLO could no longer pass: not a cause of doubt, a reason it failed. */
    public static final String STOPPED = "stopped at +";

    private VerdictRules() {
    }

    /** A saturation of the load generator as an inconclusive cause. */
    public static String saturated(String what) {
        return SATURATED + what;
    }

    /** Promises that could not be checked, as an inconclusive cause: {@code why} names what was missing. */
    public static String promisesUnchecked(String why) {
        return PROMISES_UNCHECKED + why;
    }

    /**
     * {@code report} with one more cause of doubt ({@code cause} starts with one of this class's
     * prefixes): inconclusive, its causes first kept.
     */
    public static SloReport withCause(SloReport report, String cause) {
        if (PREFIXES.stream().noneMatch(cause::startsWith)) {
            throw new IllegalArgumentException("a cause of doubt starts with one of " + PREFIXES + ": " + cause);
        }
        List<String> reasons = new ArrayList<>();
        if (report.verdict() == RunVerdict.INCONCLUSIVE) {
            reasons.addAll(report.reasons());
        } else {
            VerdictRules.stopReason(report).ifPresent(reasons::add);
        }
        reasons.add(cause);
        return new SloReport(RunVerdict.INCONCLUSIVE, reasons, report.slos());
    }

    /**
     * Viewers the harness itself stopped, as an inconclusive cause: they never asked the target,
     * so the night is not the one planned and its figures are not the service's answer to it.
     *
     * @param errors the night's injector errors, at least 1
     * @param first  the first one's line (where, and the exception)
     */
    public static String injectorErrors(long errors, String first) {
        if (errors < 1) {
            throw new IllegalArgumentException("errors = " + errors + ": an inconclusive cause needs at least one");
        }
        return String.format(Locale.ROOT, "%s%,d injector error%s (the viewers stopped never asked the target); first: %s",
                INJECTOR_ERRORS, errors, errors == 1 ? "" : "s", first);
    }

    /**
     * The reason of a night stopped early: {@code stopped at +12 s: abandonment lost (why)}.
     *
     * @param second whole seconds from the injection's start to the check that found the SLO lost
     * @param slo    the SLO's name in slo.json
     * @param why    the figures that decided it
     */
    public static String stopped(long second, String slo, String why) {
        if (second < 0) {
            throw new IllegalArgumentException("second = " + second + ": a night stops at or after its start");
        }
        return String.format(Locale.ROOT, "%s%d s: %s lost (%s)", STOPPED, second, slo, why);
    }

    /**
     * {@code report} of a night stopped early with {@code stopReason} ({@link #stopped}): an
     * inconclusive night stays inconclusive, the stop after its causes; any other fails, the stop
     * its first reason, then the SLOs it missed (a night cut short has not run the night planned,
     * so it cannot pass).
     */
    public static SloReport stoppedEarly(SloReport report, String stopReason) {
        if (!stopReason.startsWith(STOPPED)) {
            throw new IllegalArgumentException("a stop's reason starts with '" + STOPPED + "': " + stopReason);
        }
        List<String> reasons = new ArrayList<>();
        if (report.verdict() == RunVerdict.INCONCLUSIVE) {
            reasons.addAll(report.reasons());
            reasons.add(stopReason);
            return new SloReport(RunVerdict.INCONCLUSIVE, reasons, report.slos());
        }
        reasons.add(stopReason);
        reasons.addAll(report.reasons());
        return new SloReport(RunVerdict.FAIL, reasons, report.slos());
    }

    /**
     * The SLO a {@link #stopped} reason names as lost ({@code errorPageRate} of
     * {@code stopped at +12 s: errorPageRate lost (why)}); empty for any other reason.
     */
    public static Optional<String> lostSlo(String reason) {
        if (!reason.startsWith(STOPPED)) {
            return Optional.empty();
        }
        int colon = reason.indexOf(": ");
        int lost = reason.indexOf(" lost", colon + 2);
        return colon > 0 && lost > colon ? Optional.of(reason.substring(colon + 2, lost)) : Optional.empty();
    }

    /** The reason a night stopped early, when it did. */
    public static Optional<String> stopReason(SloReport report) {
        return stopReason(report.reasons());
    }

    /** The reason a night stopped early among {@code reasons}, when it did. */
    public static Optional<String> stopReason(List<String> reasons) {
        return reasons.stream().filter(r -> r.startsWith(STOPPED)).findFirst();
    }

    /**
     * @param slos         the SLO results
     * @param inconclusive one sentence per cause that puts the figures in doubt (cause, when,
     *                     figure), each starting with one of this class's prefixes; empty when none
     */
    public static SloReport decide(List<SloResult> slos, List<String> inconclusive) {
        if (!inconclusive.isEmpty()) {
            return new SloReport(RunVerdict.INCONCLUSIVE, List.copyOf(inconclusive), slos);
        }
        List<String> missed = slos.stream().filter(r -> !r.passed()).map(SloFiles::describe).toList();
        return new SloReport(missed.isEmpty() ? RunVerdict.PASS : RunVerdict.FAIL, missed, slos);
    }

    /**
     * The verdict of runs merged into one: inconclusive when any of them was (their reasons, each
     * with its run named after the cause's prefix), else decided again on the merged SLOs.
     *
     * @param merged the SLOs evaluated on the merged histograms
     * @param parts  each merged run's id and its own report
     */
    public static SloReport merge(List<SloResult> merged, List<Part> parts) {
        List<String> causes = new ArrayList<>();
        for (Part p : parts) {
            if (p.report().verdict() == RunVerdict.INCONCLUSIVE) {
                for (String r : p.report().reasons()) {
                    if (!r.startsWith(STOPPED)) { // an injector's stop is its own, not a cause of doubt
                        causes.add(withRun(p.runId(), r));
                    }
                }
                if (p.report().reasons().isEmpty()) {
                    causes.add(saturated(p.runId() + ": inconclusive (no reason recorded)"));
                }
            }
        }
        return decide(merged, causes);
    }

    private static String withRun(String runId, String reason) {
        for (String prefix : PREFIXES) {
            if (reason.startsWith(prefix)) {
                return prefix + runId + ": " + reason.substring(prefix.length());
            }
        }
        return saturated(runId + ": " + reason); // an older slo.json: its only cause was a saturation
    }

    /** One run of a merge and what its slo.json said. */
    public record Part(String runId, SloReport report) {
    }
}
