package io.dropnight.simulations.watch;

import io.dropnight.report.IntervalLog;
import io.dropnight.report.ReportInputException;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the client and the embedded service saw the same night. Both sides record every answered
 * request as {@code <night>/<endpoint>/<outcome>} (client.hlog, server.hlog); the service times a
 * request from its first byte to its last, the client from sending to the answer. On loopback the
 * difference is the injector's and the machine's: when, for an endpoint, the client's p99 of
 * {@code ok} answers exceeds {@code factor} × the service's p99 plus {@code margin}, the time was
 * lost before the service read the request or after it answered, and the client's figures measured
 * the load generator (or a machine too busy to hold both), not the service. This is the one check
 * that sees an injector too busy to read its answers on time while its CPU, GC and injection lag
 * stay within their bounds. Only where the service's own log exists (the embedded service).
 * Stateless.
 */
public final class ServiceAgreement {
    /** Tags with fewer answers than this on either side are not compared (a p99 of a handful is noise). */
    public static final long MIN_ANSWERS = 200;

    private ServiceAgreement() {
    }

    /**
     * @param clientLog client.hlog of the run, complete
     * @param serverLog server.hlog of the run, complete (the service stopped)
     * @param night     the night's label, the tags' first part
     * @param factor    the client's p99 may be this many times the service's...
     * @param marginMs  ...plus this many milliseconds
     * @return one sentence naming the endpoint, both figures and the bound when the worst endpoint
     *         passed it; empty when they agree, or when either log is missing or unreadable
     */
    public static Optional<String> check(Path clientLog, Path serverLog, String night, double factor, long marginMs) {
        if (!Files.isRegularFile(clientLog) || !Files.isRegularFile(serverLog)) {
            return Optional.empty();
        }
        Map<String, Histogram> client;
        Map<String, Histogram> server;
        try {
            client = IntervalLog.read(clientLog).mergedByTag();
            server = IntervalLog.read(serverLog).mergedByTag();
        } catch (ReportInputException e) {
            System.err.println("dropnight: could not compare the client's latencies with the service's: " + e.getMessage());
            return Optional.empty();
        }
        String worst = null;
        double worstExcess = 0;
        double worstClient = 0;
        double worstServer = 0;
        String prefix = night + "/";
        for (Map.Entry<String, Histogram> e : client.entrySet()) {
            String tag = e.getKey();
            Histogram atService = server.get(tag);
            if (!tag.startsWith(prefix) || !tag.endsWith("/ok") || atService == null
                    || e.getValue().getTotalCount() < MIN_ANSWERS || atService.getTotalCount() < MIN_ANSWERS) {
                continue;
            }
            double clientMs = e.getValue().getValueAtPercentile(99) / 1000.0;
            double serverMs = atService.getValueAtPercentile(99) / 1000.0;
            double excess = clientMs - (factor * serverMs + marginMs);
            if (excess > worstExcess) {
                worst = tag.substring(prefix.length(), tag.length() - "/ok".length());
                worstExcess = excess;
                worstClient = clientMs;
                worstServer = serverMs;
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "client and service disagree: %s p99 %,.1f ms at the client against %,.1f ms at the service over the night"
                        + " (bound %sx + %d ms): the difference was spent in the injector or on this machine",
                worst, worstClient, worstServer, trim(factor), marginMs));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
