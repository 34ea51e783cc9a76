package io.dropnight.simulations;

import io.dropnight.simulations.journey.AccountFeeder;
import io.dropnight.simulations.journey.Journeys;
import io.dropnight.simulations.journey.RefreshBehaviour;
import io.dropnight.simulations.journey.ReservationCalls;
import io.dropnight.simulations.journey.ReservationJourney;
import io.dropnight.simulations.run.RushRecord;
import io.gatling.javaapi.core.ChainBuilder;
import io.dropnight.simulations.journey.Steps;
import io.dropnight.simulations.journey.TargetCalls;
import io.dropnight.simulations.journey.ViewerIds;
import io.dropnight.simulations.journey.ViewerRandom;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.profile.TargetProfile;
import io.dropnight.simulations.run.SurgeAlignment;
import io.dropnight.simulations.slo.NightSlos;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * One release night: these viewers, on this protocol, held to these SLOs. The night's shape comes
 * from {@link io.dropnight.simulations.nights.Nights}; the run around it (parameters, run folder,
 * embedded service or {@code -Dtarget}, the files written after the night) is a {@link NightRun},
 * driven by Gatling's own {@link #before()} and {@link #after()} hooks.
 *
 * <p>A bad parameter ends the run before any load with one line and a {@link RunRefused}
 * (see {@link #prepared} for Gatling's own launcher).
 */
public abstract class NightSimulation extends Simulation {
    /** Gatling stops a night that overruns its plan by this much, whatever happens. */
    static final Duration SAFETY_MARGIN = Duration.ofMinutes(3);

    private final NightRun run;
    /** Started by Dropnight's own launcher (see {@link NightParameters#launchedByDropnight}). */
    private final boolean ownLauncher;

    protected final HttpProtocolBuilder protocol;
    protected final List<PopulationBuilder> viewers;
    protected final NightSlos slos;

    /** @param fixedNight the night this class rehearses, or empty to read {@code -Dnight} */
    protected NightSimulation(Optional<Night> fixedNight) {
        run = prepared(fixedNight);
        PreparedNight prepared = run.night();
        NightParameters parameters = prepared.parameters();
        String night = parameters.night().label();
        slos = run.slos();

        // No HTTP cache: a target that sends ETag or Last-Modified (a gateway's static error page)
        // would otherwise get conditional requests and answer 304 with no body, which no profile
        // can classify. The embedded service sends Cache-Control: no-store, so nothing changes there.
        io.gatling.javaapi.http.HttpProtocolBuilder base = http.baseUrl(run.baseUrl().toString())
                .disableCaching()
                .header("X-Scenario", night)
                .acceptHeader("application/json")
                .userAgentHeader("dropnight-viewer/" + night);
        // HTTP/2 only when the journey file asks (protocol.http2): spoken where the target offers it by ALPN.
        protocol = prepared.profile().http2() ? base.enableHttp2() : base;

        // Each population walks its own journey (the night's, unless its night file gives one), with
        // its own refresh behaviour and patience; one Steps per population, built once.
        viewers = prepared.plan().populations().stream()
                .map(p -> viewersOf(p, journeyOf(prepared, p)))
                .toList();

        SetUp setUp = setUp(viewers).protocols(protocol).maxDuration(run.maxDuration(SAFETY_MARGIN));
        if (parameters.enforceSlos()) {
            setUp.assertions(slos.assertions());
        }
        ownLauncher = NightParameters.launchedByDropnight(System.getProperties());
        if (ownLauncher) {
            // Gatling writes its report after after(); only Dropnight's launchers wait for it.
            String simulationId = getClass().getSimpleName().toLowerCase(Locale.ROOT);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run.afterGatlingReport(simulationId), "dropnight-run-folder"));
        }
    }

    /**
     * Gatling's own launcher (the Maven plugin's fork) logs an exception thrown here with two stack
     * traces that bury its one line, so under Dropnight's launchers ({@code -Ddropnight.launcher=dropnight},
     * set in pom.xml) a refused night exits with its status once the line is printed; any other host
     * (an orchestrator, a test) gets the {@link RunRefused}.
     */
    private static NightRun prepared(Optional<Night> fixedNight) {
        try {
            return NightRun.prepare(fixedNight, System.getProperties());
        } catch (RunRefused e) {
            if (NightParameters.launchedByDropnight(System.getProperties())) {
                System.exit(e.exitStatus());
            }
            throw e;
        }
    }

    /**
     * One account feeder per journey, shared by every population that walks it: the populations of
     * one journey take their rows from one share, never the same row twice.
     */
    private final Map<TargetProfile, Optional<AccountFeeder>> feeders = new java.util.IdentityHashMap<>();

    /** {@code p}'s journey: a cinema rush's reservation, or a watching journey. */
    private ChainBuilder journeyOf(PreparedNight prepared, Population p) {
        Steps steps = stepsOf(prepared, p);
        if (p.journey() == io.dropnight.simulations.nights.Journey.RESERVE) {
            TargetProfile profile = prepared.profileOf(p);
            RushRecord rush = run.rush().orElseThrow(() -> new IllegalStateException("a reserve population without its record"));
            return new ReservationJourney(steps, new ReservationCalls(profile), profile, rush.log(), rush.figures(), rush.regions(),
                    prepared.nightFile().spec(p).tries()).journey();
        }
        return new Journeys(steps, prepared.profileOf(p), prepared.parameters().night()).of(p, run::eventEndNanos);
    }

    private Steps stepsOf(PreparedNight prepared, Population p) {
        NightParameters parameters = prepared.parameters();
        TargetProfile profile = prepared.profileOf(p);
        return new Steps(new TargetCalls(profile), run.metrics(), new RefreshBehaviour(prepared.refreshOf(p)),
                new ViewerRandom(parameters.service().seed(), prepared.shard().index()), prepared.maxRefreshesOf(p),
                prepared.knownDropAt(), line -> System.out.println("dropnight: " + profile.secrets().redact(line)),
                prepared.invocation().injectorFault(), feeders.computeIfAbsent(profile, j -> prepared.accountsOf(p)
                        .map(a -> new AccountFeeder(a, parameters.service().seed() + prepared.shard().index()))),
                new ViewerIds(prepared.shard().index(), prepared.shard().count()), run.figuresOf(p), run.sloWatch().checkpoint());
    }

    /** The surge's viewers first wait out the injector's start lag, so the surge lands on the drop (SurgeAlignment). */
    private PopulationBuilder viewersOf(Population p, ChainBuilder journey) {
        if (Injection.waitsForTheDrop(p) && run.surgeAlignment().isPresent()) {
            SurgeAlignment alignment = run.surgeAlignment().get();
            Duration early = SurgeAlignment.early(p.phases().get(0).duration());
            return Injection.inject(scenario(p.name())
                    .pause(s -> Duration.ofMillis(alignment.delayMillis()))
                    .exec(journey), p, early);
        }
        return Injection.inject(scenario(p.name()).exec(journey), p, Duration.ZERO);
    }

    @Override
    public void before() {
        run.before();
    }

    @Override
    public void after() {
        run.after();
        if (!ownLauncher) {
            run.writeReport();
        }
    }
}
