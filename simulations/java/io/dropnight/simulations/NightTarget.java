package io.dropnight.simulations;

import io.dropnight.core.Durations;
import io.dropnight.simulations.nights.EpisodeChoice;
import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.preflight.Preflight;
import io.dropnight.simulations.preflight.TlsTrust;
import io.dropnight.profile.ProfileException;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import io.dropnight.simulations.run.DropAim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;


/**
 * What {@link NightRun#prepare} learns about the target before any load (issue 8): the target
 * profile ({@code -Dprofile} or the built-in one), the preflight walk against an external target,
 * the drop instant it announces (or {@code -DdropAt}), and how the night is aimed at it. Each
 * refusal is a printed {@link RunRefused}. Stateless.
 */
final class NightTarget {
    /**
     * Time left for Gatling to build the simulation and start injecting after a single injector
     * takes its aim at a target's drop: the injection then starts on the aimed instant (whole
     * seconds before the drop), not whenever Gatling happens to be ready.
     */
    static final Duration SINGLE_INJECTOR_LEAD = Duration.ofSeconds(8);
    private static final Duration TARGET_DROP_MAX = Duration.ofHours(1);

    private NightTarget() {
    }

    /** {@code -Dprofile}, or the built-in one; a bad profile is refused before any load. */
    static TargetProfile profile(Optional<Path> file) {
        try {
            TargetProfile p = file.map(ProfileReader::read).orElseGet(TargetProfile::builtIn);
            System.out.println("dropnight: target profile " + p.name() + " (" + p.source() + ")"
                    + (p.skippedSteps().isEmpty() ? "" : "; the journey skips " + String.join(" and ", p.skippedSteps())
                    + ": the target has no such call"));
            if (p.legacy()) {
                System.out.println("dropnight: " + p.source() + " is a five-step profile, read as the journey it describes;"
                        + " the journey file format (docs/JOURNEYS.md) writes the same steps under steps:, with roles");
            }
            return p;
        } catch (ProfileException e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, e.getMessage()).printed();
        }
    }

    /** A population's own journey file ({@code journey:} in the night file); a bad one is refused before any load. */
    static TargetProfile populationJourney(String population, Path file) {
        try {
            TargetProfile p = ProfileReader.read(file);
            System.out.println("dropnight: population " + population + " walks the journey " + p.name() + " (" + p.source() + ")");
            return p;
        } catch (ProfileException e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, e.getMessage()).printed();
        }
    }

    /**
     * Against a target: one viewer walks the journey first (unless {@code -Dpreflight=false}), and
     * the drop instant is {@code -DdropAt}, or the one the target announces on its home page.
     */
    static Optional<Instant> announcedDrop(URI target, TargetProfile profile, NightInvocation invocation) {
        Optional<Instant> given = invocation.dropAt();
        NightParameters night = invocation.night();
        TlsTrust tls;
        try {
            tls = TlsTrust.forNight(System::getProperty, profile.trustStore());
        } catch (IllegalArgumentException e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, e.getMessage()).printed();
        }
        try {
            tls.installForTheLoad();
        } catch (java.io.IOException e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "profile " + profile.source() + ": protocol.trustStore: " + e.getMessage()).printed();
        }
        if (profile.usesTls(target)) {
            System.out.println("dropnight: " + tls.describe());
        }
        Preflight preflight;
        try {
            // Every line a preflight prints may carry a request: its secrets are shown as ${env:NAME}.
            preflight = new Preflight(target, profile, EpisodeChoice.forNight(night.night()),
                    new SplittableRandom(night.service().seed()), line -> System.out.println(profile.secrets().redact(line)), tls);
        } catch (Preflight.Failed e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, e.getMessage()).printed();
        }
        if (!invocation.preflight()) {
            System.out.println("dropnight: preflight skipped (-Dpreflight=false)");
            return given.or(preflight::announcedDrop);
        }
        try {
            Map<String, String> saved = preflight.walk();
            System.out.println("dropnight: preflight passed: one viewer walked the journey against " + target);
            return given.or(() -> Preflight.dropAt(saved));
        } catch (Preflight.Failed e) {
            throw new RunRefused(RunRefused.PREFLIGHT_FAILED, profile.secrets().redact(e.getMessage())
                    + " (no load was sent; -Dpreflight=false skips this check)").printed();
        }
    }

    /**
     * One injector against a target: unless {@code -DdropOffset} is given, the night is aimed at
     * the target's drop like a sharded injector, with a whole-second drop offset and an injection
     * that starts on {@code dropAt - offset}, so the surge lands on the drop, not when Gatling is ready.
     */
    static Optional<DropAim> aimedAtTarget(NightParameters p, Optional<Instant> announced) {
        if (p.target().isEmpty() || p.dropOffset().isPresent()) {
            return Optional.empty();
        }
        if (announced.isEmpty()) {
            System.out.println("dropnight: the target announces no drop instant (and no -DdropAt); the night keeps its own drop offset");
            return Optional.empty();
        }
        Instant dropAt = announced.get();
        Duration untilDrop = Duration.between(Instant.now(), dropAt);
        long wholeSeconds = untilDrop.minus(SINGLE_INJECTOR_LEAD).getSeconds();
        if (wholeSeconds < 1 || untilDrop.compareTo(TARGET_DROP_MAX) > 0) {
            System.out.println("dropnight: the target drops at " + dropAt + ", not " + Durations.format(SINGLE_INJECTOR_LEAD.plusSeconds(1))
                    + " to 1 h from now; the night keeps its own drop offset");
            return Optional.empty();
        }
        Duration offset = Duration.ofSeconds(wholeSeconds);
        DropAim a = new DropAim(dropAt, offset, dropAt.minus(offset));
        System.out.println("dropnight: the target drops at " + dropAt + "; injection starts at " + a.injectionStartAt()
                + ", the surge " + Durations.format(offset) + " later");
        return Optional.of(a);
    }

    /**
     * Sharded injectors aim the night's own timeline ({@code nightOffset} from its first injection
     * to its drop) at the target's own drop, or refuse: an
     * injector started after the drop, or with no drop to aim at, would run a night that is not the
     * planned one.
     */
    static DropAim aimed(Duration nightOffset, Shard shard, Optional<Instant> announced) {
        try {
            DropAim a = DropAim.at(Instant.now(), announced, shard, nightOffset);
            System.out.println("dropnight: " + shard.describe() + ": the target drops at " + a.dropAt()
                    + "; injection starts at " + a.injectionStartAt() + ", the surge " + Durations.format(a.dropOffset()) + " later");
            return a;
        } catch (DropAim.Refused e) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "refusing to run: " + e.getMessage()).printed();
        }
    }
}
