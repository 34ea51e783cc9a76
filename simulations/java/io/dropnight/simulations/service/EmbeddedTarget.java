package io.dropnight.simulations.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.core.Durations;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The embedded service as the night's {@link ServiceTarget}: started, moved, faulted and stopped by the night. */
final class EmbeddedTarget implements ServiceTarget {
    private final EmbeddedService service;
    private final HarnessClient harness;
    private final String adminToken;

    EmbeddedTarget(EmbeddedService service, HarnessClient harness, String adminToken) {
        this.service = Objects.requireNonNull(service, "service");
        this.harness = Objects.requireNonNull(harness, "harness");
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
    }

    @Override
    public URI url() {
        return service.url();
    }

    @Override
    public String describe(String profile) {
        return "embedded service (child JVM pid " + service.pid() + ") at " + service.url();
    }

    @Override
    public Optional<JsonNode> model() {
        return harness.metrics();
    }

    @Override
    public Optional<String> moveDrop(Instant at, Duration offset) {
        String plus = " (+" + Durations.format(offset) + ")";
        return Optional.of(harness.moveDrop(at, adminToken).map(status -> status == 200 ? "drop moved to " + at + plus
                : "could not move the drop (HTTP " + status + "), it stays at service start" + plus)
                .orElse("could not move the drop: the service did not answer"));
    }

    @Override
    public String stallAtDrop(Duration stall) {
        String answer = harness.stallAtDrop(stall, adminToken).map(status -> "HTTP " + status).orElse("no answer");
        return String.format(Locale.ROOT, "TEST FAULT: the service's loops will be blocked %d ms at the drop (%s)",
                stall.toMillis(), answer);
    }

    @Override
    public Optional<String> stop() {
        try {
            int code = service.stop();
            return Optional.of("embedded service stopped (exit " + code + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("embedded service: interrupted while stopping it");
        }
    }

    @Override
    public boolean keepsItsLogsInTheRunFolder() {
        return true;
    }
}
