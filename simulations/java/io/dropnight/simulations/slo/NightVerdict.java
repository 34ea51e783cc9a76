package io.dropnight.simulations.slo;

import io.dropnight.metrics.LagLog;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.watch.ServiceAgreement;
import io.dropnight.simulations.watch.ServiceStall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A night's verdict as a pure function of what it measured: its SLO results, and every cause that
 * puts them in doubt (the injector's own bounds, a client/service gap that only a failed latency SLO
 * cares about, the harness's own errors, a host that stalled the service). Any cause makes the night
 * INCONCLUSIVE ({@link VerdictRules}); otherwise it passes or fails on its SLOs. Stateless.
 */
public final class NightVerdict {
    /** The SLOs judged on the client's latencies, which a gap between client and service puts in doubt. */
    public static final Set<String> LATENCY_SLOS = Set.of(NightSlos.PLAYBACK_START_P99, NightSlos.TIME_TO_PLAY_P95);

    private NightVerdict() {
    }

    /**
     * What a night measured, as the verdict needs it.
     *
     * @param slos                 the SLO results
     * @param saturations          each bound the injector passed (injector.csv), one sentence each
     * @param serviceGap           the client/service gap at playback-start, with the embedded service, if any
     * @param injectorErrors       viewers the harness itself stopped
     * @param firstInjectorError   the first one's line, when there was one
     * @param serviceLag           the embedded service's lag log (empty against a target)
     * @param injectionStartMillis when the injection started, epoch ms
     * @param serviceStallMs       the bound on the service's lag, ms
     */
    public record Figures(List<SloResult> slos, List<String> saturations, Optional<String> serviceGap, long injectorErrors,
                          Optional<String> firstInjectorError, List<LagLog.Sample> serviceLag, long injectionStartMillis,
                          long serviceStallMs) {
        public Figures {
            slos = List.copyOf(slos);
            saturations = List.copyOf(saturations);
            Objects.requireNonNull(serviceGap, "serviceGap");
            Objects.requireNonNull(firstInjectorError, "firstInjectorError");
            serviceLag = List.copyOf(serviceLag);
        }
    }

    /**
     * @param report the verdict, its reasons and the SLO results, as slo.json holds them
     * @param notes  lines for the console that change nothing (a gap the verdict does not need)
     */
    public record Decision(SloReport report, List<String> notes) {
    }

    /**
     * As {@link #decide(Figures)}, for a night that may have been stopped early
     * ({@code -Dslo.abortOnFail}): with {@code stopped}, it fails with that reason first, or stays
     * inconclusive with the stop after its causes ({@link VerdictRules#stoppedEarly}).
     *
     * @param stopped the stop's reason ({@link SloWatch.Stop#reason()}), when the night was stopped
     */
    public static Decision decide(Figures f, Optional<String> stopped) {
        Decision d = decide(f);
        return stopped.map(r -> new Decision(VerdictRules.stoppedEarly(d.report(), r), d.notes())).orElse(d);
    }

    public static Decision decide(Figures f) {
        List<String> causes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        f.saturations().forEach(s -> causes.add(VerdictRules.saturated(s)));
        f.serviceGap().ifPresent(gap -> ServiceAgreement.judge(gap, f.slos(), LATENCY_SLOS).ifPresentOrElse(
                g -> causes.add(VerdictRules.saturated(g)),
                () -> notes.add("note: " + ServiceAgreement.stands(gap, f.slos(), LATENCY_SLOS))));
        if (f.injectorErrors() > 0) {
            causes.add(VerdictRules.injectorErrors(f.injectorErrors(), f.firstInjectorError().orElse("?")));
        }
        ServiceStall.judge(f.serviceLag(), f.injectionStartMillis(), f.serviceStallMs()).ifPresent(causes::add);
        return new Decision(VerdictRules.decide(f.slos(), causes), notes);
    }
}
