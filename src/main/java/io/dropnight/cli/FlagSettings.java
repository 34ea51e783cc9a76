package io.dropnight.cli;

import io.dropnight.config.ServiceConfigBuilder;

/** Applies the serve flags that were given (null means not given) on top of the file's settings. */
final class FlagSettings {
    private FlagSettings() {
    }

    static void apply(ServeCommand f, ServiceConfigBuilder b) {
        if (f.host != null) b.host(f.host);
        if (f.port != null) b.port(f.port);
        if (f.seed != null) b.seed(f.seed);
        if (f.titles != null) b.titles(f.titles);
        if (f.dropAt != null && f.dropIn != null) {
            throw new io.dropnight.core.ConfigException("drop-at", f.dropAt, "give --drop-at or --drop-in, not both");
        }
        if (f.dropAt != null) b.dropAt(f.dropAt);
        if (f.dropIn != null) b.dropIn(f.dropIn);
        if (f.zone != null) b.zone(f.zone);
        if (f.dropEpisodes != null) b.dropEpisodes(f.dropEpisodes);
        if (f.policy != null) b.policy(f.policy);
        if (f.unconstrained != null) b.unconstrained(f.unconstrained);
        if (f.scale != null) b.scale(f.scale);
        if (f.slots != null) b.slots(f.slots);
        if (f.queueLimit != null) b.queueLimit(f.queueLimit);
        f.serviceTimes.forEach(b::serviceTime);
        if (f.cacheTtl != null) b.cacheTtl(f.cacheTtl);
        if (f.cacheMissFactor != null) b.cacheMissCostFactor(f.cacheMissFactor);
        if (f.singleFlight != null) b.singleFlight(f.singleFlight);
        if (f.prewarm != null) b.prewarm(f.prewarm);
        if (f.maxConnections != null) b.maxConnections(f.maxConnections);
        if (f.idleTimeout != null) b.idleTimeout(f.idleTimeout);
        if (f.requestTimeout != null) b.requestTimeout(f.requestTimeout);
        if (f.maxBodyBytes != null) b.maxBodyBytes(f.maxBodyBytes);
        if (f.maxHeaderBytes != null) b.maxHeaderBytes(f.maxHeaderBytes);
        if (f.adminToken != null && !f.adminToken.isEmpty()) b.adminToken(f.adminToken);
        if (f.sessionTtl != null) b.sessionTtl(f.sessionTtl);
        if (f.runDir != null) b.runDir(f.runDir);
        if (f.metricsInterval != null) b.metricsInterval(f.metricsInterval);
        if (f.errorPageStatus != null) b.errorPageStatus(f.errorPageStatus);
    }
}
