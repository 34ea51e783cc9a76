package io.dropnight.server;

import io.dropnight.capacity.CapacityModel;
import io.dropnight.catalogue.CatalogueConfig;
import io.dropnight.core.Checks;
import io.dropnight.core.ConfigException;
import io.dropnight.reservations.ReservationsConfig;
import io.dropnight.shedding.OverloadPolicy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the service needs to start, immutable and validated. Built by the CLI from defaults,
 * an optional YAML file and flags, in that order of precedence (see {@code config.ServiceConfigBuilder}).
 *
 * @param host            address to bind; loopback unless told otherwise
 * @param port            TCP port, 0 for any free port
 * @param limits          protective HTTP limits
 * @param catalogue       the generated catalogue and its drop instant
 * @param policy          overload policy
 * @param capacity        the virtual backend's capacity model
 * @param adminToken      the token /admin routes require (compared in constant time)
 * @param sessionTtl      lifetime of a session token
 * @param runDir          where interval logs and final histograms are written
 * @param metricsInterval length of one interval-log interval
 * @param errorPageStatus status of the branded error page when shedding or in an outage: 503, or
 *                        200 to rehearse a deployment (a CDN, an app shell) that serves it so
 * @param reservations    the cinema reservations: ledger file, hold lifetime, the test-only unsafe mode
 */
public record ServiceConfig(String host, int port, NetworkLimits limits, CatalogueConfig catalogue,
                            OverloadPolicy policy, CapacityModel capacity, String adminToken,
                            Duration sessionTtl, Path runDir, Duration metricsInterval, int errorPageStatus,
                            ReservationsConfig reservations) {

    /** The shortest admin token accepted: enough entropy that guessing is hopeless. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    public ServiceConfig {
        Checks.notNull("host", host);
        if (host.isBlank()) {
            throw new ConfigException("host", "''", "must be an address such as 127.0.0.1");
        }
        Checks.between("port", port, 0, 65535);
        Checks.notNull("limits", limits);
        Checks.notNull("catalogue", catalogue);
        Checks.notNull("policy", policy);
        Checks.notNull("capacity", capacity);
        Checks.notNull("admin-token", adminToken);
        if (adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new ConfigException("admin-token", "(" + adminToken.length() + " characters)",
                    "must be at least " + MIN_ADMIN_TOKEN_LENGTH + " characters");
        }
        Checks.positive("session-ttl", sessionTtl);
        Checks.notNull("run-dir", runDir);
        Checks.positive("metrics-interval", metricsInterval);
        Checks.notNull("reservations", reservations);
        if (!ErrorPage.allowedStatus(errorPageStatus)) {
            throw new ConfigException("error-page-status", errorPageStatus, ErrorPage.STATUS_RULE);
        }
    }

    /** Whether the bind address is a loopback one (the default, and what the README recommends). */
    public boolean loopbackOnly() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
