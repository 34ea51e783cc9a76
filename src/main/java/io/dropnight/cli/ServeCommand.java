package io.dropnight.cli;

import io.dropnight.core.RunFiles;
import io.dropnight.config.ConfigFile;
import io.dropnight.server.ServiceConfig;
import io.dropnight.config.ServiceConfigBuilder;
import io.dropnight.server.DropnightService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dropnight serve}: runs the catalogue and playback service until SIGTERM or SIGINT, then
 * drains, writes the final histograms and exits 0. Flags override the config file, which
 * overrides the defaults.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the release-night catalogue & playback service (Netty, modelled capacity).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see docs/config-example.yml).")
    Path configFile;
    @Option(names = "--host", description = "Bind address (default: 127.0.0.1, loopback only).")
    String host;
    @Option(names = "--port", description = "TCP port; 0 picks a free one (default: 8080).")
    Integer port;
    @Option(names = "--seed", description = "Catalogue and service-time seed (default: 2026).")
    Long seed;
    @Option(names = "--titles", description = "Catalogue size (default: 3000).")
    Integer titles;
    @Option(names = "--drop-at", paramLabel = "INSTANT", description = "Drop instant, ISO-8601 (e.g. 2026-11-26T01:00:00Z).")
    String dropAt;
    @Option(names = "--drop-in", paramLabel = "DURATION", description = "Drop this long after start (e.g. 30s).")
    String dropIn;
    @Option(names = "--zone", description = "Zone of the default 2:00 a.m. drop (default: Europe/Paris).")
    String zone;
    @Option(names = "--drop-episodes", paramLabel = "N", description = "Episodes unlocked at the drop (default: 1).")
    Integer dropEpisodes;
    @Option(names = "--policy", description = "Overload policy: none, fixed, adaptive, priority (default: fixed).")
    String policy;
    @Option(names = "--unconstrained", description = "Turn the capacity model off (measures the harness itself).")
    Boolean unconstrained;
    @Option(names = "--scale", description = "Rehearsal-to-full-size ratio; scales slots and queue (default: 1).")
    Double scale;
    @Option(names = "--slots", description = "Virtual backend slots (default: 64).")
    Integer slots;
    @Option(names = "--queue-limit", paramLabel = "N", description = "Wait-queue bound (default: 256).")
    Integer queueLimit;
    @Option(names = "--service-time", paramLabel = "ENDPOINT=SPEC",
            description = "An endpoint's service time, e.g. home=lognormal:8ms:40ms (repeatable).")
    List<String> serviceTimes = List.of();
    @Option(names = "--cache-ttl", paramLabel = "DURATION", description = "Title-metadata cache TTL (default: 30s).")
    String cacheTtl;
    @Option(names = "--cache-miss-factor", paramLabel = "X", description = "Service-time multiplier of a miss (default: 8).")
    Double cacheMissFactor;
    @Option(names = "--single-flight", description = "Coalesce concurrent cache misses per key.")
    Boolean singleFlight;
    @Option(names = "--prewarm", description = "Fill the cache for the featured series at the drop.")
    Boolean prewarm;
    @Option(names = "--max-connections", paramLabel = "N", description = "Open connections accepted (default: 20000).")
    Integer maxConnections;
    @Option(names = "--idle-timeout", paramLabel = "DURATION", description = "Close idle connections after (default: 60s).")
    String idleTimeout;
    @Option(names = "--request-timeout", paramLabel = "DURATION",
            description = "A started request must arrive whole within (default: 10s).")
    String requestTimeout;
    @Option(names = "--max-body-bytes", paramLabel = "N", description = "Largest request body (default: 65536).")
    Integer maxBodyBytes;
    @Option(names = "--max-header-bytes", paramLabel = "N", description = "Largest request headers (default: 8192).")
    Integer maxHeaderBytes;
    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:DROPNIGHT_ADMIN_TOKEN}",
            description = "Token for /admin routes (default: $DROPNIGHT_ADMIN_TOKEN, else generated into RUN_DIR/admin-token).")
    String adminToken;
    @Option(names = "--session-ttl", paramLabel = "DURATION", description = "Session token lifetime (default: 6h).")
    String sessionTtl;
    @Option(names = "--run-dir", paramLabel = "DIR", description = "Where histograms are written (default: reports/<time>-serve).")
    Path runDir;
    @Option(names = "--metrics-interval", paramLabel = "DURATION", description = "Interval-log period (default: 1s).")
    String metricsInterval;
    @Option(names = "--error-page-status", paramLabel = "STATUS",
            description = "Status of the error page when shedding: 503 (default), or 200 as some deployments serve it.")
    Integer errorPageStatus;

    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;

    ServeCommand(Clock clock, PrintWriter out, PrintWriter err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Builds the configuration: defaults, then the file, then flags. */
    ServiceConfigBuilder settings() {
        ServiceConfigBuilder b = new ServiceConfigBuilder(clock);
        if (configFile != null) {
            ConfigFile.applyTo(configFile, b);
        }
        FlagSettings.apply(this, b);
        return b;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServiceConfigBuilder builder = settings();
        boolean generatedToken = builder.adminTokenGenerated();
        ServiceConfig config = builder.build();
        DropnightService service = new DropnightService(config, clock, System::nanoTime);
        CountDownLatch stopRequested = new CountDownLatch(1);
        Signals.onTermination(stopRequested::countDown);
        InetSocketAddress address = service.start();
        if (generatedToken) {
            writeAdminToken(config);
        }
        err.printf("run folder %s; drop at %s; policy %s%n", config.runDir(), config.catalogue().dropAt(),
                config.policy().configName());
        err.flush();
        out.printf("Dropnight listening on http://%s:%d%n", address.getHostString(), address.getPort());
        out.flush();
        stopRequested.await();
        boolean drained = service.stop();
        err.println(drained ? "stopped: every request in flight was answered; histograms written to " + config.runDir()
                : "stopped: some requests were still in flight after the grace period; histograms written");
        err.flush();
        return 0;
    }

    private void writeAdminToken(ServiceConfig config) throws IOException {
        Path file = config.runDir().resolve(RunFiles.ADMIN_TOKEN);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, config.adminToken() + "\n");
        err.printf("admin token written to %s%n", file);
    }
}
