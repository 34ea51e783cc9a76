package io.dropnight.simulations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.metrics.LagLog;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.client.ClientHistogramLog;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.PopulationFigures;
import io.dropnight.simulations.journey.Steps;
import io.dropnight.simulations.params.InjectorBounds;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.LiveOptions;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;
import io.dropnight.simulations.live.InjectorCollector;
import io.dropnight.simulations.live.LivePage;
import io.dropnight.simulations.live.LiveServer;
import io.dropnight.simulations.watch.PlannedArrivals;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.dropnight.simulations.preflight.TlsTrust;
import io.dropnight.simulations.run.InconclusiveExit;
import io.dropnight.simulations.run.NightConsole;
import io.dropnight.simulations.run.ReportHook;
import io.dropnight.simulations.run.RunDescription;
import io.dropnight.simulations.run.RunFolder;
import io.dropnight.simulations.run.SurgeAlignment;
import io.dropnight.simulations.service.ServiceTarget;
import io.dropnight.simulations.slo.NightSlos;
import io.dropnight.simulations.slo.NightVerdict;
import io.dropnight.simulations.slo.SloWatch;
import io.dropnight.simulations.slo.NightPromises;
import io.dropnight.simulations.run.RushRecord;
import io.dropnight.simulations.nights.Journey;
import io.dropnight.simulations.watch.FileLimits;
import io.dropnight.simulations.watch.InjectorGuard;
import io.dropnight.simulations.watch.JvmProbe;
import io.dropnight.simulations.watch.ServiceStall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * <p>From {@code before()} to {@code after()} an {@link InjectorGuard} watches the load generator
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
    private final NightSlos slos;
    private final ClientMetrics metrics = new ClientMetrics();
    /** When Gatling's injection started, on {@link System#nanoTime()}: the populations' arrivals are placed from it. */
    private volatile long injectionStartNanos;
    /** Each population's own figures, by its name (this injector's share). */
    private final Map<String, PopulationFigures> populations = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final long preparedNanos = System.nanoTime();
    private final NightConsole console = new NightConsole(System.out);
    /** Descriptors held back, transport errors told apart, injector.csv: the load generator watched. */
    private final InjectorGuard guard = InjectorGuard.hold(NightRun.class.getClassLoader(), System.err);
    private final RunFolder run;
    private final ServiceTarget service;
    private final ClientHistogramLog clientLog;
    private final ObjectNode runJson;
    private final DropTiming dropTiming;
    /** Lands the surge on the drop: for one injector aiming at a known drop (see the constructor). */
    private final Optional<SurgeAlignment> surgeAlignment;
    /** When before() started the injection, epoch ms: the night's service lag is judged from here. */
    private long injectionStartMillis;
    private volatile SloReport verdict;
    /** The live metrics and page, when {@code -Dmetrics.port} asks for them. */
    private final Optional<LiveServer> live;
    /** {@code -Dslo.abortOnFail}: stops the night once an SLO can no longer pass (does nothing without it). */
    private final SloWatch sloWatch;
    /** live.html and live.js in the run folder, from before() to the report. */
    private final LivePage livePage;
    /** A cinema rush's record of confirmations and its database; empty for a night that watches. */
    private final Optional<RushRecord> rush;

    private NightRun(PreparedNight prepared) {
        this.night = prepared;
        NightParameters parameters = prepared.parameters();
        String label = parameters.night().label();
        this.surgeAlignment = SurgeAlignment.forNight(prepared.shard(), prepared.aim());
        this.slos = new NightSlos(label, parameters.slo(),
                prepared.plan().populations().stream().anyMatch(p -> p.journey() == Journey.RESERVE));
        // Bound first: a port in use refuses the night before anything starts.
        PrometheusRegistry registry = new PrometheusRegistry();
        this.live = startLive(prepared.invocation().live(), registry);
        try {
            run = RunFolder.create(parameters.reportsDir(), prepared.shard().sharded() ? label + "-injector-" + prepared.shard().index()
                    : label, prepared.startedAt());
            rush = rushOf(prepared, run.dir());
            List<String> serviceFlags = new java.util.ArrayList<>(parameters.service().toArgs());
            if (rush.isPresent()) {
                serviceFlags.addAll(RushRecord.embeddedFlags(run.dir(), audienceShare(prepared)));
            }
            service = parameters.target().isPresent() ? ServiceTarget.external(parameters.target().get())
                    : ServiceTarget.startEmbedded(prepared.plan().dropOffset(), parameters.scale(), serviceFlags, run.dir());
            clientLog = new ClientHistogramLog(run.resolve(RunFiles.CLIENT_LOG), label, metrics);
            runJson = RunDescription.of(run, parameters, prepared.plan(), prepared.startedAt(), service.url(), service.model(),
                    prepared.profile());
            RunDescription.injector(runJson, prepared.shard(), prepared.wholeNight());
            RunDescription.populations(runJson, prepared.nightFile().source(), prepared.plan(), prepared::profileOf,
                    p -> prepared.refreshOf(p).label(), prepared::maxRefreshesOf);
            RunDescription.audience(runJson, prepared.nightFile(), prepared.wholeNight(), parameters.scale());
            if (prepared.profile().usesTls(service.url())) {
                // insecure said out loud; the file's trust store was checked against the flags in the preflight
                runJson.put("tls", TlsTrust.forNight(System::getProperty, prepared.profile().trustStore()).describe());
            }
            prepared.aim().ifPresent(a -> runJson.put("dropAt", a.dropAt().toString()));
            run.writeRunJson(runJson);
            dropTiming = new DropTiming(prepared, surgeAlignment, service, runJson, this::rewriteRunJson, console,
                    Clock.systemUTC(), System::nanoTime, preparedNanos);
            sloWatch = NightSloFigures.watch(prepared, maxDuration(NightSimulation.SAFETY_MARGIN), () -> injectionStartNanos,
                    dropTiming::eventEndNanos, metrics, clientLog, populations, console);
            NightRunView view = new NightRunView(label, metrics, clientLog, populations,
                    new PlannedArrivals(prepared.plan()), guard, slos, dropTiming::dropAt, () -> injectionStartNanos,
                    () -> Optional.ofNullable(verdict), Clock.systemUTC());
            registry.register(new InjectorCollector(view));
            livePage = LivePage.write(run.dir(), view, live, System::currentTimeMillis, console::line);
            live.ifPresent(l -> {
                runJson.put("liveMetrics", l.metricsUrl().toString());
                rewriteRunJson();
            });
        } catch (IOException | UncheckedIOException e) {
            live.ifPresent(LiveServer::close);
            throw new RunRefused(RunRefused.CANNOT_START, "cannot start the " + label + " rehearsal: " + e.getMessage()).printed();
        }
    }

    /** A rush's record, when some population reserves: the embedded service's database, or -Dreservations.database. */
    private static Optional<RushRecord> rushOf(PreparedNight prepared, Path runDir) throws IOException {
        if (prepared.plan().populations().stream().noneMatch(p -> p.journey() == Journey.RESERVE)) {
            return Optional.empty();
        }
        Optional<Path> db = prepared.parameters().target().isPresent() ? prepared.invocation().reservationsDb()
                : Optional.of(RushRecord.embeddedDb(runDir));
        return Optional.of(RushRecord.open(runDir, db, prepared.parameters().service().seed(), audienceShare(prepared)));
    }

    /** The rehearsal's viewers over the real night's audience (a reserve night states it: NightReader), at most 1. */
    private static double audienceShare(PreparedNight prepared) {
        long audience = prepared.nightFile().audience().orElseThrow();
        return Math.min(1.0, (double) Math.max(1, prepared.wholeNight().viewers()) / audience);
    }

    private static Optional<LiveServer> startLive(LiveOptions options, PrometheusRegistry registry) {
        if (!options.served()) {
            return Optional.empty();
        }
        try {
            LiveServer server = LiveServer.start(options, registry);
            return Optional.of(server);
        } catch (ParameterException e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "bad parameter: " + e.getMessage()).printed();
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
        NightRun run = new NightRun(PreparedNight.prepare(fixedNight, props));
        PreparedNight n = run.night;
        run.console.announce(n.parameters(), n.plan(), n.shard(), run.service.describe(n.profile().name()), FileLimits.describe(JvmProbe.softFdLimit(), JvmProbe.hardFdLimit(),
                new JvmProbe().read().openFds(), n.plan().peakConcurrentViewers()), run.run.dir());
        run.live.ifPresent(l -> run.console.line("live metrics at " + l.metricsUrl() + " (Prometheus' format), live page at "
                + l.pageUrl()));
        return run;
    }

    PreparedNight night() {
        return night;
    }

    NightSlos slos() {
        return slos;
    }

    ClientMetrics metrics() {
        return metrics;
    }

    SloWatch sloWatch() {
        return sloWatch;
    }

    /** A cinema rush's record; empty for a night that watches. */
    Optional<RushRecord> rush() {
        return rush;
    }

    URI baseUrl() {
        return service.url();
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

    /**
     * Gatling's {@code before()}. The service started its drop clock in {@link #prepare}; Gatling
     * injects a few seconds later. The drop is moved here to {@code now + dropOffset} so that it
     * lands on the injection's timeline (the step of arrivals), not seconds before it.
     */
    void before() {
        dropTiming.start();
        injectionStartMillis = System.currentTimeMillis();
        injectionStartNanos = System.nanoTime();
        night.invocation().serviceStall().ifPresent(stall -> console.line(service.stallAtDrop(stall)));
        guard.start(run.resolve(RunFiles.INJECTOR_LOG), metrics, night.plan(), night.invocation().bounds());
        sloWatch.start(injectionStartNanos);
        livePage.start();
    }

    private void rewriteRunJson() {
        try {
            run.writeRunJson(runJson);
        } catch (IOException e) {
            System.err.println("dropnight: could not rewrite run.json: " + e.getMessage());
        }
    }

    /** Where {@code p}'s own figures are counted (one per population, made on first ask). */
    PopulationFigures figuresOf(io.dropnight.simulations.nights.Population p) {
        // The injection's seconds, with room for the surge's alignment and a slow tail.
        int seconds = (int) Math.min(86_400, night.plan().injectionDuration().toSeconds() + 120);
        return populations.computeIfAbsent(p.name(), k -> new PopulationFigures(() -> injectionStartNanos, seconds));
    }

    /** Gatling's {@code after()}: the client's files, the SLOs, the service stopped, a summary. */
    void after() {
        sloWatch.close();
        List<String> saturations = guard.stop();
        clientLog.close();
        // its server.hlog is complete once it has stopped
        service.stop().ifPresent(line -> console.line(line + ", server.hlog in " + run.dir()));
        ClientMetrics.Counts counts = metrics.counts();
        dropTiming.recordSurge(metrics);
        RunDescription.answers(runJson, metrics.requestsByName(), metrics.unclassifiedAnswers());
        Map<String, PopulationFigures.Snapshot> perPopulation = new java.util.LinkedHashMap<>();
        populations.forEach((name, figures) -> perPopulation.put(name, figures.snapshot()));
        RunDescription.populationFigures(runJson, perPopulation, night.plan());
        if (perPopulation.size() > 1) {
            perPopulation.forEach((name, f) -> console.line(String.format(java.util.Locale.ROOT, "population %s: viewers %,d, playback"
                    + " starts %,d, error pages %,d (%.3f %% of %,d requests), refreshes %,d, gave up %,d, time to play p95 %,.0f ms",
                    name, f.users(), f.playbackStarts(), f.errorPages(), f.errorPageRatePercent(), f.requests(), f.refreshes(),
                    f.abandonments(), f.timeToPlayP95Ms())));
        }
        rewriteRunJson();
        List<SloResult> results = new java.util.ArrayList<>(slos.evaluate(clientLog.totalPlaybackStartMicros(),
                clientLog.totalTimeToPlayMicros(), counts));
        // a rush's promises, checked once the service has stopped (its database complete), beside its speed
        Optional<NightPromises.Checked> promises = rush.map(r -> {
            console.line(r.figures().snapshot().describe());
            r.describe(runJson);
            return r.check(night.parameters().night().label(), run.dir());
        });
        promises.ifPresent(p -> {
            p.lines().forEach(console::line);
            results.addAll(p.slos());
        });
        InjectorBounds bounds = night.invocation().bounds();
        // playback-start: the endpoint whose latency an SLO (playbackStartP99) judges
        Optional<String> gap = service.gap(run.dir(), night.parameters().night().label(), Steps.PLAYBACK_START,
                bounds.serviceGapFactor(), bounds.serviceGapMs());
        List<LagLog.Sample> lag = service.lag(run.dir());
        ServiceStall.describeWorst(lag, injectionStartMillis, bounds.serviceStallMs()).ifPresent(console::line);
        NightVerdict.Decision decision = NightVerdict.decide(new NightVerdict.Figures(results, saturations, gap,
                metrics.injectorErrors(), metrics.firstInjectorError(), lag, injectionStartMillis, bounds.serviceStallMs()),
                sloWatch.stopped().map(SloWatch.Stop::reason));
        decision.notes().forEach(console::line);
        verdict = promises.flatMap(NightPromises.Checked::unchecked).map(u -> VerdictRules.withCause(decision.report(), u))
                .orElse(decision.report());
        try {
            run.writeResults(night.parameters().night().label(), counts, metrics.injectorErrors(), metrics.firstInjectorError(),
                    verdict, runJson);
        } catch (IOException e) {
            System.err.println("dropnight: could not write the run folder: " + e.getMessage());
        }
        // the booking is a rush's goal, counted where a stream start is: say so before the lines that name streams
        rush.ifPresent(r -> console.line("a rush: the 'playback starts' below are the bookings confirmed, 'time to play'"
                + " is the time to book, 'playback-start' the confirm that booked"));
        console.afterNight(night.parameters().night().label(), metrics, clientLog.totalTimeToPlayMicros(),
                clientLog.totalPlaybackStartMicros(), night.plan(), night.profile().name(), String.valueOf(night.profile().source()),
                guard.transportErrors(), results, night.parameters().enforceSlos());
        console.verdict(verdict);
    }

    /**
     * Runs at JVM exit, after Gatling has written its HTML report: copies it into the run folder,
     * generates the run's own report, and ends an enforced inconclusive night apart
     * ({@link InconclusiveExit}). Only under Dropnight's own launcher: an orchestrator's JVM is not
     * this run's to end; there the inconclusive verdict stands in slo.json and slo-junit.xml.
     *
     * @param simulationId Gatling's id of the simulation (its class name in lower case)
     */
    void afterGatlingReport(String simulationId) {
        guard.release();
        try {
            Optional<Path> copied = run.copyGatlingReport(night.parameters().gatlingResults(), simulationId, night.startedAt());
            console.line(copied.map(p -> "Gatling report copied to " + p)
                    .orElse("no Gatling report found under " + night.parameters().gatlingResults().toAbsolutePath()));
        } catch (IOException e) {
            System.err.println("dropnight: could not copy the Gatling report: " + e.getMessage());
        }
        writeReport();
        InconclusiveExit.status(verdict, night.parameters().enforceSlos(), console).ifPresent(status -> {
            System.out.flush();
            Runtime.getRuntime().halt(status);
        });
    }

    /** Writes the run folder's HTML report (without Gatling's, which an orchestrator keeps). */
    void writeReport() {
        ReportHook.Written report = ReportHook.write(run.dir());
        console.line(report.line());
        livePage.end(report.page(), report.line()); // the live page turns into the report
        // a scraper polling every second takes the final figures before the port closes
        live.ifPresent(l -> l.close(FINAL_SCRAPE));
    }

    /** How long the live metrics wait, after the night, for a scraper's last look. */
    private static final Duration FINAL_SCRAPE = Duration.ofSeconds(3);
}
