package io.dropnight.simulations.params;

import io.dropnight.core.Durations;
import java.util.LinkedHashMap;
import java.util.Map;

import java.time.Duration;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The bounds past which the load generator itself, not the service, was the limit of a night; a
 * night that passes one is inconclusive. Read from {@code -Dinjector.*} in this one place.
 * Immutable and thread-safe.
 *
 * @param fdPercent         open file descriptors above this share of the process's limit, percent
 *                          ({@code -Dinjector.fdPercent}, default 90)
 * @param cpuPercent        process CPU at or above this share of all cores, percent ({@code -Dinjector.cpuPercent}, default 95)...
 * @param cpuSeconds        ...for this many consecutive seconds ({@code -Dinjector.cpuSeconds}, default 3)
 * @param gcMillisPerSecond more GC time than this in one second, ms ({@code -Dinjector.gcMsPerSecond}, default 250)
 * @param lagPercent        started viewers behind the plan by more than this share of the planned arrivals,
 *                          percent ({@code -Dinjector.lagPercent}, default 1)...
 * @param lagGrace          ...compared with the plan this long ago ({@code -Dinjector.lagGrace}, default 1s):
 *                          a viewer started up to this late is on time...
 * @param lagSeconds        ...for this many consecutive seconds ({@code -Dinjector.lagSeconds}, default 3): a
 *                          one-second hiccup of a shared machine is not a saturated injector
 * @param serviceGapFactor  with the embedded service: a client p99 of an endpoint's ok answers above this many
 *                          times the service's own p99 ({@code -Dinjector.serviceGapFactor}, default 3)...
 * @param serviceGapMs      ...plus this many ms ({@code -Dinjector.serviceGapMs}, default 100): the time was
 *                          spent in the injector or the machine, not the service
 *                          ({@link io.dropnight.simulations.watch.ServiceAgreement})
 * @param fdErrorsPerSecond more requests failed for lack of a file descriptor (EMFILE, ENFILE) than this in one
 *                          second ({@code -Dinjector.fdErrorsPerSecond}, default 0: any one)
 * @param portErrorsPerSecond more requests failed for lack of an ephemeral port (EADDRNOTAVAIL, a local bind
 *                          refused) than this in one second ({@code -Dinjector.portErrorsPerSecond}, default 0: any one)
 * @param connectFailuresPerSecond more connects timed out or unreachable than this in one second, within
 *                          {@code connectWindow} of a second in which the injector itself was past its CPU, one
 *                          thread's CPU, GC or open-files figure ({@code -Dinjector.connectFailuresPerSecond},
 *                          default 0); refused connects never count: they are the target's
 * @param connectWindow     ...that second this long before at most ({@code -Dinjector.connectWindow}, default 10s,
 *                          Gatling's default connect timeout: a connect that timed out began that long before)
 * @param serviceStallMs    with the embedded service: one of its loops ran later than this, ms, during the night
 *                          ({@code -Dinjector.serviceStallMs}, default 1000): the host stalled it
 *                          ({@link io.dropnight.simulations.watch.ServiceStall})
 */
public record InjectorBounds(double fdPercent, double cpuPercent, int cpuSeconds, long gcMillisPerSecond,
                             double lagPercent, Duration lagGrace, int lagSeconds, double serviceGapFactor,
                             long serviceGapMs, long fdErrorsPerSecond, long portErrorsPerSecond,
                             long connectFailuresPerSecond, Duration connectWindow, long serviceStallMs) {
    public static final String FD_PERCENT = "injector.fdPercent";
    public static final String CPU_PERCENT = "injector.cpuPercent";
    public static final String CPU_SECONDS = "injector.cpuSeconds";
    public static final String GC_MS_PER_SECOND = "injector.gcMsPerSecond";
    public static final String LAG_PERCENT = "injector.lagPercent";
    public static final String LAG_GRACE = "injector.lagGrace";
    public static final String LAG_SECONDS = "injector.lagSeconds";
    public static final String SERVICE_GAP_FACTOR = "injector.serviceGapFactor";
    public static final String SERVICE_GAP_MS = "injector.serviceGapMs";
    public static final String FD_ERRORS_PER_SECOND = "injector.fdErrorsPerSecond";
    public static final String PORT_ERRORS_PER_SECOND = "injector.portErrorsPerSecond";
    public static final String CONNECT_FAILURES_PER_SECOND = "injector.connectFailuresPerSecond";
    public static final String CONNECT_WINDOW = "injector.connectWindow";
    public static final String SERVICE_STALL_MS = "injector.serviceStallMs";
    private static final long MAX_ERRORS_PER_SECOND = 1_000_000;

    public InjectorBounds {
        Values.between(FD_PERCENT, fdPercent, 1, 100);
        Values.between(CPU_PERCENT, cpuPercent, 0, 100);
        if (cpuSeconds < 1 || cpuSeconds > 600) {
            throw new ParameterException(CPU_SECONDS, cpuSeconds, "must be a whole number from 1 to 600");
        }
        if (gcMillisPerSecond < 0 || gcMillisPerSecond > 1000) {
            throw new ParameterException(GC_MS_PER_SECOND, gcMillisPerSecond, "must be a whole number from 0 to 1000");
        }
        Values.between(LAG_PERCENT, lagPercent, 0, 100);
        Values.notNull(LAG_GRACE, lagGrace);
        if (lagGrace.isNegative() || lagGrace.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ParameterException(LAG_GRACE, lagGrace, "must be from 0s to 10m");
        }
        if (lagSeconds < 1 || lagSeconds > 600) {
            throw new ParameterException(LAG_SECONDS, lagSeconds, "must be a whole number from 1 to 600");
        }
        Values.between(SERVICE_GAP_FACTOR, serviceGapFactor, 1, 1000);
        if (serviceGapMs < 0 || serviceGapMs > 600_000) {
            throw new ParameterException(SERVICE_GAP_MS, serviceGapMs, "must be a whole number of ms from 0 to 600000");
        }
        perSecond(FD_ERRORS_PER_SECOND, fdErrorsPerSecond);
        perSecond(PORT_ERRORS_PER_SECOND, portErrorsPerSecond);
        perSecond(CONNECT_FAILURES_PER_SECOND, connectFailuresPerSecond);
        Values.notNull(CONNECT_WINDOW, connectWindow);
        if (connectWindow.isNegative() || connectWindow.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ParameterException(CONNECT_WINDOW, connectWindow, "must be from 0s to 10m");
        }
        if (serviceStallMs < 1 || serviceStallMs > 600_000) {
            throw new ParameterException(SERVICE_STALL_MS, serviceStallMs, "must be a whole number of ms from 1 to 600000");
        }
    }

    /** These bounds as the properties {@link #fromProperties} reads back to an equal value. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(FD_PERCENT, Double.toString(fdPercent));
        p.put(CPU_PERCENT, Double.toString(cpuPercent));
        p.put(CPU_SECONDS, Integer.toString(cpuSeconds));
        p.put(GC_MS_PER_SECOND, Long.toString(gcMillisPerSecond));
        p.put(LAG_PERCENT, Double.toString(lagPercent));
        p.put(LAG_GRACE, Durations.format(lagGrace));
        p.put(LAG_SECONDS, Integer.toString(lagSeconds));
        p.put(SERVICE_GAP_FACTOR, Double.toString(serviceGapFactor));
        p.put(SERVICE_GAP_MS, Long.toString(serviceGapMs));
        p.put(FD_ERRORS_PER_SECOND, Long.toString(fdErrorsPerSecond));
        p.put(PORT_ERRORS_PER_SECOND, Long.toString(portErrorsPerSecond));
        p.put(CONNECT_FAILURES_PER_SECOND, Long.toString(connectFailuresPerSecond));
        p.put(CONNECT_WINDOW, Durations.format(connectWindow));
        p.put(SERVICE_STALL_MS, Long.toString(serviceStallMs));
        return p;
    }

    private static void perSecond(String name, long value) {
        if (value < 0 || value > MAX_ERRORS_PER_SECOND) {
            throw new ParameterException(name, value, "must be a whole number from 0 to " + MAX_ERRORS_PER_SECOND);
        }
    }

    /**
     * The stated defaults: fds 90 %, CPU 95 % for 3 s, GC 250 ms/s, injection lag 1 % of arrivals after 1 s, for 3 s;
     * a client p99 above 3 times the service's plus 100 ms; any request failed for lack of a descriptor or an
     * ephemeral port; any connect timed out or unreachable within 10 s of a second the injector was past a figure of
     * its own.
     */
    public static InjectorBounds defaults() {
        return fromProperties(new Properties());
    }

    /** @throws ParameterException naming the property, the value and the rule */
    public static InjectorBounds fromProperties(Properties props) {
        UnaryOperator<String> get = key -> {
            String v = props.getProperty(key);
            return v == null || v.isBlank() ? null : v.trim();
        };
        return new InjectorBounds(
                Values.number(FD_PERCENT, Values.orElse(get.apply(FD_PERCENT), "90")),
                Values.number(CPU_PERCENT, Values.orElse(get.apply(CPU_PERCENT), "95")),
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        Values.whole(CPU_SECONDS, Values.orElse(get.apply(CPU_SECONDS), "3")))),
                Values.whole(GC_MS_PER_SECOND, Values.orElse(get.apply(GC_MS_PER_SECOND), "250")),
                Values.number(LAG_PERCENT, Values.orElse(get.apply(LAG_PERCENT), "1")),
                Values.duration(LAG_GRACE, Values.orElse(get.apply(LAG_GRACE), "1s")),
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        Values.whole(LAG_SECONDS, Values.orElse(get.apply(LAG_SECONDS), "3")))),
                Values.number(SERVICE_GAP_FACTOR, Values.orElse(get.apply(SERVICE_GAP_FACTOR), "3")),
                Values.whole(SERVICE_GAP_MS, Values.orElse(get.apply(SERVICE_GAP_MS), "100")),
                Values.whole(FD_ERRORS_PER_SECOND, Values.orElse(get.apply(FD_ERRORS_PER_SECOND), "0")),
                Values.whole(PORT_ERRORS_PER_SECOND, Values.orElse(get.apply(PORT_ERRORS_PER_SECOND), "0")),
                Values.whole(CONNECT_FAILURES_PER_SECOND,
                        Values.orElse(get.apply(CONNECT_FAILURES_PER_SECOND), "0")),
                Values.duration(CONNECT_WINDOW, Values.orElse(get.apply(CONNECT_WINDOW), "10s")),
                Values.whole(SERVICE_STALL_MS, Values.orElse(get.apply(SERVICE_STALL_MS), "1000")));
    }
}
