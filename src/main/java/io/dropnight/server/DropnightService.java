package io.dropnight.server;

import io.dropnight.auth.TokenService;
import io.dropnight.capacity.ModelledBackend;
import io.dropnight.capacity.Stall;
import io.dropnight.capacity.VirtualBackend;
import io.dropnight.catalogue.Catalogue;
import io.dropnight.catalogue.CatalogueGenerator;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.catalogue.Episode;
import io.dropnight.runfolder.AtomicFiles;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.metrics.IntervalLogWriter;
import io.dropnight.metrics.LagLog;
import io.dropnight.metrics.LoopLag;
import io.dropnight.metrics.ScenarioLabels;
import io.dropnight.metrics.ServerMetrics;
import io.dropnight.server.api.AdminApi;
import io.dropnight.server.api.CatalogueApi;
import io.dropnight.server.api.Json;
import io.dropnight.server.api.OpsApi;
import io.dropnight.server.api.PagesApi;
import io.dropnight.server.api.PlaybackApi;
import io.dropnight.server.api.ReservationsApi;
import io.dropnight.server.api.Router;
import io.dropnight.server.api.Routes;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The catalogue and playback service, assembled: catalogue, tokens, virtual backend, routes,
 * metrics and interval logs around a {@link DropnightServer}. Start once, stop once.
 */
public final class DropnightService {
    private static final Logger LOG = LoggerFactory.getLogger(DropnightService.class);
    /** How long stop waits, when anything scraped /metrics/prometheus, for one more scrape. */
    private static final Duration FINAL_SCRAPE = Duration.ofSeconds(3);
    private final OpsApi ops;
    /** How long stop waits for requests in flight. */
    public static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

    private final ServiceConfig config;
    private final Clock clock;
    private final Catalogue catalogue;
    private final DropSchedule drop;
    private final ServerMetrics metrics;
    private final ModelledBackend backend;
    private final CatalogueApi catalogueApi;
    private final DropnightServer server;
    private final ScheduledExecutorService logScheduler;
    private final Json json;
    private IntervalLogWriter intervalLog;
    private final LoopLag loopLag = new LoopLag(System::nanoTime, LoopLag.SERVICE_PERIOD);
    private LagLog.Writer lagLog;
    private java.util.concurrent.ScheduledFuture<?> lagSchedule;
    /** A stall the admin asked for at the drop (a test fault), run by the drop's timer; null when none. */
    private Duration stallAtDrop;
    private ScheduledFuture<?> dropTimer;
    private InetSocketAddress address;
    private final CinemaDesk cinemas;

    /** On {@code clock} for wall time and {@link System#nanoTime()} for latencies. */
    public DropnightService(ServiceConfig config, Clock clock) {
        this(config, clock, System::nanoTime);
    }

    /**
     * @param config    the validated configuration
     * @param clock     wall clock: the drop instant, tokens, snapshot and interval-log timestamps
     * @param nanoClock monotonic clock in nanoseconds: each request's server time
     */
    public DropnightService(ServiceConfig config, Clock clock, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoClock, "nanoClock");
        this.catalogue = CatalogueGenerator.generate(config.catalogue());
        this.drop = new DropSchedule(config.catalogue().dropAt());
        this.metrics = new ServerMetrics(new ScenarioLabels(), clock::millis);
        this.backend = VirtualBackend.create(config.policy(), config.capacity(), config.catalogue().seed());
        this.json = new Json(config.limits().maxJsonDepth());
        // Keyed by the admin token: a restart with the same token keeps every session (and so every
        // viewer's idempotency keys) valid, which a confirm retried after a crash relies on.
        TokenService tokens = new TokenService(clock, config.adminToken());
        this.catalogueApi = new CatalogueApi(catalogue, drop, clock, json);
        PlaybackApi playback = new PlaybackApi(catalogue, drop, tokens, clock, json, config.sessionTtl());
        this.cinemas = new CinemaDesk(config.reservations(), config.capacity(), config.catalogue().seed(), clock);
        AdminApi admin = new AdminApi(metrics, backend, drop, this::dropMoved, clock, json, config.policy(),
                config.capacity(), this::stall, cinemas::capacityChanged);
        this.ops = new OpsApi(metrics, backend);
        Router router = Routes.table(catalogueApi, playback, new PagesApi(catalogue, drop, clock), ops, admin,
                new ReservationsApi(cinemas.box(), json));
        ServerContext context = new ServerContext(router, playback::authenticate, config.adminToken(), backend,
                metrics, metrics::scenarioLabel, new Responses(json, config.errorPageStatus()), config.limits(), new Drain(), nanoClock);
        this.server = new DropnightServer(context, 0);
        this.logScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropnight-hlog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the run folder's logs, binds, and arms the drop. Returns the bound address. */
    public InetSocketAddress start() throws IOException, InterruptedException {
        Files.createDirectories(config.runDir());
        intervalLog = IntervalLogWriter.open(metrics, config.runDir(), clock::millis);
        intervalLog.start(logScheduler, config.metricsInterval());
        writeServiceDescription();
        address = server.start(config.host(), config.port());
        logScheduler.scheduleWithFixedDelay(cinemas::sweep, 1, 1, TimeUnit.MINUTES);
        watchLag();
        armDrop(drop.dropAt());
        return address;
    }

    public InetSocketAddress address() {
        return address;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Waits (at most 3 s, and only when something scraped {@code /metrics/prometheus}) for a last
     * scrape, drains requests in flight, closes connections, then writes the final interval, the
     * percentile distributions and the final snapshot. Safe to call once.
     *
     * @return whether every request in flight finished within {@link #DRAIN_GRACE}
     */
    public boolean stop() throws InterruptedException, IOException {
        // A Prometheus scraping every second takes the final counts before the port closes.
        ops.scrapes().awaitOneMore(FINAL_SCRAPE);
        boolean drained = server.stop(DRAIN_GRACE);
        loopLag.stop();
        if (lagSchedule != null) {
            lagSchedule.cancel(false);
        }
        backend.close();
        cinemas.close();
        if (lagLog != null) {
            lagLog.close();
        }
        if (intervalLog != null) {
            intervalLog.close();
        }
        logScheduler.shutdown();
        logScheduler.awaitTermination(5, TimeUnit.SECONDS);
        return drained;
    }

    /**
     * Probes every event loop and the model's thread, and writes how late they ran each interval
     * to service-lag.csv: the verdict's evidence that the host, not the model, set the pace.
     */
    private void watchLag() throws IOException {
        for (EventExecutor loop : server.workers()) {
            loopLag.watch((task, delayNanos) -> loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        }
        backend.watchLag(loopLag);
        lagLog = LagLog.Writer.open(loopLag, config.runDir(), clock::millis);
        long periodNanos = config.metricsInterval().toNanos();
        lagSchedule = logScheduler.scheduleAtFixedRate(() -> {
            try {
                lagLog.writeInterval();
            } catch (IOException | RuntimeException e) {
                LOG.error("could not write an interval to {}", config.runDir().resolve(RunFiles.SERVICE_LAG), e);
            }
        }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The admin's test fault: blocks every event loop and the model's thread for {@code duration},
     * now or when the drop fires, as a stalled host would.
     */
    private synchronized void stall(Duration duration, boolean atDrop) {
        if (atDrop) {
            stallAtDrop = duration;
            return;
        }
        LOG.warn("test fault: stalling every event loop and the model's thread for {} ms", duration.toMillis());
        for (EventExecutor loop : server.workers()) {
            loop.execute(() -> Stall.block(duration));
        }
        backend.stall(duration);
    }

    private synchronized Duration takeStallAtDrop() {
        Duration d = stallAtDrop;
        stallAtDrop = null;
        return d;
    }

    private void dropMoved(Instant at) {
        catalogueApi.dropMoved();
        armDrop(at);
    }

    private synchronized void armDrop(Instant at) {
        if (dropTimer != null) {
            dropTimer.cancel(false);
        }
        long delayMillis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        List<String> keys = new ArrayList<>();
        keys.add(catalogue.featured().cacheKey());
        for (Episode e : catalogue.dropEpisodes()) {
            keys.add(e.cacheKey());
        }
        dropTimer = server.workers().next().schedule(() -> {
            LOG.info("drop: {} episode(s) of {} unlocked", catalogue.dropEpisodes().size(), catalogue.featured().name());
            backend.onDrop(keys);
            Duration stall = takeStallAtDrop();
            if (stall != null) {
                stall(stall, false);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void writeServiceDescription() throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("policy", config.policy().configName());
        d.put("dropAt", config.catalogue().dropAt().toString());
        d.put("dropEpisodes", config.catalogue().dropEpisodes());
        d.put("seed", config.catalogue().seed());
        d.put("titles", config.catalogue().titles());
        d.put("backend", backend.describe());
        d.put("reservations", cinemas.describe());
        d.put("transport", DropnightServer.epoll() ? "epoll" : "nio");
        d.put("pid", ProcessHandle.current().pid());
        d.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        d.put("cores", Runtime.getRuntime().availableProcessors());
        AtomicFiles.write(config.runDir().resolve(RunFiles.SERVICE_INFO),
                json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(d));
    }
}
