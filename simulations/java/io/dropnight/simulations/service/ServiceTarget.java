package io.dropnight.simulations.service;

import io.dropnight.core.ServeFlags;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.metrics.LagLog;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.simulations.watch.ServiceAgreement;

import io.dropnight.core.Durations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import java.nio.file.Path;
import java.util.List;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a night rehearses against: the embedded service, which the night starts, times and stops
 * ({@link #embedded(EmbeddedService, String)}), or an external target, which it only calls
 * ({@link #external(URI)}). The night asks it, never which one it is, except where the service's
 * own logs are read ({@link #keepsItsLogsInTheRunFolder()}).
 */
public interface ServiceTarget {

    /** Its base URL. */
    URI url();

    /** One line for the console: what the night runs against, called through target profile {@code profile}. */
    String describe(String profile);

    /** The capacity model it runs with, from its /metrics, for run.json; empty against a target. */
    Optional<JsonNode> model();

    /**
     * Puts the drop on the injection's timeline: the embedded service's drop is moved to {@code at}.
     *
     * @return what happened, for the console; empty when the drop is the target's own and is not moved
     */
    Optional<String> moveDrop(Instant at, Duration offset);

    /** The stalled-host test fault at the drop; what happened, for the console. */
    String stallAtDrop(Duration stall);

    /** Stops it, so that its logs in the run folder are complete; what happened, or empty when there is nothing to stop. */
    Optional<String> stop();

    /** Whether its own logs (server.hlog, service-lag.csv) are in the run folder, to be compared with the client's. */
    boolean keepsItsLogsInTheRunFolder();

    /**
     * How late its loops ran, from its own lag log in the run folder (service-lag.csv); empty when
     * it keeps none there (a target) or the log cannot be read.
     */
    default List<LagLog.Sample> lag(Path runDir) {
        if (!keepsItsLogsInTheRunFolder()) {
            return List.of();
        }
        try {
            return LagLog.read(runDir);
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The client/service gap at {@code endpoint} (the one whose latency an SLO judges), from both
     * sides' logs in the run folder; empty where the service keeps none there or the sides agree.
     */
    default Optional<String> gap(Path runDir, String night, String endpoint, double factor, long marginMs) {
        return !keepsItsLogsInTheRunFolder() ? Optional.empty() : ServiceAgreement.check(runDir.resolve(RunFiles.CLIENT_LOG),
                runDir.resolve(RunFiles.SERVER_LOG), night, List.of(endpoint), factor, marginMs);
    }

    /** The embedded service, reached with its admin token. */
    static ServiceTarget embedded(EmbeddedService service, String adminToken) {
        return new EmbeddedTarget(service, new HarnessClient(service.url()), adminToken);
    }

    /**
     * Starts the embedded service in a child JVM of this one's class path, writing into
     * {@code runDir}, with a fresh admin token that only the returned target knows.
     *
     * @param dropIn its drop, from its start
     * @param scale  its capacity scale (the night's)
     * @param flags  further {@code serve} flags (capacity and policy)
     */
    static ServiceTarget startEmbedded(Duration dropIn, double scale, List<String> flags, Path runDir) throws IOException {
        String adminToken = UUID.randomUUID().toString();
        List<String> args = new ArrayList<>(List.of(ServeFlags.DROP_IN, Durations.format(dropIn),
                ServeFlags.SCALE, String.format(Locale.ROOT, "%s", scale), ServeFlags.ADMIN_TOKEN, adminToken));
        args.addAll(flags);
        return embedded(EmbeddedService.start(ServiceClasspath.fromThisJvm(), runDir, args), adminToken);
    }

    /** A target the night only calls. */
    static ServiceTarget external(URI target) {
        return new ExternalTarget(target);
    }
}
