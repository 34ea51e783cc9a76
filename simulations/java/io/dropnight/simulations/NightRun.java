package io.dropnight.simulations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.core.Durations;
import io.dropnight.core.RunFiles;
import io.dropnight.report.RunVerdict;
import io.dropnight.report.SloReport;
import io.dropnight.report.SloResult;
import io.dropnight.report.VerdictRules;
import io.dropnight.simulations.client.ClientHistogramLog;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.nights.Shares;
import io.dropnight.simulations.params.InjectorBounds;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.run.DropAim;
import io.dropnight.simulations.run.ReportHook;
import io.dropnight.simulations.run.RunDescription;
import io.dropnight.simulations.run.RunFolder;
import io.dropnight.simulations.service.EmbeddedService;
import io.dropnight.simulations.service.HarnessClient;
import io.dropnight.simulations.service.ServiceClasspath;
import io.dropnight.simulations.slo.NightSlos;
import io.dropnight.simulations.slo.SloReportWriter;
import io.dropnight.simulations.watch.DescriptorReserve;
import io.dropnight.simulations.watch.FileLimits;
import io.dropnight.simulations.watch.InjectorVerdict;
import io.dropnight.simulations.watch.InjectorWatch;
import io.dropnight.simulations.watch.JvmProbe;
import io.dropnight.simulations.watch.PlannedArrivals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private static final Duration TARGET_DROP_MIN = Duration.ofSeconds(1);
    /** The exit status of an enforced run that is inconclusive: apart from Gatling's 2 for breached SLOs. */
    static final int INCONCLUSIVE_EXIT = 4;
    private static final int RESERVED_FDS = 32;
    private static final Duration TARGET_DROP_MAX = Duration.ofHours(1);

    private final NightParameters parameters;
    private final NightPlan plan;
    private final Shard shard;
    /** How a sharded injector lands on the target's drop; empty when not sharded. */
    private final Optional<DropAim> aim;
    private final NightSlos slos;
    private final ClientMetrics metrics = new ClientMetrics();
    private final Instant startedAt;
    private final long preparedNanos = System.nanoTime();
    private final RunFolder run;
    private final Optional<EmbeddedService> service;
    private final URI baseUrl;
    private final ClientHistogramLog clientLog;
    private final HarnessClient harness;
    /** Lets before() move the drop to exactly the injection's timeline (POST /admin/drop). */
    private final String adminToken;
    private final ObjectNode runJson;
    private final AtomicLong eventEndNanos = new AtomicLong(Long.MAX_VALUE);
    private final InjectorBounds injectorBounds;
    private InjectorWatch watch;
    /** Descriptors kept for after(): an injector out of them must still write its run folder. */
    private final DescriptorReserve reserve = DescriptorReserve.hold(RESERVED_FDS, NightRun.class.getClassLoader());
    private SloReport verdict;

    private NightRun(NightParameters parameters, NightPlan wholeNight, NightPlan plan, Shard shard,
                     Optional<DropAim> aim, Instant startedAt, InjectorBounds injectorBounds) {
        this.parameters = parameters;
        this.injectorBounds = injectorBounds;
        this.plan = plan;
        this.shard = shard;
        this.aim = aim;
        this.startedAt = startedAt;
        this.slos = new NightSlos(parameters.night().label(), parameters.slo());
        this.adminToken = UUID.randomUUID().toString();
        String night = parameters.night().label();
        try {
            run = RunFolder.create(parameters.reportsDir(), shard.sharded() ? night + "-injector-" + shard.index() : night, startedAt);
            service = parameters.target().isPresent() ? Optional.empty() : Optional.of(startService());
            baseUrl = service.map(EmbeddedService::url).orElseGet(() -> parameters.target().orElseThrow());
            clientLog = new ClientHistogramLog(run.resolve(RunFiles.CLIENT_LOG), night, metrics);
            harness = new HarnessClient(baseUrl);
            runJson = RunDescription.of(run, parameters, plan, startedAt, baseUrl, harness.metrics());
            RunDescription.injector(runJson, shard, wholeNight);
            aim.ifPresent(a -> runJson.put("dropAt", a.dropAt().toString()));
            run.writeRunJson(runJson);
        } catch (IOException e) {
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
        NightParameters given = valid(() -> {
            NightParameters p = NightParameters.fromProperties(props);
            return fixedNight.map(p::withNight).orElse(p);
        });
        Shard shard = valid(() -> NightParameters.shardFromProperties(props));
        Optional<DropAim> aim = shard.sharded() ? Optional.of(aimed(given, shard)) : Optional.empty();
        NightParameters parameters = aim.map(a -> given.withDropOffset(a.dropOffset())).orElseGet(() -> alignedWithTarget(given));
        NightPlan wholeNight = Nights.plan(parameters);
        NightPlan plan = valid(() -> Shares.withViewers(wholeNight, shard));
        InjectorBounds injectorBounds = valid(() -> InjectorBounds.fromProperties(props));
        NightRun night = new NightRun(parameters, wholeNight, plan, shard, aim, startedAt, injectorBounds);
        night.announce();
        return night;
    }

    NightParameters parameters() {
        return parameters;
    }

    NightPlan plan() {
        return plan;
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

    /** When a live event ends, on {@link System#nanoTime()}; set by {@link #before()}. */
    long eventEndNanos() {
        return eventEndNanos.get();
    }

    /** How long the night may run before Gatling stops it, whatever happens. */
    Duration maxDuration(Duration safetyMargin) {
        return plan.injectionDuration().plus(plan.eventLength()).plus(safetyMargin);
    }

    /**
     * Against a target, the drop is the target's own: unless -DdropOffset is given, the night's
     * surge is set to land at the target's announced drop instant when that is 1 s to 1 h away.
     */
    private static NightParameters alignedWithTarget(NightParameters p) {
        if (p.target().isEmpty() || p.dropOffset().isPresent()) {
            return p;
        }
        Optional<Instant> dropAt = new HarnessClient(p.target().get()).dropAt();
        if (dropAt.isEmpty()) {
            System.out.println("dropnight: the target announces no drop instant; the night keeps its own drop offset");
            return p;
        }
        Duration offset = Duration.between(Instant.now(), dropAt.get()).truncatedTo(ChronoUnit.MILLIS);
        if (offset.compareTo(TARGET_DROP_MIN) < 0 || offset.compareTo(TARGET_DROP_MAX) > 0) {
            System.out.println("dropnight: the target drops at " + dropAt.get()
                    + ", not 1 s to 1 h from now; the night keeps its own drop offset");
            return p;
        }
        System.out.println("dropnight: the target drops at " + dropAt.get() + "; the surge is set to land then");
        return p.withDropOffset(offset);
    }

    /**
     * Sharded injectors aim the night's own timeline at the target's own drop, or refuse: an
     * injector started after the drop, or with no drop to aim at, would run a night that is not the
     * planned one.
     */
    private static DropAim aimed(NightParameters p, Shard shard) {
        try {
            DropAim a = DropAim.at(Instant.now(), new HarnessClient(p.target().orElseThrow()).dropAt(), shard,
                    Nights.plan(p).dropOffset());
            System.out.println("dropnight: " + shard.describe() + ": the target drops at " + a.dropAt()
                    + "; injection starts at " + a.injectionStartAt() + ", the surge " + Durations.format(a.dropOffset()) + " later");
            return a;
        } catch (DropAim.Refused e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "refusing to run: " + e.getMessage()).printed();
        }
    }

    private static <T> T valid(Supplier<T> read) {
        try {
            return read.get();
        } catch (ParameterException e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "bad parameter: " + e.getMessage()).printed();
        }
    }

    private EmbeddedService startService() throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--drop-in", Durations.format(plan.dropOffset()),
                "--scale", String.format(Locale.ROOT, "%s", parameters.scale()),
                "--admin-token", adminToken));
        args.addAll(parameters.service().toArgs());
        return EmbeddedService.start(ServiceClasspath.fromThisJvm(), run.dir(), args);
    }

    private void announce() {
        String where = service.map(s -> "embedded service (child JVM pid " + s.pid() + ") at " + baseUrl)
                .orElse("TARGET " + baseUrl + " (no embedded service started; capacity and policy flags are ignored)");
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
        try {
            watch = InjectorWatch.start(run.resolve(RunFiles.INJECTOR_LOG), metrics, new PlannedArrivals(plan),
                    injectorBounds.lagGrace(), new InjectorVerdict(injectorBounds, plan.totalArrivals()));
        } catch (IOException e) {
            System.err.println("dropnight: the injector watch could not start, the verdict cannot tell a saturated"
                    + " load generator: " + e.getMessage());
        }
    }

    private void moveDropOrAwaitAimedStart() {
        long gapMillis = (System.nanoTime() - preparedNanos) / 1_000_000;
        eventEndNanos.set(System.nanoTime() + plan.eventLength().plus(liveJoin()).toNanos());
        if (aim.isPresent()) {
            awaitAimedStart(aim.get());
            return;
        }
        if (service.isEmpty()) {
            System.out.printf(Locale.ROOT, "dropnight: injection starts %d ms after the night was planned;"
                    + " against a target the drop is the target's own and is not moved%n", gapMillis);
            return;
        }
        Instant dropAt = Instant.now().plus(plan.dropOffset());
        String moved = moveDrop(dropAt);
        System.out.printf(Locale.ROOT, "dropnight: injection starts %d ms after the service started; %s%n", gapMillis, moved);
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
                    shard.describe(), late.toMillis(), surgeAt);
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

    private String moveDrop(Instant at) {
        String offset = " (+" + Durations.format(plan.dropOffset()) + ")";
        return harness.moveDrop(at, adminToken).map(status -> status == 200 ? "drop moved to " + at + offset
                : "could not move the drop (HTTP " + status + "), it stays at service start" + offset)
                .orElse("could not move the drop: the service did not answer");
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
        ClientMetrics.Counts counts = metrics.counts();
        List<SloResult> results = slos.evaluate(clientLog.totalPlaybackStartMicros(), clientLog.totalTimeToPlayMicros(), counts);
        verdict = VerdictRules.decide(results, saturations);
        try {
            run.writeClientSummary(parameters.night().label(), counts);
            SloReportWriter.writeJson(run.resolve(RunFiles.SLO_RESULTS), verdict);
            SloReportWriter.writeJUnit(run.resolve(RunFiles.SLO_JUNIT), "dropnight.slo." + parameters.night().label(), verdict);
        } catch (IOException e) {
            System.err.println("dropnight: could not write the run folder: " + e.getMessage());
        }
        runJson.put("verdict", verdict.verdict().jsonName());
        verdict.reasons().forEach(runJson.withArray("verdictReasons")::add);
        rewriteRunJson();
        service.ifPresent(this::stopService);
        printSummary(counts, results);
        printVerdict();
    }

    private void printVerdict() {
        if (verdict.verdict() == RunVerdict.INCONCLUSIVE) {
            System.out.println("dropnight: VERDICT INCONCLUSIVE: the load generator was saturated, so these figures measured"
                    + " it, not the service (injector.csv has every second):");
            verdict.reasons().forEach(r -> System.out.println("dropnight:   " + r));
        } else {
            System.out.println("dropnight: VERDICT " + verdict.verdict().label()
                    + " (the load generator stayed within its bounds, injector.csv)");
        }
    }

    private void stopService(EmbeddedService s) {
        try {
            int code = s.stop();
            System.out.println("dropnight: embedded service stopped (exit " + code + "), server.hlog in " + run.dir());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printSummary(ClientMetrics.Counts c, List<SloResult> results) {
        var ttp = clientLog.totalTimeToPlayMicros();
        var ps = clientLog.totalPlaybackStartMicros();
        System.out.printf(Locale.ROOT, "dropnight: %s viewers %d, playback starts %d, error pages %d (%.3f %% of %d requests), refreshes %d, gave up %d (%.3f %%)%n",
                parameters.night().label(), c.users(), c.playbackStarts(), c.errorPages(), c.errorPageRatePercent(),
                c.requests(), c.refreshes(), c.abandonments(), c.abandonmentPercent());
        System.out.printf(Locale.ROOT, "dropnight: client-side HdrHistogram time-to-play p50 %.1f p95 %.1f p99 %.1f max %.1f ms; playback-start p50 %.1f p99 %.1f max %.1f ms%n",
                ms(ttp.getValueAtPercentile(50)), ms(ttp.getValueAtPercentile(95)), ms(ttp.getValueAtPercentile(99)), ms(ttp.getMaxValue()),
                ms(ps.getValueAtPercentile(50)), ms(ps.getValueAtPercentile(99)), ms(ps.getMaxValue()));
        if (plan.peakConcurrentViewers() == 0 && c.users() != plan.totalArrivals()) {
            // Every open-model viewer planned must start, or the night was not the one asked for.
            System.out.printf(Locale.ROOT, "dropnight: WARNING %d viewers started, %d planned: this run is not the planned night%n",
                    c.users(), plan.totalArrivals());
        }
        for (SloResult r : results) {
            System.out.println("dropnight: SLO " + SloReportWriter.describe(r));
        }
        if (!parameters.enforceSlos()) {
            System.out.println("dropnight: SLOs reported, not enforced; -Dslo.enforce=true makes a breach fail the build (the CI night does)");
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
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
        System.out.println("dropnight: " + ReportHook.generate(run.dir()));
        if (verdict != null && verdict.verdict() == RunVerdict.INCONCLUSIVE && parameters.enforceSlos()) {
            // Gatling has written its report and is exiting; its status (0, or 2 for breached
            // assertions) would say the service passed or failed. Neither is known: fail apart.
            System.out.println("dropnight: FAILED (-Dslo.enforce=true): the run is INCONCLUSIVE, the load generator was"
                    + " saturated; shard the night or give the injector more room, then run it again (exit "
                    + INCONCLUSIVE_EXIT + ")");
            System.out.flush();
            Runtime.getRuntime().halt(INCONCLUSIVE_EXIT);
        }
    }
}
