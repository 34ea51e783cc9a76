package io.dropnight.simulations.params;

import io.dropnight.core.Durations;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Everything a rehearsal can be told, read from system properties in this one place and validated
 * before any load is sent. Each rule violation is a {@link ParameterException} whose one-line
 * message names the property, the value and the rule. Immutable and thread-safe.
 *
 * @param night          which night to rehearse ({@code -Dnight})
 * @param scale          audience ratio to the calibrated night, also passed to the service as its
 *                       capacity scale so that the ratio load/capacity is kept ({@code -Dscale})
 * @param compression    the night's timeline is divided by this; human pauses are not ({@code -Dcompression})
 * @param dropOffset     time from the first injection to the drop; empty: the night's own default
 * @param refreshPolicy  what a viewer does on the error page ({@code -Drefresh=refresh|backoff})
 * @param maxRefreshes   refreshes a viewer tries before giving up ({@code -DmaxRefreshes})
 * @param slo            SLO thresholds ({@code -Dslo.*})
 * @param enforceSlos    register the SLOs as Gatling assertions, so that a breach fails the build
 *                       ({@code -Dslo.enforce}; default false: the default night is the incident and
 *                       breaks its SLOs by design, so they are reported, not enforced)
 * @param target         a real service to point at; empty: start the embedded service
 * @param service        flags passed to the embedded service (ignored with a target)
 * @param reportsDir     where run folders are written ({@code -DreportsDir}, default {@code reports})
 * @param gatlingResults where Gatling writes its reports, to copy the run's into the run folder
 *                       ({@code -DgatlingResults}, default {@code ${buildDir}/gatling} as the Maven
 *                       plugin uses, {@code buildDir} defaulting to {@code target})
 */
public record NightParameters(Night night, double scale, double compression, Optional<Duration> dropOffset,
                              RefreshPolicy refreshPolicy, int maxRefreshes, SloThresholds slo,
                              boolean enforceSlos, Optional<URI> target, ServiceFlags service,
                              Path reportsDir, Path gatlingResults) {

    public static final String NIGHT = "night";
    public static final String SCALE = "scale";
    public static final String COMPRESSION = "compression";
    public static final String DROP_OFFSET = "dropOffset";
    public static final String REFRESH = "refresh";
    public static final String MAX_REFRESHES = "maxRefreshes";
    public static final String ENFORCE_SLOS = "slo.enforce";
    public static final String TARGET = "target";
    public static final String REPORTS_DIR = "reportsDir";
    public static final String GATLING_RESULTS = "gatlingResults";
    /** How many injectors share the night (issue 11); read by {@link #shardFromProperties}. */
    public static final String INJECTORS = "injectors";
    /** Which launcher started this JVM: see {@link #launchedByDropnight}. */
    public static final String LAUNCHER = "dropnight.launcher";
    /** The value Dropnight's own launchers give {@link #LAUNCHER}. */
    public static final String OWN_LAUNCHER = "dropnight";
    /** This injector's 0-based index among {@link #INJECTORS}. */
    public static final String INJECTOR = "injector";
    /** The target profile file (issue 8); absent: the built-in {@code dropnight} profile. */
    public static final String PROFILE = "profile";
    /** {@code -Dpreflight=false} skips the one-viewer walk before the night against a target. */
    public static final String PREFLIGHT = "preflight";
    /** The drop instant to aim the surge at, for a target whose profile saves no {@code dropAt}. */
    public static final String DROP_AT = "dropAt";
    /** Test-only: a deliberate exception inside every viewer's journey ({@link #injectorFaultFromProperties}). */
    public static final String INJECTOR_FAULT = "test.injectorFault";
    /** Test-only: the embedded service stalled at the drop ({@link #serviceStallFromProperties}). */
    public static final String SERVICE_STALL = "test.serviceStall";
    /** The planner's {@code -Dplan} (scripts/plan.sh), which a night refuses: see {@link #refusePlan}. */
    public static final String PLAN = "plan";


    public NightParameters {
        Values.notNull(NIGHT, night);
        Values.between(SCALE, scale, 0.001, 100);
        Values.between(COMPRESSION, compression, 1, 1000);
        Values.notNull(DROP_OFFSET, dropOffset);
        dropOffset.ifPresent(d -> {
            if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new ParameterException(DROP_OFFSET, Durations.format(d), "must be from 1s to 1h");
            }
        });
        Values.notNull(REFRESH, refreshPolicy);
        if (maxRefreshes < 0 || maxRefreshes > 50) {
            throw new ParameterException(MAX_REFRESHES, maxRefreshes, "must be a whole number from 0 to 50");
        }
        Values.notNull("slo", slo);
        Values.notNull(TARGET, target);
        Values.notNull("service", service);
        Values.notNull(REPORTS_DIR, reportsDir);
        Values.notNull(GATLING_RESULTS, gatlingResults);
    }

    /** The defaults: the finale drop at scale 0.5, compression 20, viewers who refresh up to 5 times. */
    public static NightParameters defaults() {
        return fromProperties(new Properties());
    }

    /** {@code -Drehearsal}: the rehearsal's size in viewers, from which the scale is derived (issue 23). */
    public static final String REHEARSAL = "rehearsal";

    /**
     * {@code -Drehearsal=N}: how many viewers the rehearsal plans; empty when not given. The scale
     * is then derived from the night's own size; with {@code -Dscale} beside it, refused.
     *
     * @throws ParameterException when it is not a whole number from 1 to 100,000,000, or {@code -Dscale} is given too
     */
    public static java.util.OptionalLong rehearsalFromProperties(Properties props) {
        String text = props.getProperty(REHEARSAL);
        if (text == null || text.isBlank()) {
            return java.util.OptionalLong.empty();
        }
        long viewers = Values.whole(REHEARSAL, text.trim());
        if (viewers < 1 || viewers > 100_000_000) {
            throw new ParameterException(REHEARSAL, text, "must be a whole number of viewers from 1 to 100,000,000");
        }
        String scale = props.getProperty(SCALE);
        if (scale != null && !scale.isBlank()) {
            throw new ParameterException(REHEARSAL, text, "the rehearsal's size is said once: -Drehearsal (viewers) or -Dscale, not both");
        }
        return java.util.OptionalLong.of(viewers);
    }

    /** Reads and validates {@link System#getProperties()}. */
    public static NightParameters fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    /**
     * Reads and validates the given properties; absent properties take their defaults.
     *
     * @throws ParameterException on the first property that breaks its rule
     */
    public static NightParameters fromProperties(Properties props) {
        UnaryOperator<String> get = key -> {
            String v = props.getProperty(key);
            return v == null || v.isBlank() ? null : v.trim();
        };
        return new NightParameters(
                Night.parse(NIGHT, Values.orElse(get.apply(NIGHT), Night.FINALE_DROP.label())),
                Values.number(SCALE, Values.orElse(get.apply(SCALE), "0.5")),
                Values.number(COMPRESSION, Values.orElse(get.apply(COMPRESSION), "20")),
                Optional.ofNullable(get.apply(DROP_OFFSET)).map(t -> Values.duration(DROP_OFFSET, t)),
                RefreshPolicy.parse(REFRESH, Values.orElse(get.apply(REFRESH), "refresh")),
                (int) Values.whole(MAX_REFRESHES, Values.orElse(get.apply(MAX_REFRESHES), "5")),
                SloThresholds.fromProperties(get),
                Values.bool(ENFORCE_SLOS, Values.orElse(get.apply(ENFORCE_SLOS), "false")),
                Optional.ofNullable(get.apply(TARGET)).map(t -> Values.url(TARGET, t)),
                ServiceFlags.fromProperties(get),
                Path.of(Values.orElse(get.apply(REPORTS_DIR), "reports")),
                Path.of(Values.orElse(get.apply(GATLING_RESULTS), Values.orElse(get.apply("buildDir"), "target") + "/gatling")));
    }

    /**
     * {@code -Ddropnight.launcher=dropnight}: set by Dropnight's own launchers (the pom's Gatling
     * runs, the planner's probes, the injector image, the tests' Gatling JVMs). There a refused
     * night exits the JVM with its status (Gatling's launcher would print the exception twice, with
     * its stack), an embedded service may be started, and a shutdown hook copies Gatling's report
     * into the run folder. Any other host (an orchestrator such as Gatling Enterprise) gets the
     * exception, must give {@code -Dtarget}, and no shutdown hook is registered.
     */
    public static boolean launchedByDropnight(Properties props) {
        return OWN_LAUNCHER.equals(Values.blankToNull(props.getProperty(LAUNCHER)));
    }

    /** Reads and validates {@code -Dinjectors} and {@code -Dinjector} from {@link System#getProperties()}. */
    public static Shard shardFromSystemProperties() {
        return shardFromProperties(System.getProperties());
    }

    /**
     * This injector's share of the night: {@code -Dinjectors=N -Dinjector=i}, both absent for the
     * whole night. A sharded night needs {@code -Dtarget}: every injector must load the same
     * service (an embedded one per injector would be N services, each seeing 1/N of the night).
     *
     * @throws ParameterException naming the property, the value and the rule
     */
    public static Shard shardFromProperties(Properties props) {
        String injectors = Values.blankToNull(props.getProperty(INJECTORS));
        String injector = Values.blankToNull(props.getProperty(INJECTOR));
        if (injectors == null) {
            if (injector != null) {
                throw new ParameterException(INJECTOR, injector, "needs -Dinjectors, how many injectors share the night");
            }
            return Shard.WHOLE;
        }
        int count = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Values.whole(INJECTORS, injectors)));
        if (count > 1 && injector == null) {
            throw new ParameterException(INJECTOR, "(absent)", "is required when injectors = " + count
                    + ": this injector's 0-based index, such as $JOB_COMPLETION_INDEX");
        }
        if (count > 1 && Values.blankToNull(props.getProperty(TARGET)) == null) {
            throw new ParameterException(INJECTORS, count,
                    "a sharded night needs -Dtarget, the one service every injector loads");
        }
        int index = injector == null ? 0
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Values.whole(INJECTOR, injector)));
        return new Shard(index, count);
    }

    /**
     * A night started with {@code -Dplan} (any value but blank) is refused: a plan is a sequence of
     * nights that only {@code scripts/plan.sh} runs, and {@code mvn gatling:test} would otherwise run
     * one ordinary night and ignore the flag. Not part of {@link #fromProperties}: the planner reads
     * its night flags with that, {@code -Dplan} set; its probes are never given {@code -Dplan}.
     *
     * @throws ParameterException when {@code -Dplan} is set
     */
    public static void refusePlan(Properties props) {
        String plan = Values.blankToNull(props.getProperty(PLAN));
        if (plan != null) {
            String mode = plan.toLowerCase(Locale.ROOT);
            throw new ParameterException(PLAN, plan, "a plan is a sequence of nights, run by scripts/plan.sh -Dplan="
                    + (mode.equals("capacity") || mode.equals("breakpoint") ? mode : "capacity|breakpoint")
                    + " (mvn gatling:test runs one night)");
        }
    }







    /**
     * These parameters as the properties {@link #fromProperties} reads back to an equal value
     * (every value written out, defaults included): how a probe or another JVM is told this night.
     */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(NIGHT, night.property());
        p.put(SCALE, Double.toString(scale));
        p.put(COMPRESSION, Double.toString(compression));
        dropOffset.ifPresent(d -> p.put(DROP_OFFSET, Durations.format(d)));
        p.put(REFRESH, refreshPolicy.label());
        p.put(MAX_REFRESHES, Integer.toString(maxRefreshes));
        slo.putInto(p);
        p.put(ENFORCE_SLOS, Boolean.toString(enforceSlos));
        target.ifPresent(t -> p.put(TARGET, t.toString()));
        service.putInto(p);
        p.put(REPORTS_DIR, reportsDir.toString());
        p.put(GATLING_RESULTS, gatlingResults.toString());
        return p;
    }

    /** The same night held to other SLOs. */
    public NightParameters withSlo(SloThresholds value) {
        return new NightParameters(night, scale, compression, dropOffset, refreshPolicy, maxRefreshes, value,
                enforceSlos, target, service, reportsDir, gatlingResults);
    }

    /** The same night at another rehearsal scale. */
    public NightParameters withScale(double value) {
        return new NightParameters(night, value, compression, dropOffset, refreshPolicy, maxRefreshes, slo,
                enforceSlos, target, service, reportsDir, gatlingResults);
    }

    /** The same night with the embedded service's full-size slots and queue bound set. */
    public NightParameters withCapacity(int slots, int queueLimit) {
        return new NightParameters(night, scale, compression, dropOffset, refreshPolicy, maxRefreshes, slo,
                enforceSlos, target, service.withCapacity(slots, queueLimit), reportsDir, gatlingResults);
    }

    /** The same night with the embedded service under another overload policy (validated as -Dpolicy). */
    public NightParameters withPolicy(String policy) {
        return new NightParameters(night, scale, compression, dropOffset, refreshPolicy, maxRefreshes, slo,
                enforceSlos, target, service.withPolicy(policy), reportsDir, gatlingResults);
    }

    /** The same night writing its run folder and Gatling's results elsewhere. */
    public NightParameters withFolders(Path reports, Path results) {
        return new NightParameters(night, scale, compression, dropOffset, refreshPolicy, maxRefreshes, slo,
                enforceSlos, target, service, reports, results);
    }

    /** The same night with its SLOs enforced as Gatling assertions, or only reported. */
    public NightParameters withEnforcedSlos(boolean value) {
        return new NightParameters(night, scale, compression, dropOffset, refreshPolicy, maxRefreshes, slo,
                value, target, service, reportsDir, gatlingResults);
    }

    /** The drop offset, or the night's default when none was given. */
    public Duration dropOffsetOr(Duration nightDefault) {
        return dropOffset.orElse(nightDefault);
    }

    /** A night's real-time duration after compression, never below one millisecond. */
    public Duration compressed(Duration real) {
        return Duration.ofMillis(Math.max(1, Math.round(real.toMillis() / compression)));
    }

    /** A calibrated user count after scaling, at least one. */
    public int users(int calibrated) {
        return (int) Math.max(1, Math.round(calibrated * scale));
    }

    /** The same night with its drop {@code value} after the first injection (validated as -DdropOffset). */
    public NightParameters withDropOffset(Duration value) {
        return new NightParameters(night, scale, compression, Optional.of(value), refreshPolicy, maxRefreshes, slo,
                enforceSlos, target, service, reportsDir, gatlingResults);
    }

    public NightParameters withNight(Night value) {
        return new NightParameters(value, scale, compression, dropOffset, refreshPolicy, maxRefreshes, slo,
                enforceSlos, target, service, reportsDir, gatlingResults);
    }
}
