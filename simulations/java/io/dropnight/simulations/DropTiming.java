package io.dropnight.simulations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.run.DropAim;
import io.dropnight.simulations.run.NightConsole;
import io.dropnight.simulations.run.RunDescription;
import io.dropnight.simulations.run.SurgeAlignment;
import io.dropnight.simulations.service.ServiceTarget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Where the night's drop falls on its injection's timeline, and where its surge landed: at
 * {@link #start} the embedded service's drop is moved to {@code now + dropOffset} (Gatling injects
 * a few seconds after the service started its clock), or an aimed injector waits for its instant;
 * after the night, {@link #recordSurge} compares the surge's first arrival with the drop. Both go
 * into run.json. Time from an injected clock. Not thread-safe: Gatling's hooks call it in turn.
 */
final class DropTiming {
    /** How far the surge may land from the target's drop before the run warns. */
    static final Duration SURGE_TOLERANCE = Duration.ofMillis(100);

    private final NightPlan plan;
    private final Shard shard;
    private final Optional<DropAim> aim;
    private final Optional<SurgeAlignment> alignment;
    private final ServiceTarget service;
    private final ObjectNode runJson;
    private final Runnable runJsonChanged;
    private final NightConsole console;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final long preparedNanos;
    private final AtomicLong eventEndNanos = new AtomicLong(Long.MAX_VALUE);
    /** The drop this injector's night is timed against, once known (the live views' time to drop). */
    private volatile Instant dropAt;

    DropTiming(PreparedNight night, Optional<SurgeAlignment> alignment, ServiceTarget service, ObjectNode runJson,
               Runnable runJsonChanged, NightConsole console, Clock clock, LongSupplier nanoClock, long preparedNanos) {
        this.plan = night.plan();
        this.shard = night.shard();
        this.aim = night.aim();
        this.alignment = alignment;
        this.service = service;
        this.runJson = runJson;
        this.runJsonChanged = runJsonChanged;
        this.console = console;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.preparedNanos = preparedNanos;
    }

    /** When a live event ends, on the nano clock; set by {@link #start()}. */
    long eventEndNanos() {
        return eventEndNanos.get();
    }

    /** The drop's instant, once {@link #start()} has placed it; empty against a target whose drop is its own. */
    Optional<Instant> dropAt() {
        return Optional.ofNullable(dropAt);
    }

    /** Gatling's {@code before()}: puts the drop on the injection's timeline, or waits for the aimed start. */
    void start() {
        long gapMillis = (nanoClock.getAsLong() - preparedNanos) / 1_000_000;
        markEventEnd();
        if (aim.isPresent()) {
            dropAt = aim.get().dropAt();
            awaitAimedStart(aim.get());
            alignment.ifPresent(a -> a.aimAt(aim.get().dropAt()));
            return;
        }
        Instant dropAt = clock.instant().plus(plan.dropOffset());
        Optional<String> moved = service.moveDrop(dropAt, plan.dropOffset());
        if (moved.isEmpty()) {
            console.line(String.format(Locale.ROOT, "injection starts %d ms after the night was planned;"
                    + " against a target the drop is the target's own and is not moved", gapMillis));
            return;
        }
        alignment.ifPresent(a -> a.aimAt(dropAt));
        this.dropAt = dropAt;
        console.line(String.format(Locale.ROOT, "injection starts %d ms after the service started; %s", gapMillis, moved.get()));
        runJson.put("dropAt", dropAt.toString());
        runJsonChanged.run();
    }

    private void markEventEnd() {
        Duration liveJoin = plan.populations().stream().filter(Population::closedModel)
                .map(p -> p.phases().get(0).duration()).findFirst().orElse(Duration.ZERO);
        eventEndNanos.set(nanoClock.getAsLong() + plan.eventLength().plus(liveJoin).toNanos());
    }

    /** Starts the injection on the aimed instant and records where this injector's surge lands. */
    private void awaitAimedStart(DropAim a) {
        try {
            Duration late = a.awaitInjectionStart(clock::instant);
            markEventEnd();
            Instant surgeAt = a.injectionStartAt().plus(late).plus(a.dropOffset());
            RunDescription.surge(runJson, a.injectionStartAt().plus(late), surgeAt, Duration.between(a.dropAt(), surgeAt));
            runJsonChanged.run();
            console.line(String.format(Locale.ROOT, "%s starts its injection %d ms after the aimed instant; surge at %s",
                    shard.sharded() ? shard.describe() : "this injector", late.toMillis(), surgeAt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where the surge really landed, from the injector's own timeline: the first arrival of the
     * population that waits for the drop ({@code nothing} first) against the drop it aimed at.
     */
    void recordSurge(ClientMetrics metrics) {
        Optional<Population> surge = plan.populations().stream()
                .filter(p -> !p.closedModel() && p.phases().get(0).kind() == Phase.Kind.NOTHING)
                .findFirst();
        Optional<Instant> landed = surge.flatMap(p -> metrics.firstArrival(p.name()));
        Optional<Instant> dropAt = aim.map(DropAim::dropAt).or(() -> service.keepsItsLogsInTheRunFolder()
                ? Optional.ofNullable(runJson.path("dropAt").textValue()).map(Instant::parse) : Optional.empty());
        if (landed.isEmpty() || dropAt.isEmpty()) {
            return;
        }
        Duration skew = Duration.between(dropAt.get(), landed.get());
        RunDescription.surgeLanded(runJson, landed.get(), skew);
        boolean within = skew.abs().compareTo(SURGE_TOLERANCE) <= 0;
        String note = within ? "" : alignment.isPresent() ? " (WARNING: more than " + SURGE_TOLERANCE.toMillis() + " ms)"
                : " (the embedded service's nights keep the injector's start lag, as calibrated)";
        console.line(String.format(Locale.ROOT, "the surge's first viewer arrived %+d ms from the drop at %s%s",
                skew.toMillis(), dropAt.get(), note));
    }
}
