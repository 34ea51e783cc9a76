package io.dropnight.simulations.params;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything one night is told, read from its {@code -D} properties in one place and written back
 * the same way: {@link #fromProperties} then {@link #toProperties} gives properties that read back
 * to an equal invocation, so that another JVM (a capacity plan's probe) is told this night, changed
 * where it must be, with {@code invocation.withCapacity(slots, queue).toProperties()} and nothing
 * else: no list of what not to pass on. Immutable.
 *
 * @param night         the night's parameters
 * @param bounds        the injector's bounds ({@code -Dinjector.*})
 * @param profile       {@code -Dprofile}
 * @param preflight     {@code -Dpreflight}
 * @param dropAt        {@code -DdropAt}
 * @param injectorFault {@code -Dtest.injectorFault}, for tests
 * @param serviceStall  {@code -Dtest.serviceStall}, for tests
 * @param gatling       Gatling's own settings given as {@code -Dgatling.*}, passed on as given
 * @param live          {@code -Dmetrics.port}, {@code -Dmetrics.host}, {@code -Dslo.abortOnFail}
 * @param reservationsDb {@code -Dreservations.database}: an external target's reservations database, read after a cinema
 *                       rush to check its promises (the embedded service's is known); empty when not given
 */
public record NightInvocation(NightParameters night, InjectorBounds bounds, Optional<Path> profile, boolean preflight,
                              Optional<Instant> dropAt, boolean injectorFault, Optional<Duration> serviceStall,
                              Map<String, String> gatling, LiveOptions live, Optional<Path> reservationsDb) {
    /** {@code -Dreservations.database}: the database a cinema rush's promises are checked against, for an external target. */
    public static final String RESERVATIONS_DB = "reservations.database";
    private static final String GATLING_PREFIX = "gatling.";

    public NightInvocation {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(dropAt, "dropAt");
        Objects.requireNonNull(serviceStall, "serviceStall");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(reservationsDb, "reservationsDb");
        gatling = Map.copyOf(gatling);
    }

    /**
     * Reads and validates every property a night reads.
     *
     * @throws ParameterException naming the property, the value and the rule
     */
    public static NightInvocation fromProperties(Properties props) {
        Map<String, String> gatling = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(GATLING_PREFIX)) {
                gatling.put(key, props.getProperty(key));
            }
        }
        return new NightInvocation(NightParameters.fromProperties(props), InjectorBounds.fromProperties(props),
                profileFromProperties(props), preflightFromProperties(props),
                dropAtFromProperties(props), injectorFaultFromProperties(props),
                serviceStallFromProperties(props), gatling, LiveOptions.fromProperties(props), reservationsDbFromProperties(props));
    }

    /** As properties that {@link #fromProperties} reads back to an equal invocation; every value written out. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>(night.toProperties());
        p.putAll(bounds.toProperties());
        profile.ifPresent(f -> p.put(NightParameters.PROFILE, f.toString()));
        p.put(NightParameters.PREFLIGHT, Boolean.toString(preflight));
        dropAt.ifPresent(d -> p.put(NightParameters.DROP_AT, d.toString()));
        p.put(NightParameters.INJECTOR_FAULT, Boolean.toString(injectorFault));
        serviceStall.ifPresent(d -> p.put(NightParameters.SERVICE_STALL, io.dropnight.core.Durations.format(d)));
        p.putAll(gatling);
        p.putAll(live.toProperties());
        reservationsDb.ifPresent(d -> p.put(RESERVATIONS_DB, d.toString()));
        return p;
    }

    /** As {@link #toProperties}, in a {@link Properties}. */
    public Properties asProperties() {
        Properties p = new Properties();
        toProperties().forEach(p::setProperty);
        return p;
    }

    public NightInvocation with(NightParameters value) {
        return new NightInvocation(value, bounds, profile, preflight, dropAt, injectorFault, serviceStall, gatling, live, reservationsDb);
    }

    /** The same night watched otherwise (a capacity plan's probe stops when its SLO is lost, serves no metrics). */
    public NightInvocation with(LiveOptions value) {
        return new NightInvocation(night, bounds, profile, preflight, dropAt, injectorFault, serviceStall, gatling, value, reservationsDb);
    }

    /** The embedded service's full-size slots and queue bound. */
    public NightInvocation withCapacity(int slots, int queueLimit) {
        return with(night.withCapacity(slots, queueLimit));
    }

    public NightInvocation withScale(double scale) {
        return with(night.withScale(scale));
    }

    public NightInvocation withPolicy(String policy) {
        return with(night.withPolicy(policy));
    }

    public NightInvocation withEnforcedSlos(boolean enforced) {
        return with(night.withEnforcedSlos(enforced));
    }

    /** Where the run folder and Gatling's results go. */
    public NightInvocation withFolders(Path reportsDir, Path gatlingResults) {
        return with(night.withFolders(reportsDir, gatlingResults));
    }

    /**
     * {@code -Dreservations.database}: a path to an existing file (the external service's database), or empty.
     *
     * @throws ParameterException when it names no file
     */
    static Optional<Path> reservationsDbFromProperties(Properties props) {
        String text = Values.blankToNull(props.getProperty(RESERVATIONS_DB));
        if (text == null) {
            return Optional.empty();
        }
        Path db = Path.of(text.trim());
        if (!java.nio.file.Files.isRegularFile(db)) {
            throw new ParameterException(RESERVATIONS_DB, text, "must be the reservations database file of the service under"
                    + " test (serve --reservations-db); it does not exist");
        }
        return Optional.of(db);
    }

    /** {@code -Dprofile}: the target profile file, empty for the built-in one. */
    static Optional<Path> profileFromProperties(Properties props) {
        return Optional.ofNullable(Values.blankToNull(props.getProperty(NightParameters.PROFILE))).map(Path::of);
    }

    /** {@code -Dpreflight} (default true): whether one viewer walks the journey before a night against a target. */
    static boolean preflightFromProperties(Properties props) {
        return Values.bool(NightParameters.PREFLIGHT, Values.orElse(Values.blankToNull(props.getProperty(NightParameters.PREFLIGHT)), "true"));
    }

    /**
     * {@code -Dtest.injectorFault} (default false), for tests only: every viewer's episode choice
     * throws, as a harness bug would, to prove that the night then ends INCONCLUSIVE naming the
     * injector error, never FAIL on the service.
     */
    static boolean injectorFaultFromProperties(Properties props) {
        return Values.bool(NightParameters.INJECTOR_FAULT, Values.orElse(Values.blankToNull(props.getProperty(NightParameters.INJECTOR_FAULT)), "false"));
    }

    /**
     * {@code -Dtest.serviceStall} (default none), for tests only: the embedded service's loops are
     * blocked this long at the drop (its admin's stall fault), as a stalled host would block them,
     * to prove that the night then ends INCONCLUSIVE naming the stall.
     */
    static Optional<Duration> serviceStallFromProperties(Properties props) {
        String text = Values.blankToNull(props.getProperty(NightParameters.SERVICE_STALL));
        if (text == null) {
            return Optional.empty();
        }
        Duration d = Values.duration(NightParameters.SERVICE_STALL, text);
        if (d.toMillis() < 1 || d.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new ParameterException(NightParameters.SERVICE_STALL, text, "must be from 1ms to 10s");
        }
        return Optional.of(d);
    }

    /** {@code -DdropAt}: an ISO-8601 instant such as {@code 2026-12-31T02:00:00Z}, or empty. */
    static Optional<java.time.Instant> dropAtFromProperties(Properties props) {
        String text = Values.blankToNull(props.getProperty(NightParameters.DROP_AT));
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            throw new ParameterException(NightParameters.DROP_AT, text, "must be an ISO-8601 instant such as 2026-12-31T02:00:00Z");
        }
    }
}
