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
 */
public record NightInvocation(NightParameters night, InjectorBounds bounds, Optional<Path> profile, boolean preflight,
                              Optional<Instant> dropAt, boolean injectorFault, Optional<Duration> serviceStall,
                              Map<String, String> gatling) {
    private static final String GATLING_PREFIX = "gatling.";

    public NightInvocation {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(dropAt, "dropAt");
        Objects.requireNonNull(serviceStall, "serviceStall");
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
                NightParameters.profileFromProperties(props), NightParameters.preflightFromProperties(props),
                NightParameters.dropAtFromProperties(props), NightParameters.injectorFaultFromProperties(props),
                NightParameters.serviceStallFromProperties(props), gatling);
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
        return p;
    }

    /** As {@link #toProperties}, in a {@link Properties}. */
    public Properties asProperties() {
        Properties p = new Properties();
        toProperties().forEach(p::setProperty);
        return p;
    }

    public NightInvocation with(NightParameters value) {
        return new NightInvocation(value, bounds, profile, preflight, dropAt, injectorFault, serviceStall, gatling);
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
}
