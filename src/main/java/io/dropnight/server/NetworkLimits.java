package io.dropnight.server;

import io.dropnight.core.Checks;
import java.time.Duration;

/**
 * Protective limits of the HTTP front end. The defaults are safe on a developer machine and
 * generous enough for a rehearsal of tens of thousands of connections.
 *
 * @param maxInitialLineBytes longest request line accepted (longer: 414)
 * @param maxHeaderBytes      total header bytes accepted (more: 431)
 * @param maxBodyBytes        largest request body accepted (larger: 413)
 * @param maxJsonDepth        deepest JSON nesting accepted in a body (deeper: 400)
 * @param maxConnections      open connections accepted; beyond, new ones are closed at once
 * @param idleTimeout         a connection with no traffic for this long is closed
 * @param requestTimeout      a request must arrive whole within this time of its first byte
 *                            (slow senders are answered 408 and closed)
 * @param maxPipelined        requests a connection may queue behind one in flight
 */
public record NetworkLimits(int maxInitialLineBytes, int maxHeaderBytes, int maxBodyBytes, int maxJsonDepth,
                            int maxConnections, Duration idleTimeout, Duration requestTimeout, int maxPipelined) {

    public NetworkLimits {
        Checks.between("limits.max-initial-line-bytes", maxInitialLineBytes, 256, 1 << 20);
        Checks.between("limits.max-header-bytes", maxHeaderBytes, 1024, 1 << 20);
        Checks.between("limits.max-body-bytes", maxBodyBytes, 0, 64 << 20);
        Checks.between("limits.max-json-depth", maxJsonDepth, 1, 1000);
        Checks.between("limits.max-connections", maxConnections, 1, 1_000_000);
        Checks.positive("limits.idle-timeout", idleTimeout);
        Checks.positive("limits.request-timeout", requestTimeout);
        Checks.between("limits.max-pipelined", maxPipelined, 1, 1024);
    }

    public static NetworkLimits defaults() {
        return new NetworkLimits(4096, 8192, 64 * 1024, 32, 20_000,
                Duration.ofSeconds(60), Duration.ofSeconds(10), 16);
    }

    public NetworkLimits withMaxConnections(int value) {
        return new NetworkLimits(maxInitialLineBytes, maxHeaderBytes, maxBodyBytes, maxJsonDepth, value,
                idleTimeout, requestTimeout, maxPipelined);
    }

    public NetworkLimits withIdleTimeout(Duration value) {
        return new NetworkLimits(maxInitialLineBytes, maxHeaderBytes, maxBodyBytes, maxJsonDepth, maxConnections,
                value, requestTimeout, maxPipelined);
    }

    public NetworkLimits withRequestTimeout(Duration value) {
        return new NetworkLimits(maxInitialLineBytes, maxHeaderBytes, maxBodyBytes, maxJsonDepth, maxConnections,
                idleTimeout, value, maxPipelined);
    }

    public NetworkLimits withMaxBodyBytes(int value) {
        return new NetworkLimits(maxInitialLineBytes, maxHeaderBytes, value, maxJsonDepth, maxConnections,
                idleTimeout, requestTimeout, maxPipelined);
    }

    public NetworkLimits withMaxHeaderBytes(int value) {
        return new NetworkLimits(maxInitialLineBytes, value, maxBodyBytes, maxJsonDepth, maxConnections,
                idleTimeout, requestTimeout, maxPipelined);
    }
}
