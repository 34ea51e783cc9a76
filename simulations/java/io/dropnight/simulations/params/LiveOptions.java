package io.dropnight.simulations.params;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * How a night is watched while it runs: {@code -Dmetrics.port} (the injector's live metrics in
 * Prometheus' format and its live page; absent: off, {@code 0}: a free port, printed),
 * {@code -Dmetrics.host} (the address they are bound to, loopback unless told) and
 * {@code -Dslo.abortOnFail} (stop the night once an SLO can no longer pass). Immutable.
 *
 * @param metricsPort the port to serve on, 0 for a free one; empty when off
 * @param metricsHost the address to bind
 * @param abortOnFail whether a night whose SLO is lost stops there
 */
public record LiveOptions(OptionalInt metricsPort, String metricsHost, boolean abortOnFail) {
    public static final String METRICS_PORT = "metrics.port";
    public static final String METRICS_HOST = "metrics.host";
    public static final String ABORT_ON_FAIL = "slo.abortOnFail";
    /** Loopback: a night's figures are not published beyond the machine unless asked. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Off: no metrics served, the night runs to its end. */
    public static final LiveOptions OFF = new LiveOptions(OptionalInt.empty(), LOOPBACK, false);

    public LiveOptions {
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(metricsHost, "metricsHost");
        if (metricsPort.isPresent() && (metricsPort.getAsInt() < 0 || metricsPort.getAsInt() > 65_535)) {
            throw new ParameterException(METRICS_PORT, metricsPort.getAsInt(), "must be a port from 0 (a free one) to 65535");
        }
        if (metricsHost.isBlank()) {
            throw new ParameterException(METRICS_HOST, "''", "must name an address to bind, such as 127.0.0.1");
        }
    }

    /** Reads the three properties, one line naming the property, the value and the rule on a bad one. */
    public static LiveOptions fromProperties(Properties props) {
        String portText = Values.blankToNull(props.getProperty(METRICS_PORT));
        OptionalInt port = OptionalInt.empty();
        if (portText != null) {
            long p;
            try {
                p = Long.parseLong(portText.trim());
            } catch (NumberFormatException e) {
                throw new ParameterException(METRICS_PORT, portText, "must be a port from 0 (a free one) to 65535");
            }
            if (p < 0 || p > 65_535) {
                throw new ParameterException(METRICS_PORT, portText, "must be a port from 0 (a free one) to 65535");
            }
            port = OptionalInt.of((int) p);
        }
        String host = Values.orElse(Values.blankToNull(props.getProperty(METRICS_HOST)), LOOPBACK);
        boolean abort = Values.bool(ABORT_ON_FAIL, Values.orElse(Values.blankToNull(props.getProperty(ABORT_ON_FAIL)), "false"));
        return new LiveOptions(port, host.trim(), abort);
    }

    /** As properties that {@link #fromProperties} reads back to equal options. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        metricsPort.ifPresent(port -> p.put(METRICS_PORT, Integer.toString(port)));
        p.put(METRICS_HOST, metricsHost);
        p.put(ABORT_ON_FAIL, Boolean.toString(abortOnFail));
        return p;
    }

    /** Whether the live metrics are served. */
    public boolean served() {
        return metricsPort.isPresent();
    }
}
