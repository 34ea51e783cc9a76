package io.dropnight.simulations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.core.Durations;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.client.ClientHistogramLog;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.nights.Shares;
import io.dropnight.simulations.params.InjectorBounds;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.profile.TargetProfile;
import io.dropnight.simulations.run.DropAim;
import io.dropnight.simulations.run.NightConsole;
import io.dropnight.simulations.run.ReportHook;
import io.dropnight.simulations.run.RunDescription;
import io.dropnight.simulations.run.RunFolder;
import io.dropnight.simulations.run.SurgeAlignment;
import io.dropnight.simulations.service.EmbeddedService;
import io.dropnight.simulations.service.ServiceTarget;
import io.dropnight.simulations.service.ServiceClasspath;
import io.dropnight.simulations.slo.NightSlos;
import io.dropnight.simulations.slo.NightVerdict;
import io.dropnight.simulations.watch.DescriptorReserve;
import io.dropnight.simulations.watch.FileLimits;
import io.dropnight.simulations.watch.InjectorVerdict;
import io.dropnight.simulations.journey.Steps;
import io.dropnight.simulations.watch.InjectorWatch;
import io.dropnight.simulations.watch.ServiceAgreement;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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
    /** How far the surge may land from the target's drop before the run warns. */
    static final Duration SURGE_TOLERANCE = Duration.ofMillis(100);
    /** The exit status of an enforced run that is inconclusive: apart from Gatling's 2 for breached SLOs. */
    static final int INCONCLUSIVE_EXIT = 4;
    private static final int RESERVED_FDS = 32;

    private final NightParameters parameters;
    private final NightPlan plan;
    private final Shard shard;
    /** How the injection lands on a target's drop (sharded, or one injector aiming); empty otherwise. */
    private final Optional<DropAim> aim;
    private final TargetProfile profile;
    private final Optional<Instant> knownDropAt;
    private final NightSlos slos;
    private final ClientMetrics metrics = new ClientMetrics();
    private final Instant startedAt;
    private final long preparedNanos = System.nanoTime();
    private final RunFolder run;
    private final ServiceTarget service;
    private final URI baseUrl;
    private final ClientHistogramLog clientLog;
    /** Lets before() move the drop to exactly the injection's timeline (POST /admin/drop). */
    private final String adminToken;
    private final ObjectNode runJson;
    private final AtomicLong eventEndNanos = new AtomicLong(Long.MAX_VALUE);
    /** Lands the surge on the drop: for the embedded service, and for a target whose drop is aimed at. */
    private final Optional<SurgeAlignment> surgeAlignment;
    private final InjectorBounds injectorBounds;
    private InjectorWatch watch;
    /** The night's requests that got no response, by where the error was raised (Gatling's own report of each). */
    private final TransportErrors transportErrors = new TransportErrors();
    private Optional<TransportErrorFilter> transportFilter = Optional.empty();
    /** Descriptors kept for after(): an injector out of them must still write its run folder. */
    private final DescriptorReserve reserve = DescriptorReserve.hold(RESERVED_FDS, NightRun.class.getClassLoader());
    private SloReport verdict;
    private final NightConsole console = new NightConsole(System.out);
    /** Test-only: the embedded service's loops blocked this long at the drop (-Dtest.serviceStall). */
    private final Optional<Duration> serviceStall;
    /** Test-only: every viewer's episode choice throws (-Dtest.injectorFault). */
    private final boolean injectorFault;
    /** When before() started the injection, epoch ms: the night's service lag is judged from here. */
    private long injectionStartMillis;

    private NightRun(NightParameters parameters, NightPlan wholeNight, NightPlan plan, Shard shard,
                     Optional<DropAim> aim, TargetProfile profile, Optional<Instant> knownDropAt, Instant startedAt,
                     InjectorBounds injectorBounds, Optional<Duration> serviceStall, boolean injectorFault) {
        this.parameters = parameters;
        this.serviceStall = serviceStall;
        this.injectorFault = injectorFault;
        this.injectorBounds = injectorBounds;
        this.plan = plan;
        this.shard = shard;
        this.aim = aim;
        this.profile = profile;
        this.knownDropAt = knownDropAt;
        // Only one injector aiming at a target's drop lands its surge on it. A sharded injector keeps
        // the timeline its shard was planned on (DropAim). The embedded service's nights keep today's
        // timing, on which their figures were calibrated: the surge lands the injector's start lag
        // (a few hundred ms) after the drop, and landing it exactly on the cold title cache made the
        // default finale drop several times worse in one run each (8.97 % error pages against 3.15 % and 2.14 %, on
        // 2026-12-06); run.json still records where it landed.
        this.surgeAlignment = !shard.sharded() && aim.isPresent()
                ? Optional.of(new SurgeAlignment(Instant::now)) : Optional.empty();
        this.startedAt = startedAt;
        this.slos = new NightSlos(parameters.night().label(), parameters.slo());
        this.adminToken = UUID.randomUUID().toString();
        String night = parameters.night().label();
        try {
            run = RunFolder.create(parameters.reportsDir(), shard.sharded() ? night + "-injector-" + shard.index() : night, startedAt);
            service = parameters.target().map(ServiceTarget::external)
                    .orElseGet(() -> ServiceTarget.embedded(startService(), adminToken));
            baseUrl = service.url();
            clientLog = new ClientHistogramLog(run.resolve(RunFiles.CLIENT_LOG), night, metrics);
            runJson = RunDescription.of(run, parameters, plan, startedAt, baseUrl, service.model(), profile);
            RunDescription.injector(runJson, shard, wholeNight);
            aim.ifPresent(a -> runJson.put("dropAt", a.dropAt().toString()));
            run.writeRunJson(runJson);
        } catch (IOException | UncheckedIOException e) {
            throw new RunRefused(RunRefused.CANNOT_START, "cannot start the " + night + " rehearsal: " + e.getMessage()).printed();
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
        Instant startedAt = Instant.now();
        // Every -D the night reads, read once, here (NightInvocation); -Dplan first, so that a plan's
        // user reads that line, not another flag's.
        NightInvocation invocation = valid(() -> {
            NightParameters.refusePlan(props);
            NightInvocation i = NightInvocation.fromProperties(props);
            return fixedNight.map(n -> i.with(i.night().withNight(n))).orElse(i);
        });
        NightParameters given = invocation.night();
        Shard shard = valid(() -> NightParameters.shardFromProperties(props));
        TargetProfile profile = NightTarget.profile(invocation.profile());
        if (given.target().isEmpty() && !NightParameters.launchedByDropnight(props)) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "bad parameter: target is not set: outside Dropnight's own"
                    + " launchers (mvn gatling:test, scripts/plan.sh, the injector image) no embedded service is started;"
                    + " give -Dtarget=URL, or -D" + NightParameters.LAUNCHER + "=" + NightParameters.OWN_LAUNCHER
                    + " to start one in this JVM's host").printed();
        }
        Optional<Instant> announced = given.target().isEmpty() ? Optional.empty()
                : NightTarget.announcedDrop(given.target().get(), profile, invocation);
        Optional<DropAim> aim = shard.sharded() ? Optional.of(NightTarget.aimed(given, shard, announced))
                : NightTarget.aimedAtTarget(given, announced);
        NightParameters parameters = aim.map(a -> given.withDropOffset(a.dropOffset())).orElse(given);
        NightPlan wholeNight = Nights.plan(parameters);
        NightPlan plan = valid(() -> Shares.withViewers(wholeNight, shard));
        NightRun night = new NightRun(parameters, wholeNight, plan, shard, aim, profile, announced, startedAt,
                invocation.bounds(), invocation.serviceStall(), invocation.injectorFault());
        night.announce();
        return night;
    }

    NightParameters parameters() {
        return parameters;
    }

    NightPlan plan() {
        return plan;
    }

    /** Test-only: whether every viewer's episode choice throws, as a harness bug would (-Dtest.injectorFault). */
    boolean injectorFault() {
        return injectorFault;
    }

    Shard shard() {
        return shard;
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

    TargetProfile profile() {
        return profile;
    }

    /** The target's drop instant known before the night (-DdropAt or announced); empty for the embedded service. */
    Optional<Instant> knownDropAt() {
        return knownDropAt;
    }

    /** Present when this run lands its surge on a known drop instant. */
    Optional<SurgeAlignment> surgeAlignment() {
        return surgeAlignment;
    }

    /** When a live event ends, on {@link System#nanoTime()}; set by {@link #before()}. */
    long eventEndNanos() {
        return eventEndNanos.get();
    }

    /** How long the night may run before Gatling stops it, whatever happens. */
    Duration maxDuration(Duration safetyMargin) {
        return plan.injectionDuration().plus(plan.eventLength()).plus(safetyMargin);
    }

    static <T> T valid(Supplier<T> read) {
        try {
            return read.get();
        } catch (ParameterException e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "bad parameter: " + e.getMessage()).printed();
        }
    }

    private EmbeddedService startService() {
        List<String> args = new ArrayList<>(List.of(
                "--drop-in", Durations.format(plan.dropOffset()),
                "--scale", String.format(Locale.ROOT, "%s", parameters.scale()),
                "--admin-token", adminToken));
        args.addAll(parameters.service().toArgs());
        try {
            return EmbeddedService.start(ServiceClasspath.fromThisJvm(), run.dir(), args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void announce() {
        String where = service.keepsItsLogsInTheRunFolder() ? service.describe() : service.describe() + ", profile "
                + profile.name() + " (no embedded service started; capacity and policy flags are ignored)";
        String audience = plan.peakConcurrentViewers() > 0
                ? plan.peakConcurrentViewers() + " concurrent viewers (closed model)"
                : plan.totalArrivals() + " arrivals";
        System.out.printf(Locale.ROOT, "dropnight: %s night, scale %s, compression %s, drop at +%s, %s, refresh=%s (max %d), seed %d%n",
                parameters.night().label(), parameters.scale(), parameters.compression(),
                Durations.format(plan.dropOffset()), audience, parameters.refreshPolicy().label(),
                parameters.maxRefreshes(), parameters.service().seed());
        System.out.println("dropnight: " + where);
        if (shard.sharded()) {
            System.out.printf(Locale.ROOT, "dropnight: %s: %d arrivals, %d concurrent viewers of this night's share%n",
                    shard.describe(), plan.totalArrivals(), plan.peakConcurrentViewers());
        }
        System.out.println("dropnight: " + FileLimits.describe(JvmProbe.softFdLimit(), JvmProbe.hardFdLimit(),
                new JvmProbe().read().openFds(), plan.peakConcurrentViewers()));
        System.out.println("dropnight: run folder " + run.dir());
    }

    /**
     * Gatling's {@code before()}. The service started its drop clock in {@link #prepare}; Gatling
     * injects a few seconds later. The drop is moved here to {@code now + dropOffset} so that it
     * lands on the injection's timeline (the step of arrivals), not seconds before it.
     */
    void before() {
        moveDropOrAwaitAimedStart();
        injectionStartMillis = System.currentTimeMillis();
        serviceStall.ifPresent(this::stallServiceAtDrop);
        transportFilter = TransportErrorFilter.install(transportErrors);
        if (transportFilter.isEmpty()) {
            System.err.println("dropnight: SLF4J is not bound to logback here: transport errors (out of descriptors or"
                    + " ports, connect failures) cannot be told apart, only counted as requests with no response");
        }
        try {
            watch = InjectorWatch.start(run.resolve(RunFiles.INJECTOR_LOG), metrics, new PlannedArrivals(plan),
                    injectorBounds.lagGrace(), new InjectorVerdict(injectorBounds, plan.totalArrivals()), transportErrors);
        } catch (IOException e) {
            System.err.println("dropnight: the injector watch could not start, the verdict cannot tell a saturated"
                    + " load generator: " + e.getMessage());
        }
    }

    private void stallServiceAtDrop(Duration stall) {
        console.line(service.stallAtDrop(stall));
    }

    /** The embedded service's lag log, its worst second of the night printed; empty when it cannot be read. */
    private List<LagLog.Sample> serviceLag() {
        try {
            List<LagLog.Sample> lag = LagLog.read(run.dir());
            ServiceStall.worst(lag, injectionStartMillis).ifPresent(w -> System.out.printf(Locale.ROOT,
                    "dropnight: the service's loops ran at most %,.1f ms late during the night (bound %,d ms, %s)%n",
                    w.maxLagMs(), injectorBounds.serviceStallMs(), RunFiles.SERVICE_LAG));
            return lag;
        } catch (IOException e) {
            System.err.println("dropnight: could not read " + RunFiles.SERVICE_LAG + ": " + e.getMessage());
            return List.of();
        }
    }

    private void moveDropOrAwaitAimedStart() {
        long gapMillis = (System.nanoTime() - preparedNanos) / 1_000_000;
        eventEndNanos.set(System.nanoTime() + plan.eventLength().plus(liveJoin()).toNanos());
        if (aim.isPresent()) {
            awaitAimedStart(aim.get());
            surgeAlignment.ifPresent(a -> a.aimAt(aim.get().dropAt()));
            return;
        }
        Instant dropAt = Instant.now().plus(plan.dropOffset());
        Optional<String> moved = service.moveDrop(dropAt, plan.dropOffset());
        if (moved.isEmpty()) {
            System.out.printf(Locale.ROOT, "dropnight: injection starts %d ms after the night was planned;"
                    + " against a target the drop is the target's own and is not moved%n", gapMillis);
            return;
        }
        surgeAlignment.ifPresent(a -> a.aimAt(dropAt));
        System.out.printf(Locale.ROOT, "dropnight: injection starts %d ms after the service started; %s%n", gapMillis, moved.get());
        runJson.put("dropAt", dropAt.toString());
        rewriteRunJson();
    }

    /** Starts the injection on the aimed instant and records where this injector's surge lands. */
    private void awaitAimedStart(DropAim a) {
        try {
            Duration late = a.awaitInjectionStart(Instant::now);
            eventEndNanos.set(System.nanoTime() + plan.eventLength().plus(liveJoin()).toNanos());
            Instant surgeAt = a.injectionStartAt().plus(late).plus(a.dropOffset());
            RunDescription.surge(runJson, a.injectionStartAt().plus(late), surgeAt, Duration.between(a.dropAt(), surgeAt));
            rewriteRunJson();
            System.out.printf(Locale.ROOT, "dropnight: %s starts its injection %d ms after the aimed instant; surge at %s%n",
                    shard.sharded() ? shard.describe() : "this injector", late.toMillis(), surgeAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rewriteRunJson() {
        try {
            run.writeRunJson(runJson);
        } catch (IOException e) {
            System.err.println("dropnight: could not rewrite run.json: " + e.getMessage());
        }
    }

    /**
     * Where the surge really landed, from the injector's own timeline: the first arrival of the
     * population that waits for the drop ({@code nothing} first) against the drop it aimed at.
     */
    private void recordSurge() {
        Optional<Population> surge = plan.populations().stream()
                .filter(p -> !p.closedModel() && p.phases().get(0).kind() == io.dropnight.simulations.nights.Phase.Kind.NOTHING)
                .findFirst();
        Optional<Instant> landed = surge.flatMap(p -> metrics.firstArrival(p.name()));
        Optional<Instant> dropAt = aim.map(DropAim::dropAt).or(() -> service.keepsItsLogsInTheRunFolder()
                ? Optional.ofNullable(runJson.path("dropAt").textValue()).map(Instant::parse) : Optional.empty());
        if (landed.isEmpty() || dropAt.isEmpty()) {
            return;
        }
        Duration skew = Duration.between(dropAt.get(), landed.get());
        RunDescription.surgeLanded(runJson, landed.get(), skew);
        boolean within = skew.abs().compareTo(SURGE_TOLERANCE) <= 0;
        String note = within ? "" : surgeAlignment.isPresent() ? " (WARNING: more than " + SURGE_TOLERANCE.toMillis() + " ms)"
                : " (the embedded service's nights keep the injector's start lag, as calibrated)";
        System.out.printf(Locale.ROOT, "dropnight: the surge's first viewer arrived %+d ms from the drop at %s%s%n",
                skew.toMillis(), dropAt.get(), note);
    }

    private Duration liveJoin() {
        return plan.populations().stream().filter(Population::closedModel)
                .map(p -> p.phases().get(0).duration()).findFirst().orElse(Duration.ZERO);
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
        recordSurge();
        RunDescription.answers(runJson, metrics.requestsByName(), metrics.unclassifiedAnswers());
        rewriteRunJson();
        List<SloResult> results = slos.evaluate(clientLog.totalPlaybackStartMicros(), clientLog.totalTimeToPlayMicros(), counts);
        // playback-start: the endpoint whose latency an SLO (playbackStartP99) judges; the service's own logs only where it is ours
        Optional<String> gap = !service.keepsItsLogsInTheRunFolder() ? Optional.empty() : ServiceAgreement.check(run.resolve(RunFiles.CLIENT_LOG),
                run.resolve(RunFiles.SERVER_LOG), parameters.night().label(), List.of(Steps.PLAYBACK_START),
                injectorBounds.serviceGapFactor(), injectorBounds.serviceGapMs());
        NightVerdict.Decision decision = NightVerdict.decide(new NightVerdict.Figures(results, saturations, gap,
                metrics.injectorErrors(), metrics.firstInjectorError(), service.keepsItsLogsInTheRunFolder() ? serviceLag() : List.of(),
                injectionStartMillis, injectorBounds.serviceStallMs()));
        decision.notes().forEach(console::line);
        verdict = decision.report();
        try {
            run.writeClientSummary(parameters.night().label(), counts, metrics.injectorErrors(), metrics.firstInjectorError());
            SloFiles.writeJson(run.resolve(RunFiles.SLO_RESULTS), verdict);
            SloFiles.writeJUnit(run.resolve(RunFiles.SLO_JUNIT), "dropnight.slo." + parameters.night().label(), verdict);
        } catch (IOException e) {
            System.err.println("dropnight: could not write the run folder: " + e.getMessage());
        }
        runJson.put("verdict", verdict.verdict().jsonName());
        verdict.reasons().forEach(runJson.withArray("verdictReasons")::add);
        rewriteRunJson();
        printSummary(counts, results);
        console.verdict(verdict);
    }

    private void printSummary(ClientMetrics.Counts c, List<SloResult> results) {
        console.viewers(parameters.night().label(), c, clientLog.totalTimeToPlayMicros(), clientLog.totalPlaybackStartMicros());
        if (plan.peakConcurrentViewers() == 0) {
            console.startedAgainstPlanned(c.users(), plan.totalArrivals());
        }
        console.unclassified(metrics.unclassifiedAnswers(), profile.name(), String.valueOf(profile.source()));
        console.injectorErrors(metrics.injectorErrors(), metrics.firstInjectorError());
        console.noResponses(metrics.noResponses(), transportFilter.map(f -> transportErrors));
        console.slos(results, parameters.enforceSlos());
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
            Optional<Path> copied = run.copyGatlingReport(parameters.gatlingResults(), simulationId, startedAt);
            System.out.println("dropnight: " + copied.map(p -> "Gatling report copied to " + p)
                    .orElse("no Gatling report found under " + parameters.gatlingResults().toAbsolutePath()));
        } catch (IOException e) {
            System.err.println("dropnight: could not copy the Gatling report: " + e.getMessage());
        }
        writeReport();
        // Only under Dropnight's own launcher: an orchestrator's JVM is not this run's to end; there
        // the inconclusive verdict stands in slo.json and slo-junit.xml (an <error>).
        if (verdict != null && verdict.verdict() == RunVerdict.INCONCLUSIVE && parameters.enforceSlos()) {
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
