package io.dropnight.config;

import io.dropnight.core.ConfigException;
import io.dropnight.core.ServeFlags;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting of {@code dropnight serve}. {@link #all()} is the one list of them: the YAML config
 * file ({@link ConfigFile}) and the command-line flags ({@code cli.ServeCommand}) are both read
 * from it, so a setting added here exists in both, with the same rules and messages.
 *
 * @param key         its key in the config file, dotted under a section ({@code capacity.slots})
 * @param flag        its command-line flag ({@code --slots})
 * @param label       how its value is shown in {@code --help}
 * @param kind        the type of its value
 * @param description its line in {@code --help}
 * @param envDefault  an environment variable whose non-empty value is the flag's default, or null
 * @param apply       hands a value of {@link Kind#type()} to the builder, which validates it
 */
public record Setting(String key, String flag, String label, Kind kind, String description, String envDefault,
                      BiConsumer<ServiceConfigBuilder, Object> apply) {

    /** The type of a setting's value, as the flag parser and the config-file reader produce it. */
    public enum Kind {
        /** Text, parsed by the builder (durations, instants, names). */
        TEXT(String.class),
        /** A whole number that fits in an int. */
        WHOLE(Integer.class),
        /** A whole number that fits in a long. */
        LONG(Long.class),
        /** Any finite or infinite number; the builder checks its range. */
        NUMBER(Double.class),
        /** On or off: a flag without value, {@code true}/{@code false} in the file. */
        SWITCH(Boolean.class),
        /** A file-system path. */
        PATH(Path.class),
        /** {@code NAME=VALUE} entries: a repeatable flag, a mapping in the file. */
        ENTRIES(List.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        /** The Java type of a value of this kind; {@link #ENTRIES} is a list of {@code NAME=VALUE} strings. */
        public Class<?> type() {
            return type;
        }
    }

    private static final Setting DROP_AT = text("drop-at", "--drop-at", "INSTANT",
            "Drop instant, ISO-8601 (e.g. 2026-11-26T01:00:00Z).", ServiceConfigBuilder::dropAt);
    private static final Setting DROP_IN = text("drop-in", ServeFlags.DROP_IN, "DURATION",
            "Drop this long after start (e.g. 30s).", ServiceConfigBuilder::dropIn);

    private static final List<Setting> ALL = List.of(
            text("host", "--host", "<host>", "Bind address (default: 127.0.0.1, loopback only).",
                    ServiceConfigBuilder::host),
            whole("port", ServeFlags.PORT, "<port>", "TCP port; 0 picks a free one (default: 8080).", ServiceConfigBuilder::port),
            new Setting("seed", ServeFlags.SEED, "<seed>", Kind.LONG, "Catalogue and service-time seed (default: 2026).", null,
                    (b, v) -> b.seed((Long) v)),
            whole("titles", "--titles", "<titles>", "Catalogue size (default: 3000).", ServiceConfigBuilder::titles),
            DROP_AT,
            DROP_IN,
            text("zone", "--zone", "<zone>", "Zone of the default 2:00 a.m. drop (default: Europe/Paris).",
                    ServiceConfigBuilder::zone),
            whole("drop-episodes", "--drop-episodes", "N", "Episodes unlocked at the drop (default: 1).",
                    ServiceConfigBuilder::dropEpisodes),
            text("policy", ServeFlags.POLICY, "<policy>", "Overload policy: none, fixed, adaptive, priority (default: fixed).",
                    ServiceConfigBuilder::policy),
            onOff("capacity.unconstrained", ServeFlags.UNCONSTRAINED, "Turn the capacity model off (measures the harness itself).",
                    ServiceConfigBuilder::unconstrained),
            number("capacity.scale", ServeFlags.SCALE, "<scale>", "Rehearsal-to-full-size ratio; scales slots and queue (default: 1).",
                    ServiceConfigBuilder::scale),
            whole("capacity.slots", ServeFlags.SLOTS, "<slots>", "Virtual backend slots (default: 64).", ServiceConfigBuilder::slots),
            whole("capacity.queue-limit", ServeFlags.QUEUE_LIMIT, "N", "Wait-queue bound (default: 256).",
                    ServiceConfigBuilder::queueLimit),
            new Setting("capacity.service-times", ServeFlags.SERVICE_TIME, "ENDPOINT=SPEC", Kind.ENTRIES,
                    "An endpoint's service time, e.g. home=lognormal:8ms:40ms (repeatable).", null,
                    (b, v) -> ((List<?>) v).forEach(entry -> b.serviceTime((String) entry))),
            whole("capacity.write-slots", ServeFlags.WRITE_SLOTS, "N",
                    "Booking-write slots beside the backend slots, scaled like them (default: 16).",
                    ServiceConfigBuilder::writeSlots),
            text("capacity.write-time", ServeFlags.WRITE_TIME, "SPEC",
                    "One booking write's service time (default: lognormal:6ms:30ms).", ServiceConfigBuilder::writeTime),
            text("cache.ttl", "--cache-ttl", "DURATION", "Title-metadata cache TTL (default: 30s).",
                    ServiceConfigBuilder::cacheTtl),
            number("cache.miss-cost-factor", "--cache-miss-factor", "X", "Service-time multiplier of a miss (default: 8).",
                    ServiceConfigBuilder::cacheMissCostFactor),
            onOff("cache.single-flight", ServeFlags.SINGLE_FLIGHT, "Coalesce concurrent cache misses per key.",
                    ServiceConfigBuilder::singleFlight),
            onOff("cache.prewarm", ServeFlags.PREWARM, "Fill the cache for the featured series at the drop.",
                    ServiceConfigBuilder::prewarm),
            whole("limits.max-connections", "--max-connections", "N", "Open connections accepted (default: 20000).",
                    ServiceConfigBuilder::maxConnections),
            text("limits.idle-timeout", "--idle-timeout", "DURATION", "Close idle connections after (default: 60s).",
                    ServiceConfigBuilder::idleTimeout),
            text("limits.request-timeout", "--request-timeout", "DURATION",
                    "A started request must arrive whole within (default: 10s).", ServiceConfigBuilder::requestTimeout),
            whole("limits.max-body-bytes", "--max-body-bytes", "N", "Largest request body (default: 65536).",
                    ServiceConfigBuilder::maxBodyBytes),
            whole("limits.max-header-bytes", "--max-header-bytes", "N", "Largest request headers (default: 8192).",
                    ServiceConfigBuilder::maxHeaderBytes),
            new Setting("admin-token", ServeFlags.ADMIN_TOKEN, "TOKEN", Kind.TEXT,
                    "Token for /admin routes (default: $DROPNIGHT_ADMIN_TOKEN, else generated into RUN_DIR/admin-token).",
                    "DROPNIGHT_ADMIN_TOKEN", (b, v) -> b.adminToken((String) v)),
            text("session-ttl", "--session-ttl", "DURATION", "Session token lifetime (default: 6h).",
                    ServiceConfigBuilder::sessionTtl),
            new Setting("run-dir", ServeFlags.RUN_DIR, "DIR", Kind.PATH, "Where histograms are written (default: reports/<time>-serve).",
                    null, (b, v) -> b.runDir((Path) v)),
            new Setting("reservations.db-file", ServeFlags.RESERVATIONS_DB, "FILE", Kind.PATH,
                    "The cinema reservations' SQLite file (default: RUN_DIR/reservations.db).", null,
                    (b, v) -> b.reservationsDb((Path) v)),
            number("reservations.scale", ServeFlags.RESERVATIONS_SCALE, "F",
                    "The cinemas' size: rehearsal audience / 1.1 million, in (0, 1] (default: 1, 3,500 screenings).",
                    ServiceConfigBuilder::reservationsScale),
            text("reservations.hold-ttl", ServeFlags.HOLD_TTL, "DURATION", "How long a seat hold lasts (default: 5m).",
                    ServiceConfigBuilder::holdTtl),
            onOff("reservations.unsafe-ack-before-commit", ServeFlags.UNSAFE_ACK_BEFORE_COMMIT,
                    "TEST ONLY: answer a confirm before its commit (a kill loses bookings), to prove the promise check.",
                    ServiceConfigBuilder::unsafeAckBeforeCommit),
            text("metrics-interval", "--metrics-interval", "DURATION", "Interval-log period (default: 1s).",
                    ServiceConfigBuilder::metricsInterval),
            whole("error-page-status", ServeFlags.ERROR_PAGE_STATUS, "STATUS",
                    "Status of the error page when shedding: 503 (default), or 200 as some deployments serve it.",
                    ServiceConfigBuilder::errorPageStatus));

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apply, "apply");
    }

    /** Every setting of {@code serve}, in the order {@code --help} lists them and they are applied. */
    public static List<Setting> all() {
        return ALL;
    }

    /** The config-file section this setting is in ({@code capacity}), or null for a top-level one. */
    public String section() {
        int dot = key.indexOf('.');
        return dot < 0 ? null : key.substring(0, dot);
    }

    /** Its key within its section ({@code slots} for {@code capacity.slots}). */
    public String name() {
        return key.substring(key.indexOf('.') + 1);
    }

    /**
     * Applies the settings one source gave (the file, or the flags), in {@link #all()} order.
     *
     * @param given      each given setting with its value, of {@link Kind#type()}
     * @param nameInSource how the source names a setting, for messages ({@link #key()} or {@link #flag()})
     * @throws ConfigException when the source gives both drop-at and drop-in (either would silently
     *                         win), or for a value the builder refuses
     */
    public static void applyAll(Map<Setting, Object> given, ServiceConfigBuilder builder,
                                Function<Setting, String> nameInSource) {
        if (given.containsKey(DROP_AT) && given.containsKey(DROP_IN)) {
            throw new ConfigException(DROP_AT.key(), given.get(DROP_AT), "give " + nameInSource.apply(DROP_AT) + " or "
                    + nameInSource.apply(DROP_IN) + ", not both");
        }
        for (Setting s : ALL) {
            if (given.containsKey(s)) {
                s.apply().accept(builder, given.get(s));
            }
        }
    }

    private static Setting text(String key, String flag, String label, String description,
                                BiConsumer<ServiceConfigBuilder, String> apply) {
        return new Setting(key, flag, label, Kind.TEXT, description, null, (b, v) -> apply.accept(b, (String) v));
    }

    private static Setting whole(String key, String flag, String label, String description,
                                 BiConsumer<ServiceConfigBuilder, Integer> apply) {
        return new Setting(key, flag, label, Kind.WHOLE, description, null, (b, v) -> apply.accept(b, (Integer) v));
    }

    private static Setting number(String key, String flag, String label, String description,
                                  BiConsumer<ServiceConfigBuilder, Double> apply) {
        return new Setting(key, flag, label, Kind.NUMBER, description, null, (b, v) -> apply.accept(b, (Double) v));
    }

    private static Setting onOff(String key, String flag, String description,
                                 BiConsumer<ServiceConfigBuilder, Boolean> apply) {
        return new Setting(key, flag, null, Kind.SWITCH, description, null, (b, v) -> apply.accept(b, (Boolean) v));
    }
}
