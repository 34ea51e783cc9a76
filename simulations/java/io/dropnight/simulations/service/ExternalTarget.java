package io.dropnight.simulations.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A target no one here started, as the night's {@link ServiceTarget}: only called; its drop and its logs are its own. */
final class ExternalTarget implements ServiceTarget {
    private final URI url;

    ExternalTarget(URI url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public String describe(String profile) {
        return "external target " + url + ", profile " + profile + " (no embedded service started; capacity and policy"
                + " flags are ignored)";
    }

    @Override
    public Optional<JsonNode> model() {
        return Optional.empty();
    }

    @Override
    public Optional<String> moveDrop(Instant at, Duration offset) {
        return Optional.empty();
    }

    @Override
    public String stallAtDrop(Duration stall) {
        return "-Dtest.serviceStall ignored: it stalls the embedded service only";
    }

    @Override
    public Optional<String> stop() {
        return Optional.empty();
    }

    @Override
    public boolean keepsItsLogsInTheRunFolder() {
        return false;
    }
}
