package io.dropnight.reliability.load;

import io.dropnight.core.Endpoint;
import io.dropnight.config.ServiceConfigBuilder;
import io.dropnight.reliability.RawHttp;
import io.dropnight.testing.RunningService;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The overload experiment, shared by the short JUnit check and the full sweep: a fresh service
 * per cell with a small, exact capacity model (4 slots, every modelled endpoint a fixed 20 ms, so
 * capacity is 200 requests/s; wait queue 16; no cache-miss penalty), offered an open-model load
 * at a multiple of that capacity from the same JVM over loopback. The absolute rates stay low so
 * that the 2-core machine, not the model, is never the bottleneck.
 */
public final class OverloadBench {
    public static final int SLOTS = 4;
    public static final int QUEUE_LIMIT = 16;
    public static final Duration SERVICE_TIME = Duration.ofMillis(20);
    /** Modelled capacity, requests per second: slots / service time. */
    public static final double CAPACITY = SLOTS * 1e9 / SERVICE_TIME.toNanos();
    /** A client gives up after this long (from the intended send time). */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_CLIENT_CONNECTIONS = 6_000;

    private OverloadBench() {
    }

    /** One cell of the sweep: a policy at a multiple of capacity. Rates per second, latencies in ms. */
    public record Level(String policy, double multiple, double offeredPerSecond, double goodputPerSecond,
                        double errorPagesPerSecond, long timeouts, long otherFailures, double okP50Ms, double okP99Ms,
                        double errorPageP99Ms, double clientSendLagP99Ms, double errorPageP50Ms,
                        double clientSendLagP50Ms) {
        public double goodputShareOfCapacity() {
            return goodputPerSecond / CAPACITY;
        }

        public static String header() {
            return "| policy | load | offered/s | goodput/s | goodput / capacity | error pages/s | timeouts | other failures "
                    + "| ok p50 ms | ok p99 ms | error page p99 ms | client send lag p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|";
        }

        public String row() {
            return String.format(Locale.ROOT, "| %s | %.1fx | %.0f | %.0f | %.0f %% | %.0f | %d | %d | %.1f | %.1f | %s | %.1f |",
                    policy, multiple, offeredPerSecond, goodputPerSecond, 100 * goodputShareOfCapacity(),
                    errorPagesPerSecond, timeouts, otherFailures, okP50Ms, okP99Ms,
                    Double.isNaN(errorPageP99Ms) ? "-" : String.format(Locale.ROOT, "%.1f", errorPageP99Ms),
                    clientSendLagP99Ms);
        }
    }

    /** The priority check: playback starts at a steady rate while browse traffic surges. */
    public record Surge(String policy, double browsePerSecond, double playbackPerSecond, long playbackOffered,
                        long playbackOk, double playbackAvailability, double playbackP99Ms, double browseAvailability) {
        public static String header() {
            return "| policy | browse offered/s (home+search) | playback offered/s | playback starts ok / offered "
                    + "| playback availability | playback p99 ms | browse availability |\n|---|---|---|---|---|---|---|";
        }

        public String row() {
            return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %d / %d | %.2f %% | %.1f | %.1f %% |", policy,
                    browsePerSecond, playbackPerSecond, playbackOk, playbackOffered, 100 * playbackAvailability,
                    playbackP99Ms, 100 * browseAvailability);
        }
    }

    /** Starts the bench service with {@code policy} in a new folder under {@code runRoot}. */
    public static RunningService start(Path runRoot, String policy) throws IOException {
        Path dir = Files.createTempDirectory(runRoot, policy + "-");
        return RunningService.start(dir, b -> model(b).policy(policy));
    }

    private static ServiceConfigBuilder model(ServiceConfigBuilder b) {
        b.slots(SLOTS).queueLimit(QUEUE_LIMIT).cacheMissCostFactor(1).dropIn("0s").idleTimeout("60s");
        for (Endpoint e : Endpoint.values()) {
            if (e.modelled()) {
                b.serviceTime(e.metricName(), "fixed:" + SERVICE_TIME.toMillis() + "ms");
            }
        }
        return b;
    }

    /** Runs one cell: a fresh service, a short warm-up at half capacity, then the measured load on /api/home. */
    public static Level level(Path runRoot, String policy, double multiple, Duration duration, Arrivals.Shape shape,
                              long seed) throws Exception {
        try (RunningService service = start(runRoot, policy);
             OpenLoadGenerator load = new OpenLoadGenerator(service.address(), CLIENT_TIMEOUT, MAX_CLIENT_CONNECTIONS)) {
            String token = session(service);
            Target home = new Target("home", "GET", "/api/home", token, CAPACITY * multiple);
            load.run(List.of(home.withRate(CAPACITY / 2)), Duration.ofMillis(700), shape, seed + 1);
            TargetResult r = load.run(List.of(home), duration, shape, seed).get(0);
            double seconds = duration.toNanos() / 1e9;
            return new Level(policy, multiple, r.offered() / seconds, r.ok() / seconds, r.errorPages() / seconds,
                    r.timeouts(), r.otherStatus() + r.connectionErrors() + r.overflow(), ms(r.okLatencyMicros(), 50),
                    ms(r.okLatencyMicros(), 99), ms(r.errorPageLatencyMicros(), 99), ms(r.sendLagMicros(), 99),
                    ms(r.errorPageLatencyMicros(), 50), ms(r.sendLagMicros(), 50));
        }
    }

    /**
     * Playback starts at 0.2x capacity while home and search surge to 12 times their normal 0.3x:
     * 40 + 720 requests/s against a capacity of 200.
     */
    public static Surge surge(Path runRoot, String policy, Duration duration, Arrivals.Shape shape, long seed)
            throws Exception {
        double playbackRate = 0.2 * CAPACITY;
        double homeRate = 12 * 0.2 * CAPACITY;
        double searchRate = 12 * 0.1 * CAPACITY;
        try (RunningService service = start(runRoot, policy);
             OpenLoadGenerator load = new OpenLoadGenerator(service.address(), CLIENT_TIMEOUT, MAX_CLIENT_CONNECTIONS)) {
            String token = session(service);
            long episode = service.service().catalogue().dropEpisodes().get(0).id();
            Target playback = new Target("playback-start", "POST", "/api/playback/" + episode, token, playbackRate);
            Target home = new Target("home", "GET", "/api/home", token, homeRate);
            Target search = new Target("search", "GET", "/api/search?q=night", token, searchRate);
            load.run(List.of(playback, home.withRate(CAPACITY / 4)), Duration.ofMillis(700), shape, seed + 1);
            List<TargetResult> r = load.run(List.of(playback, home, search), duration, shape, seed);
            TargetResult p = r.get(0);
            long browseOk = r.get(1).ok() + r.get(2).ok();
            long browseOffered = r.get(1).offered() + r.get(2).offered();
            return new Surge(policy, homeRate + searchRate, playbackRate, p.offered(), p.ok(), p.availability(),
                    ms(p.okLatencyMicros(), 99), browseOffered == 0 ? 1 : (double) browseOk / browseOffered);
        }
    }

    private static String session(RunningService service) throws IOException {
        String body = RawHttp.post(service.address(), "/api/session", null, "{}").body();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
