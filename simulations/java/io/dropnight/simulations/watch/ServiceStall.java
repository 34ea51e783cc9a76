package io.dropnight.simulations.watch;

import io.dropnight.metrics.LagLog;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.VerdictRules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the host stalled the embedded service during the night, from its own service-lag.csv.
 * The modelled capacity is only machine-independent while the service's loops keep time: a loop
 * that runs late holds its slots past their modelled service time (the model frees them at their
 * planned instant, but the answers still wait), so a night whose service ran later than the bound
 * measured the host, not the modelled capacity, and is inconclusive. Pure and stateless.
 */
public final class ServiceStall {
    private ServiceStall() {
    }

    /** The worst second of the night: how late the service's loops ran, and when. */
    public record Worst(double maxLagMs, long atEpochMillis) {
    }

    /**
     * The worst interval that began at or after {@code fromEpochMillis} (the injection's start: the
     * service's own start-up, whose class loading and first compilations run its loops a few hundred
     * ms late on this machine, is not the night), or empty when no sample lies there.
     */
    public static Optional<Worst> worst(List<LagLog.Sample> samples, long fromEpochMillis) {
        Worst worst = null;
        for (LagLog.Sample s : samples) {
            if (s.startMillis() >= fromEpochMillis && (worst == null || s.maxLagMs() > worst.maxLagMs())) {
                worst = new Worst(s.maxLagMs(), s.epochMillis());
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The night's worst second as a console line, or empty when the log has no sample in the night. */
    public static Optional<String> describeWorst(List<LagLog.Sample> samples, long fromEpochMillis, long boundMs) {
        return worst(samples, fromEpochMillis).map(w -> String.format(Locale.ROOT,
                "the service's loops ran at most %,.1f ms late during the night (bound %,d ms, %s)", w.maxLagMs(), boundMs,
                RunFiles.SERVICE_LAG));
    }

    /**
     * @param samples         the service's lag log, every second
     * @param fromEpochMillis the injection's start
     * @param boundMs         the most a loop may run late before the night is the host's ({@code -Dinjector.serviceStallMs})
     * @return the inconclusive cause, naming the stall and when (seconds after the injection's start), when past the bound
     */
    public static Optional<String> judge(List<LagLog.Sample> samples, long fromEpochMillis, long boundMs) {
        return worst(samples, fromEpochMillis).filter(w -> w.maxLagMs() > boundMs)
                .map(w -> String.format(Locale.ROOT, "%sits loops ran %,.0f ms late at +%d s (bound %,d ms; service-lag.csv),"
                                + " so its modelled capacity was the host's, not the model's",
                        VerdictRules.HOST_STALLED, w.maxLagMs(), Math.max(0, (w.atEpochMillis() - fromEpochMillis) / 1000), boundMs));
    }
}
