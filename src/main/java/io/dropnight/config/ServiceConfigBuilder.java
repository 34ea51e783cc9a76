package io.dropnight.config;

import io.dropnight.core.ServiceDefaults;

import io.dropnight.capacity.CacheModel;
import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.ServiceTimeDistribution;
import io.dropnight.capacity.WriteCost;
import io.dropnight.reservations.ReservationsConfig;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.catalogue.CatalogueConfig;
import io.dropnight.core.Checks;
import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;
import io.dropnight.server.NetworkLimits;
import io.dropnight.server.ServiceConfig;
import io.dropnight.shedding.OverloadPolicy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * Collects settings from defaults, a config file and flags (later calls win), then validates them
 * all at once in {@link #build()}. Each setter parses text and fails with a {@link ConfigException}
 * naming the field, so config files and flags share one set of rules and messages.
 *
 * <p>Not thread-safe; used once at start-up.
 */
public final class ServiceConfigBuilder {
    /** The release instant the incident used: 2:00 a.m. local time. */
    public static final LocalTime DEFAULT_DROP_TIME = LocalTime.of(2, 0);
    /** The press report the defaults come from is French: the drop is 2:00 a.m. in Paris. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private final Clock clock;
    private String host = "127.0.0.1";
    private int port = 8080;
    private NetworkLimits limits = NetworkLimits.defaults();
    private long seed = ServiceDefaults.SEED;
    private int titles = 3000;
    private Instant dropAt;
    private Duration dropIn;
    private ZoneId zone = DEFAULT_ZONE;
    private int dropEpisodes = 1;
    private OverloadPolicy policy = OverloadPolicy.FIXED;
    private CapacityModel capacity = CapacityModel.defaults();
    private String adminToken;
    private Duration sessionTtl = Duration.ofHours(6);
    private Path runDir;
    private Duration metricsInterval = Duration.ofSeconds(1);
    private int errorPageStatus = 503;
    private Path reservationsDb;
    private Duration holdTtl = ReservationsConfig.DEFAULT_HOLD_TTL;
    private double reservationsScale = 1.0;
    private boolean unsafeAckBeforeCommit;

    public ServiceConfigBuilder(Clock clock) {
        this.clock = clock;
    }

    public ServiceConfigBuilder host(String value) {
        this.host = Checks.notNull("host", value).trim();
        return this;
    }

    public ServiceConfigBuilder port(int value) {
        this.port = Checks.between("port", value, 0, 65535);
        return this;
    }

    public ServiceConfigBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    public ServiceConfigBuilder titles(int value) {
        this.titles = Checks.between("catalogue.titles", value, 10, 1_000_000);
        return this;
    }

    public ServiceConfigBuilder dropAt(String text) {
        try {
            this.dropAt = Instant.parse(text.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new ConfigException("drop-at", text, "must be an ISO-8601 instant such as 2026-11-26T01:00:00Z");
        }
        this.dropIn = null;
        return this;
    }

    public ServiceConfigBuilder dropIn(String text) {
        Duration d = Durations.parse("drop-in", text);
        if (d.isNegative()) {
            throw new ConfigException("drop-in", text, "must not be negative");
        }
        this.dropIn = d;
        this.dropAt = null;
        return this;
    }

    public ServiceConfigBuilder zone(String text) {
        try {
            this.zone = ZoneId.of(text.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new ConfigException("zone", text, "must be a time-zone id such as Europe/Paris or UTC");
        }
        return this;
    }

    public ServiceConfigBuilder dropEpisodes(int value) {
        this.dropEpisodes = Checks.between("catalogue.drop-episodes", value, 1, 8);
        return this;
    }

    public ServiceConfigBuilder policy(String text) {
        this.policy = OverloadPolicy.parse("policy", text);
        return this;
    }

    public ServiceConfigBuilder unconstrained(boolean value) {
        this.capacity = capacity.withUnconstrained(value);
        return this;
    }

    public ServiceConfigBuilder scale(double value) {
        this.capacity = capacity.withScale(Checks.positive("capacity.scale", value));
        return this;
    }

    public ServiceConfigBuilder slots(int value) {
        this.capacity = capacity.withSlots(Checks.atLeast("capacity.slots", value, 1));
        return this;
    }

    public ServiceConfigBuilder queueLimit(int value) {
        this.capacity = capacity.withQueueLimit(Checks.atLeast("capacity.queue-limit", value, 0));
        return this;
    }

    /** Sets one endpoint's service time from {@code endpoint=spec}, for example {@code home=exp:10ms}. */
    public ServiceConfigBuilder serviceTime(String assignment) {
        String field = "capacity.service-times";
        int eq = assignment == null ? -1 : assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(field, assignment, "must be ENDPOINT=SPEC, for example home=lognormal:8ms:40ms");
        }
        return serviceTime(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
    }

    public ServiceConfigBuilder serviceTime(String endpointName, String spec) {
        this.capacity = capacity.withServiceTime("capacity.service-times", endpointName, spec);
        return this;
    }

    public ServiceConfigBuilder writeSlots(int value) {
        this.capacity = capacity.withWrites(new WriteCost(Checks.atLeast("capacity.write-slots", value, 1),
                capacity.writes().time()));
        return this;
    }

    public ServiceConfigBuilder writeTime(String spec) {
        this.capacity = capacity.withWrites(new WriteCost(capacity.writes().slots(),
                ServiceTimeDistribution.parse("capacity.write-time", spec)));
        return this;
    }

    public ServiceConfigBuilder reservationsDb(Path value) {
        this.reservationsDb = Checks.notNull("reservations.db-file", value);
        return this;
    }

    public ServiceConfigBuilder reservationsScale(double value) {
        this.reservationsScale = value;
        return this;
    }

    public ServiceConfigBuilder holdTtl(String text) {
        this.holdTtl = Checks.positive("reservations.hold-ttl", Durations.parse("reservations.hold-ttl", text));
        return this;
    }

    public ServiceConfigBuilder unsafeAckBeforeCommit(boolean value) {
        this.unsafeAckBeforeCommit = value;
        return this;
    }

    public ServiceConfigBuilder cacheTtl(String text) {
        CacheModel c = capacity.cache();
        this.capacity = capacity.withCache(new CacheModel(Durations.parse("cache.ttl", text),
                c.missCostFactor(), c.singleFlight(), c.prewarm()));
        return this;
    }

    public ServiceConfigBuilder cacheMissCostFactor(double value) {
        CacheModel c = capacity.cache();
        this.capacity = capacity.withCache(new CacheModel(c.ttl(), value, c.singleFlight(), c.prewarm()));
        return this;
    }

    public ServiceConfigBuilder singleFlight(boolean value) {
        CacheModel c = capacity.cache();
        this.capacity = capacity.withCache(new CacheModel(c.ttl(), c.missCostFactor(), value, c.prewarm()));
        return this;
    }

    public ServiceConfigBuilder prewarm(boolean value) {
        CacheModel c = capacity.cache();
        this.capacity = capacity.withCache(new CacheModel(c.ttl(), c.missCostFactor(), c.singleFlight(), value));
        return this;
    }

    public ServiceConfigBuilder maxConnections(int value) {
        this.limits = limits.withMaxConnections(value);
        return this;
    }

    public ServiceConfigBuilder idleTimeout(String text) {
        this.limits = limits.withIdleTimeout(Checks.positive("limits.idle-timeout",
                Durations.parse("limits.idle-timeout", text)));
        return this;
    }

    public ServiceConfigBuilder requestTimeout(String text) {
        this.limits = limits.withRequestTimeout(Checks.positive("limits.request-timeout",
                Durations.parse("limits.request-timeout", text)));
        return this;
    }

    public ServiceConfigBuilder maxBodyBytes(int value) {
        this.limits = limits.withMaxBodyBytes(value);
        return this;
    }

    public ServiceConfigBuilder maxHeaderBytes(int value) {
        this.limits = limits.withMaxHeaderBytes(value);
        return this;
    }

    public ServiceConfigBuilder errorPageStatus(int value) {
        this.errorPageStatus = value;
        return this;
    }

    public ServiceConfigBuilder adminToken(String value) {
        this.adminToken = value;
        return this;
    }

    public ServiceConfigBuilder sessionTtl(String text) {
        this.sessionTtl = Checks.positive("session-ttl", Durations.parse("session-ttl", text));
        return this;
    }

    public ServiceConfigBuilder runDir(Path value) {
        this.runDir = Checks.notNull("run-dir", value);
        return this;
    }

    public ServiceConfigBuilder metricsInterval(String text) {
        this.metricsInterval = Checks.positive("metrics-interval", Durations.parse("metrics-interval", text));
        return this;
    }

    /** Whether the admin token will be generated (so the CLI knows to tell the operator where it is). */
    public boolean adminTokenGenerated() {
        return adminToken == null;
    }

    /**
     * Validates everything and returns the configuration. A missing admin token is generated from a
     * secure random source; a missing drop instant defaults to the next 2:00 a.m. in the zone.
     */
    public ServiceConfig build() {
        Instant now = clock.instant();
        Instant drop = dropAt != null ? dropAt : dropIn != null ? now.plus(dropIn) : nextDefaultDrop(now);
        String token = adminToken != null ? adminToken : randomToken();
        Path dir = runDir != null ? runDir : Path.of("reports", DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(now) + "-serve");
        ReservationsConfig reservations = new ReservationsConfig(
                reservationsDb != null ? reservationsDb : dir.resolve(RunFiles.RESERVATIONS_DB), reservationsScale, holdTtl,
                unsafeAckBeforeCommit);
        return new ServiceConfig(host, port, limits, new CatalogueConfig(seed, titles, drop, dropEpisodes),
                policy, capacity, token, sessionTtl, dir, metricsInterval, errorPageStatus, reservations);
    }

    private Instant nextDefaultDrop(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime drop = local.toLocalDate().atTime(DEFAULT_DROP_TIME).atZone(zone);
        if (!drop.toInstant().isAfter(now)) {
            drop = drop.plusDays(1);
        }
        return drop.toInstant();
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
