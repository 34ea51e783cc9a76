package io.dropnight.simulations.watch;

import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.RunFileException;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import io.dropnight.runfolder.SloResult;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether the client and the embedded service saw the same night, for the endpoints whose latency
 * an SLO judges. Both sides record every answered request as {@code <night>/<endpoint>/<outcome>}
 * (client.hlog, server.hlog); the service times a request from its first byte to its last, the
 * client from sending to the answer. On loopback the difference is the injector's and the
 * machine's: when, for such an endpoint, the client's p99 of {@code ok} answers exceeds
 * {@code factor} × the service's p99 plus {@code margin}, the time was lost before the service read
 * the request or after it answered, and the SLO's figure measured the load generator (or a machine
 * too busy to hold both), not the service. This is the one check that sees an injector too busy to
 * read its answers on time while its CPU, GC and injection lag stay within their bounds. Only where
 * the service's own log exists (the embedded service), and only where both sides counted the same
 * answers (within 5 %): a tag that holds other requests on one side is not the same population.
 *
 * <p>Why only the judged endpoints: on the default night (scale 0.5, this 2-core machine) the
 * client's p99 of the other endpoints is 3–8 times the service's, from the surge's connects (the
 * first call of a viewer pays the TCP handshake, which the service does not time) and from both
 * processes sharing two cores at the drop, while playback-start agrees within about 2.3 times. The
 * injector-bound runs from scale 0.75 up differ by 30–75 times there.
 *
 * <p>A gap puts only the client's latency figures in doubt: it makes a run inconclusive when a
 * latency SLO failed ({@link #judge}) and nothing else did, since that failure may be the
 * injector's. Where every latency SLO passed on the client's (larger) figures, the service passed
 * them too; where an SLO that is counted, not timed, failed (the error-page rate, abandonment: the
 * service's own answers), the run fails on it whatever the latencies were. In both cases the
 * verdict stands. Seen on the default night near its threshold: 73 slots, 1.80 % error pages, a
 * time-to-play p95 of 3,172 ms against 3,000 and playback-start 623 ms at the client against 156 ms
 * at the service; called inconclusive, it stopped a capacity plan that had measured a fail.
 * Stateless.
 */
public final class ServiceAgreement {
    /** Tags with fewer answers than this on either side are not compared (a p99 of a handful is noise). */
    public static final long MIN_ANSWERS = 200;
    /** Both sides must count the same answers within this share to be the same requests. */
    private static final double SAME_COUNT = 0.95;

    private ServiceAgreement() {
    }

    /**
     * @param clientLog client.hlog of the run, complete
     * @param serverLog server.hlog of the run, complete (the service stopped)
     * @param night     the night's label, the tags' first part
     * @param endpoints the endpoints to compare: those whose latency an SLO judges
     * @param factor    the client's p99 may be this many times the service's...
     * @param marginMs  ...plus this many milliseconds
     * @return one sentence naming the endpoint, both figures and the bound when the worst endpoint
     *         passed it; empty when they agree, or when either log is missing or unreadable
     */
    public static Optional<String> check(Path clientLog, Path serverLog, String night, Collection<String> endpoints, double factor,
                                         long marginMs) {
        if (!Files.isRegularFile(clientLog) || !Files.isRegularFile(serverLog)) {
            return Optional.empty();
        }
        Map<String, Histogram> client;
        Map<String, Histogram> server;
        try {
            client = IntervalLog.read(clientLog).mergedByTag();
            server = IntervalLog.read(serverLog).mergedByTag();
        } catch (RunFileException e) {
            System.err.println("dropnight: could not compare the client's latencies with the service's: " + e.getMessage());
            return Optional.empty();
        }
        String worst = null;
        double worstExcess = 0;
        double worstClient = 0;
        double worstServer = 0;
        String prefix = night + "/";
        for (String endpoint : endpoints) {
            String tag = prefix + endpoint + "/ok";
            Histogram atClient = client.get(tag);
            Histogram atService = server.get(tag);
            if (atClient == null || atService == null || atClient.getTotalCount() < MIN_ANSWERS
                    || atService.getTotalCount() < MIN_ANSWERS) {
                continue;
            }
            long fewer = Math.min(atClient.getTotalCount(), atService.getTotalCount());
            long more = Math.max(atClient.getTotalCount(), atService.getTotalCount());
            if (fewer < SAME_COUNT * more) {
                continue;
            }
            double clientMs = atClient.getValueAtPercentile(99) / 1000.0;
            double serverMs = atService.getValueAtPercentile(99) / 1000.0;
            double excess = clientMs - (factor * serverMs + marginMs);
            if (excess > worstExcess) {
                worst = endpoint;
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

    /**
     * Whether a disagreement makes the run inconclusive: the sentence, with the latency SLOs that
     * failed on the client's figures, when one did and no other SLO failed; empty when no latency
     * SLO failed, or when a counted SLO failed too (the run fails on it; see {@link #stands}).
     *
     * @param gap         what {@link #check} found
     * @param results     the run's SLO results
     * @param latencySlos the names of the SLOs judged on the client's latencies
     */
    public static Optional<String> judge(String gap, List<SloResult> results, Set<String> latencySlos) {
        List<String> failed = failures(results, latencySlos::contains);
        return failed.isEmpty() || !failures(results, name -> !latencySlos.contains(name)).isEmpty() ? Optional.empty()
                : Optional.of(gap + "; " + String.join(" and ", failed) + " failed on the client's figures");
    }

    /**
     * Why a disagreement leaves the verdict as it is, for the console, where {@link #judge} is empty:
     * the gap, then either the counted SLOs that failed or that no latency SLO failed.
     */
    public static String stands(String gap, List<SloResult> results, Set<String> latencySlos) {
        List<String> counted = failures(results, name -> !latencySlos.contains(name));
        return gap + (counted.isEmpty() ? "; no latency SLO failed, so the verdict stands"
                : "; " + String.join(" and ", counted) + " failed on the service's own answers (counted, not timed),"
                        + " so the run fails whatever the latencies were");
    }

    /** The names of the SLOs that failed among those {@code which} names. */
    private static List<String> failures(List<SloResult> results, Predicate<String> which) {
        return results.stream().filter(r -> !r.passed() && which.test(r.name())).map(SloResult::name).toList();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
