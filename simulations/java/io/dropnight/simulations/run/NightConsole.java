package io.dropnight.simulations.run;

import io.dropnight.core.Durations;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.watch.TransportErrors;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a night says on the console once it is over: what the viewers saw, what went unexplained,
 * each SLO and the verdict. Every line starts {@code dropnight: }. Writes to the stream it is
 * given, so that its lines are tested as text; not thread-safe (the night's after() uses it).
 */
public final class NightConsole {
    private static final String PREFIX = "dropnight: ";

    private final PrintStream out;

    public NightConsole(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** One line as is, prefixed. */
    public void line(String text) {
        out.println(PREFIX + text);
    }

    /** What is about to be rehearsed, against what, with how many files, and where it is written. */
    public void announce(NightParameters parameters, NightPlan plan, Shard shard, String target, String openFiles, Path runDir) {
        String audience = plan.peakConcurrentViewers() > 0
                ? plan.peakConcurrentViewers() + " concurrent viewers (closed model)"
                : plan.totalArrivals() + " arrivals";
        out.printf(Locale.ROOT, PREFIX + "%s night, scale %s, compression %s, drop at +%s, %s, refresh=%s (max %d), seed %d%n",
                parameters.night().label(), parameters.scale(), parameters.compression(),
                Durations.format(plan.dropOffset()), audience, parameters.refreshPolicy().label(),
                parameters.maxRefreshes(), parameters.service().seed());
        line(target);
        if (shard.sharded()) {
            out.printf(Locale.ROOT, PREFIX + "%s: %d arrivals, %d concurrent viewers of this night's share%n",
                    shard.describe(), plan.totalArrivals(), plan.peakConcurrentViewers());
        }
        line(openFiles);
        line("run folder " + runDir);
    }

    /**
     * Everything said once the night is over, before its verdict: the viewers, what went
     * unexplained (answers the profile does not describe, injector errors, requests with no
     * response) and each SLO.
     *
     * @param transport the night's transport errors by kind; empty when they could not be told apart
     */
    public void afterNight(String night, ClientMetrics metrics, Histogram timeToPlayMicros, Histogram playbackStartMicros,
                           NightPlan plan, String profile, String profileSource, Optional<TransportErrors> transport,
                           List<SloResult> results, boolean enforced) {
        ClientMetrics.Counts counts = metrics.counts();
        viewers(night, counts, timeToPlayMicros, playbackStartMicros);
        if (plan.peakConcurrentViewers() == 0) {
            startedAgainstPlanned(counts.users(), plan.totalArrivals());
        }
        unclassified(metrics.unclassifiedAnswers(), profile, profileSource);
        injectorErrors(metrics.injectorErrors(), metrics.firstInjectorError());
        noResponses(metrics.noResponses(), transport);
        slos(results, enforced);
    }

    /** The viewers' counts and the client's two SLO latencies (HdrHistogram, microseconds). */
    public void viewers(String night, ClientMetrics.Counts c, Histogram timeToPlayMicros, Histogram playbackStartMicros) {
        out.printf(Locale.ROOT, PREFIX + "%s viewers %d, playback starts %d, error pages %d (%.3f %% of %d requests), refreshes %d,"
                        + " gave up %d (%.3f %%)%n", night, c.users(), c.playbackStarts(), c.errorPages(), c.errorPageRatePercent(),
                c.requests(), c.refreshes(), c.abandonments(), c.abandonmentPercent());
        out.printf(Locale.ROOT, PREFIX + "client-side HdrHistogram time-to-play p50 %.1f p95 %.1f p99 %.1f max %.1f ms;"
                        + " playback-start p50 %.1f p99 %.1f max %.1f ms%n",
                ms(timeToPlayMicros.getValueAtPercentile(50)), ms(timeToPlayMicros.getValueAtPercentile(95)),
                ms(timeToPlayMicros.getValueAtPercentile(99)), ms(timeToPlayMicros.getMaxValue()),
                ms(playbackStartMicros.getValueAtPercentile(50)), ms(playbackStartMicros.getValueAtPercentile(99)),
                ms(playbackStartMicros.getMaxValue()));
    }

    /** Every open-model viewer planned must start, or the night was not the one asked for. */
    public void startedAgainstPlanned(long started, long planned) {
        if (started != planned) {
            out.printf(Locale.ROOT, PREFIX + "WARNING %d viewers started, %d planned: this run is not the planned night%n",
                    started, planned);
        }
    }

    /** Answers the profile does not describe, per "request status". */
    public void unclassified(Map<String, Long> answers, String profile, String source) {
        if (!answers.isEmpty()) {
            line("WARNING the night saw answers the profile " + profile + " does not describe (request status: count) "
                    + answers + "; they were counted as failures, not error pages: check errorPage, ok and save in " + source);
        }
    }

    /** Viewers the harness itself stopped. */
    public void injectorErrors(long errors, Optional<String> first) {
        if (errors > 0) {
            out.printf(Locale.ROOT, PREFIX + "WARNING %,d injector errors: the harness failed in viewers' journeys and stopped"
                    + " them (not counted as the target's failures); first: %s%n", errors, first.orElse("?"));
        }
    }

    /**
     * The requests that got no response, by where their error was raised; refused connects are the
     * target's.
     *
     * @param errors empty when the errors could not be told apart (no logback)
     */
    public void noResponses(long noResponses, Optional<TransportErrors> errors) {
        if (noResponses == 0) {
            return;
        }
        if (errors.isEmpty()) {
            line(noResponses + " requests got no response (their errors could not be told apart)");
            return;
        }
        StringBuilder b = new StringBuilder(noResponses + " requests got no response:");
        for (TransportErrors.Kind k : TransportErrors.Kind.values()) {
            b.append(' ').append(k.label()).append(' ').append(errors.get().count(k));
            b.append(switch (k) {
                case FILE_DESCRIPTORS, EPHEMERAL_PORTS -> " (the injector's)";
                case CONNECT_REFUSED -> " (the target's)";
                case CONNECT_FAILED -> " (the target's unless the injector was saturated meanwhile)";
                case OTHER -> " (request timeouts, connections closed or reset)";
            });
            b.append(k == TransportErrors.Kind.OTHER ? "" : ",");
        }
        for (TransportErrors.Kind k : TransportErrors.Kind.values()) {
            String first = errors.get().firstMessage(k);
            if (first != null) {
                b.append("; first ").append(k.label()).append(": ").append(first);
            }
        }
        line(b.toString());
    }

    /** Each SLO, and whether a breach fails the build. */
    public void slos(List<SloResult> results, boolean enforced) {
        for (SloResult r : results) {
            line("SLO " + SloFiles.describe(r));
        }
        if (!enforced) {
            line("SLOs reported, not enforced; -Dslo.enforce=true makes a breach fail the build (the CI night does)");
        }
    }

    /** The verdict, with every cause when inconclusive. */
    public void verdict(SloReport verdict) {
        if (verdict.verdict() == RunVerdict.INCONCLUSIVE) {
            line("VERDICT INCONCLUSIVE: these figures measured something other than the service"
                    + " (injector.csv has the injector's every second):");
            verdict.reasons().forEach(r -> line("  " + r));
        } else {
            line("VERDICT " + verdict.verdict().label() + VerdictRules.stopReason(verdict).map(r -> ": " + r + " (-Dslo.abortOnFail=true)")
                    .orElse("") + " (the load generator stayed within its bounds, injector.csv)");
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
