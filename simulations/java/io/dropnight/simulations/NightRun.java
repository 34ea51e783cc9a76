package io.dropnight.simulations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.client.ClientHistogramLog;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.params.InjectorBounds;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.run.DropAim;
import io.dropnight.simulations.run.NightConsole;
import io.dropnight.simulations.run.ReportHook;
import io.dropnight.simulations.run.RunDescription;
import io.dropnight.simulations.run.RunFolder;
import io.dropnight.simulations.run.SurgeAlignment;
import io.dropnight.simulations.service.ServiceTarget;
import io.dropnight.simulations.slo.NightSlos;
import io.dropnight.simulations.slo.NightVerdict;
import io.dropnight.simulations.watch.DescriptorReserve;
import io.dropnight.simulations.watch.FileLimits;
import io.dropnight.simulations.watch.InjectorVerdict;
import io.dropnight.simulations.journey.Steps;
import io.dropnight.simulations.watch.InjectorWatch;
import io.dropnight.simulations.watch.ServiceStall;
import io.dropnight.metrics.LagLog;
import io.dropnight.simulations.watch.JvmProbe;
import io.dropnight.simulations.watch.PlannedArrivals;
import io.dropnight.simulations.watch.TransportErrorFilter;
import io.dropnight.simulations.watch.TransportErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The life cycle of one night's run, kept out of the simulation class: {@link #prepare} (parameters,
 * this injector's share, the drop to aim at, the run folder, the embedded service) →
 * {@link #before()} (the drop moved onto the injection's timeline, or a sharded injector's aimed
 * start) → load → {@link #after()} (client.hlog, client-summary.json, slo.json, slo-junit.xml; the
 * service stopped so it writes server.hlog) → Gatling writes its report → {@link #afterGatlingReport}
 * (at JVM exit: Gatling's report copied into the run folder, the run's report generated).
 *
 * <p>From {@code before()} to {@code after()} an {@link InjectorWatch} watches the load generator
 * itself (injector.csv); where it passed one of its {@link InjectorBounds} the run's verdict is
 * inconclusive, not fail ({@link VerdictRules}): slo.json, slo-junit.xml, run.json, the console.
 *
 * <p>The embedded service starts in {@link #prepare}, not in {@code before()}: Gatling builds the
 * protocol (its base URL) in the simulation's constructor, before {@code before()} runs.
 *
 * <p>Not thread-safe: Gatling calls the hooks one after another.
 */
final class NightRun {
    /** What the night is, prepared once before any load. */
    private final PreparedNight night;
    /** The exit status of an enforced run that is inconclusive: apart from Gatling's 2 for breached SLOs. */
    static final int INCONCLUSIVE_EXIT = 4;
    private static final int RESERVED_FDS = 32;

    private final NightSlos slos;
    private final ClientMetrics metrics = new ClientMetrics();
    private final long preparedNanos = System.nanoTime();
    private final RunFolder run;
    private final ServiceTarget service;
    private final URI baseUrl;
    private final ClientHistogramLog clientLog;
    private final ObjectNode runJson;
    private final DropTiming dropTiming;
    /** Lands the surge on the drop: for the embedded service, and for a target whose drop is aimed at. */
    private final Optional<SurgeAlignment> surgeAlignment;
    private InjectorWatch watch;
    /** The night's requests that got no response, by where the error was raised (Gatling's own report of each). */
    private final TransportErrors transportErrors = new TransportErrors();
    private Optional<TransportErrorFilter> transportFilter = Optional.empty();
    /** Descriptors kept for after(): an injector out of them must still write its run folder. */
    private final DescriptorReserve reserve = DescriptorReserve.hold(RESERVED_FDS, NightRun.class.getClassLoader());
    private SloReport verdict;
    private final NightConsole console = new NightConsole(System.out);
    /** When before() started the injection, epoch ms: the night's service lag is judged from here. */
    private long injectionStartMillis;

    private NightRun(PreparedNight prepared) {
        this.night = prepared;
        NightParameters parameters = prepared.parameters();
        NightPlan plan = prepared.plan();
        Shard shard = prepared.shard();
        Optional<DropAim> aim = prepared.aim();
        Instant startedAt = prepared.startedAt();
        NightPlan wholeNight = prepared.wholeNight();
        // Only one injector aiming at a target's drop lands its surge on it. A sharded injector keeps
        // the timeline its shard was planned on (DropAim). The embedded service's nights keep today's
        // timing, on which their figures were calibrated: the surge lands the injector's start lag
        // (a few hundred ms) after the drop, and landing it exactly on the cold title cache made the
        // default finale drop several times worse in one run each (8.97 % error pages against 3.15 % and 2.14 %, on
        // 2026-12-06); run.json still records where it landed.
        this.surgeAlignment = !shard.sharded() && aim.isPresent()
                ? Optional.of(new SurgeAlignment(Instant::now)) : Optional.empty();
        this.slos = new NightSlos(parameters.night().label(), parameters.slo());
        String label = parameters.night().label();
        try {
            run = RunFolder.create(parameters.reportsDir(), shard.sharded() ? label + "-injector-" + shard.index() : label, startedAt);
            service = parameters.target().isPresent() ? ServiceTarget.external(parameters.target().get())
                    : ServiceTarget.startEmbedded(plan.dropOffset(), parameters.scale(), parameters.service().toArgs(), run.dir());
            baseUrl = service.url();
            clientLog = new ClientHistogramLog(run.resolve(RunFiles.CLIENT_LOG), label, metrics);
            runJson = RunDescription.of(run, parameters, plan, startedAt, baseUrl, service.model(), prepared.profile());
            RunDescription.injector(runJson, shard, wholeNight);
            aim.ifPresent(a -> runJson.put("dropAt", a.dropAt().toString()));
            run.writeRunJson(runJson);
            dropTiming = new DropTiming(prepared, surgeAlignment, service, runJson, this::rewriteRunJson, console,
                    Clock.systemUTC(), System::nanoTime, preparedNanos);
        } catch (IOException | UncheckedIOException e) {
            throw new RunRefused(RunRefused.CANNOT_START, "cannot start the " + label + " rehearsal: " + e.getMessage()).printed();
        }
    }

    /**
     * Reads the parameters and prepares the run: one line and a {@link RunRefused} on a bad one,
     * before any load.
     *
     * @param fixedNight the night a simulation class rehearses, or empty to read {@code -Dnight}
     * @param props      the night's parameters ({@code -D...}: {@link System#getProperties()})
     * @throws RunRefused on a bad parameter or a rehearsal that cannot start, after printing its line
     */
    static NightRun prepare(Optional<Night> fixedNight, Properties props) {
        NightRun night = new NightRun(PreparedNight.prepare(fixedNight, props));
        night.announce();
        return night;
    }





    /** What the night is, prepared once before any load. */
    PreparedNight night() {
        return night;
    }

    NightSlos slos() {
        return slos;
    }

    ClientMetrics metrics() {
        return metrics;
    }

    URI baseUrl() {
        return baseUrl;
    }



    /** Present when this run lands its surge on a known drop instant. */
    Optional<SurgeAlignment> surgeAlignment() {
        return surgeAlignment;
    }

    /** When a live event ends, on {@link System#nanoTime()}; set by {@link #before()}. */
    long eventEndNanos() {
        return dropTiming.eventEndNanos();
    }

    /** How long the night may run before Gatling stops it, whatever happens. */
    Duration maxDuration(Duration safetyMargin) {
        return night.plan().injectionDuration().plus(night.plan().eventLength()).plus(safetyMargin);
    }

    private void announce() {
        console.announce(night.parameters(), night.plan(), night.shard(), service.keepsItsLogsInTheRunFolder() ? service.describe()
                : service.describe() + ", profile " + night.profile().name() + " (no embedded service started; capacity and policy"
                + " flags are ignored)", FileLimits.describe(JvmProbe.softFdLimit(), JvmProbe.hardFdLimit(),
                new JvmProbe().read().openFds(), night.plan().peakConcurrentViewers()), run.dir());
    }

    /**
     * Gatling's {@code before()}. The service started its drop clock in {@link #prepare}; Gatling
     * injects a few seconds later. The drop is moved here to {@code now + dropOffset} so that it
     * lands on the injection's timeline (the step of arrivals), not seconds before it.
     */
    void before() {
        dropTiming.start();
        injectionStartMillis = System.currentTimeMillis();
        night.invocation().serviceStall().ifPresent(this::stallServiceAtDrop);
        transportFilter = TransportErrorFilter.install(transportErrors);
        if (transportFilter.isEmpty()) {
            System.err.println("dropnight: SLF4J is not bound to logback here: transport errors (out of descriptors or"
                    + " ports, connect failures) cannot be told apart, only counted as requests with no response");
        }
        try {
            watch = InjectorWatch.start(run.resolve(RunFiles.INJECTOR_LOG), metrics, new PlannedArrivals(night.plan()),
                    night.invocation().bounds().lagGrace(), new InjectorVerdict(night.invocation().bounds(), night.plan().totalArrivals()), transportErrors);
        } catch (IOException e) {
            System.err.println("dropnight: the injector watch could not start, the verdict cannot tell a saturated"
                    + " load generator: " + e.getMessage());
        }
    }

    private void stallServiceAtDrop(Duration stall) {
        console.line(service.stallAtDrop(stall));
    }

    /** The service's lag log, its worst second of the night printed. */
    private List<LagLog.Sample> serviceLag() {
        List<LagLog.Sample> lag = service.lag(run.dir());
        ServiceStall.worst(lag, injectionStartMillis).ifPresent(w -> console.line(String.format(Locale.ROOT,
                "the service's loops ran at most %,.1f ms late during the night (bound %,d ms, %s)",
                w.maxLagMs(), night.invocation().bounds().serviceStallMs(), RunFiles.SERVICE_LAG)));
        return lag;
    }

    private void rewriteRunJson() {
        try {
            run.writeRunJson(runJson);
        } catch (IOException e) {
            System.err.println("dropnight: could not rewrite run.json: " + e.getMessage());
        }
    }

    /** Gatling's {@code after()}: the client's files, the SLOs, the service stopped, a summary. */
    void after() {
        reserve.release();
        clientLog.close();
        List<String> saturations = watch == null ? List.of() : watch.stop();
        transportFilter.ifPresent(TransportErrorFilter::uninstall);
        // its server.hlog is complete once it has stopped
        service.stop().ifPresent(line -> console.line(line + ", server.hlog in " + run.dir()));
        ClientMetrics.Counts counts = metrics.counts();
        dropTiming.recordSurge(metrics);
        RunDescription.answers(runJson, metrics.requestsByName(), metrics.unclassifiedAnswers());
        rewriteRunJson();
        List<SloResult> results = slos.evaluate(clientLog.totalPlaybackStartMicros(), clientLog.totalTimeToPlayMicros(), counts);
        InjectorBounds bounds = night.invocation().bounds();
        // playback-start: the endpoint whose latency an SLO (playbackStartP99) judges
        Optional<String> gap = service.gap(run.dir(), night.parameters().night().label(), Steps.PLAYBACK_START,
                bounds.serviceGapFactor(), bounds.serviceGapMs());
        NightVerdict.Decision decision = NightVerdict.decide(new NightVerdict.Figures(results, saturations, gap,
                metrics.injectorErrors(), metrics.firstInjectorError(), serviceLag(), injectionStartMillis, bounds.serviceStallMs()));
        decision.notes().forEach(console::line);
        verdict = decision.report();
        try {
            run.writeResults(night.parameters().night().label(), counts, metrics.injectorErrors(), metrics.firstInjectorError(),
                    verdict, runJson);
        } catch (IOException e) {
            System.err.println("dropnight: could not write the run folder: " + e.getMessage());
        }
        printSummary(counts, results);
        console.verdict(verdict);
    }

    private void printSummary(ClientMetrics.Counts c, List<SloResult> results) {
        console.viewers(night.parameters().night().label(), c, clientLog.totalTimeToPlayMicros(), clientLog.totalPlaybackStartMicros());
        if (night.plan().peakConcurrentViewers() == 0) {
            console.startedAgainstPlanned(c.users(), night.plan().totalArrivals());
        }
        console.unclassified(metrics.unclassifiedAnswers(), night.profile().name(), String.valueOf(night.profile().source()));
        console.injectorErrors(metrics.injectorErrors(), metrics.firstInjectorError());
        console.noResponses(metrics.noResponses(), transportFilter.map(f -> transportErrors));
        console.slos(results, night.parameters().enforceSlos());
    }

    /**
     * Runs at JVM exit, after Gatling has written its HTML report: copies it into the run folder and
     * generates the run's own report.
     *
     * @param simulationId Gatling's id of the simulation (its class name in lower case)
     */
    void afterGatlingReport(String simulationId) {
        reserve.release();
        try {
            Optional<Path> copied = run.copyGatlingReport(night.parameters().gatlingResults(), simulationId, night.startedAt());
            System.out.println("dropnight: " + copied.map(p -> "Gatling report copied to " + p)
                    .orElse("no Gatling report found under " + night.parameters().gatlingResults().toAbsolutePath()));
        } catch (IOException e) {
            System.err.println("dropnight: could not copy the Gatling report: " + e.getMessage());
        }
        writeReport();
        // Only under Dropnight's own launcher: an orchestrator's JVM is not this run's to end; there
        // the inconclusive verdict stands in slo.json and slo-junit.xml (an <error>).
        if (verdict != null && verdict.verdict() == RunVerdict.INCONCLUSIVE && night.parameters().enforceSlos()) {
            // Gatling has written its report and is exiting; its status (0, or 2 for breached
            // assertions) would say the service passed or failed. Neither is known: fail apart.
            System.out.println("dropnight: FAILED (-Dslo.enforce=true): the run is INCONCLUSIVE (" + verdict.reasons().get(0)
                    + "); mend that cause (a saturated injector: shard the night or give it more room), then run it again (exit "
                    + INCONCLUSIVE_EXIT + ")");
            System.out.flush();
            Runtime.getRuntime().halt(INCONCLUSIVE_EXIT);
        }
    }

    /** Writes the run folder's HTML report (without Gatling's, which an orchestrator keeps). */
    void writeReport() {
        System.out.println("dropnight: " + ReportHook.generate(run.dir()));
    }
}
