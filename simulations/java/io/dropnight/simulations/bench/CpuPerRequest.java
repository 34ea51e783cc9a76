package io.dropnight.simulations.bench;

import io.dropnight.simulations.watch.JvmProbe;

import java.util.Locale;

/**
 * The yardsticks' one measurement: this JVM's process CPU from Gatling's {@code before()} to its
 * {@code after()}, divided by the requests made, printed as the line scripts/injector-ceiling.sh
 * reads ({@code dropnight-bench: ..., N us per request}). Not thread-safe: one per simulation.
 */
final class CpuPerRequest {
    private final JvmProbe probe = new JvmProbe();
    private long cpuAtStart;

    /** From Gatling's {@code before()}. */
    void start() {
        cpuAtStart = probe.read().cpuNanos();
    }

    /**
     * From Gatling's {@code after()}: the line for the script.
     *
     * @param what     what was measured, such as {@code plain journey requests}
     * @param requests the requests made
     */
    String line(String what, long requests) {
        long cpuNanos = probe.read().cpuNanos() - cpuAtStart;
        return String.format(Locale.ROOT, "dropnight-bench: %s %d, injector CPU %.0f ms, %.1f us per request",
                what, requests, cpuNanos / 1e6, cpuNanos / 1e3 / Math.max(1, requests));
    }
}
