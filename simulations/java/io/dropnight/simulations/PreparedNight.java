package io.dropnight.simulations;

import io.dropnight.simulations.nights.NightFile;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.nights.Shares;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.profile.Accounts;
import io.dropnight.simulations.profile.TargetProfile;
import io.dropnight.simulations.run.DropAim;

import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import static io.dropnight.simulations.RunRefused.valid;

/**
 * A night prepared once, before any load, into an immutable value: what it was told (read once,
 * {@link NightInvocation}), this injector's share, the target profile, the drop it aims at, and
 * the plan of arrivals. Every refusal on the way is one printed line and a {@link RunRefused}.
 *
 * @param invocation  what the night was told
 * @param parameters  its parameters, the drop offset moved onto an aimed drop where there is one
 * @param shard       this injector's share
 * @param profile     how the journey calls the target
 * @param knownDropAt the target's drop known before the night (-DdropAt or announced); empty for the embedded service
 * @param aim         how the injection lands on a target's drop (sharded, or one injector aiming); empty otherwise
 * @param wholeNight  the whole night's plan (every injector's)
 * @param plan        this injector's share of it
 * @param startedAt   when the preparation began
 * @param accounts    this injector's share of the profile's accounts, checked against its viewers; empty when it has none
 */
record PreparedNight(NightInvocation invocation, NightParameters parameters, Shard shard, TargetProfile profile,
                     Optional<Instant> knownDropAt, Optional<DropAim> aim, NightPlan wholeNight, NightPlan plan, Instant startedAt,
                     Optional<Accounts> accounts) {

    /**
     * @param fixedNight the night a simulation class rehearses, or empty to read {@code -Dnight}
     * @param props      the night's parameters ({@code -D...}: {@link System#getProperties()})
     * @throws RunRefused on a bad parameter or a target that fails its preflight, after printing its line
     */
    static PreparedNight prepare(Optional<Night> fixedNight, Properties props) {
        Instant startedAt = Instant.now();
        // Every -D the night reads, read once, here; -Dplan first, so that a plan's user reads that
        // line, not another flag's.
        NightInvocation invocation = valid(() -> {
            NightParameters.refusePlan(props);
            NightInvocation i = NightInvocation.fromProperties(props);
            return fixedNight.map(n -> i.with(i.night().withNight(n))).orElse(i);
        });
        NightParameters given = invocation.night();
        Shard shard = valid(() -> NightParameters.shardFromProperties(props));
        // The night file is read and checked whole before anything else starts (a user's, or a built-in one).
        NightFile nightFile = valid(() -> Nights.file(given.night()));
        TargetProfile profile = NightTarget.profile(invocation.profile());
        if (given.target().isEmpty() && !NightParameters.launchedByDropnight(props)) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "bad parameter: target is not set: outside Dropnight's own"
                    + " launchers (mvn gatling:test, scripts/plan.sh, the injector image) no embedded service is started;"
                    + " give -Dtarget=URL, or -D" + NightParameters.LAUNCHER + "=" + NightParameters.OWN_LAUNCHER
                    + " to start one in this JVM's host").printed();
        }
        Optional<Instant> announced = given.target().isEmpty() ? Optional.empty()
                : NightTarget.announcedDrop(given.target().get(), profile, invocation);
        NightPlan asGiven = nightFile.plan(given.night(), given);
        Optional<DropAim> aim = shard.sharded() ? Optional.of(NightTarget.aimed(asGiven.dropOffset(), shard, announced))
                : NightTarget.aimedAtTarget(given, announced);
        // An aim moves the drop offset, and the gathering before the drop with it: that night is planned anew.
        NightParameters parameters = aim.map(a -> given.withDropOffset(a.dropOffset())).orElse(given);
        NightPlan wholeNight = aim.isPresent() ? nightFile.plan(parameters.night(), parameters) : asGiven;
        NightPlan plan = valid(() -> Shares.withViewers(wholeNight, shard));
        Optional<Accounts> accounts = profile.accounts().map(a -> a.share(shard.index(), shard.count()));
        // A closed-model night starts a new viewer whenever one leaves: its peak is the least it needs.
        int viewers = Math.max(plan.totalArrivals(), plan.peakConcurrentViewers());
        accounts.flatMap(a -> a.shortOf(viewers, shard.sharded() ? shard.describe() + "'s share" : "the night")).ifPresent(line -> {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "profile " + profile.source() + ": " + line).printed();
        });
        accounts.ifPresent(a -> System.out.printf(java.util.Locale.ROOT, "dropnight: accounts: %,d of %,d rows of %s for %s"
                + " (strategy %s, columns %s)%n", a.rows().size(), profile.accounts().get().rows().size(), a.file(),
                shard.sharded() ? shard.describe() : "the night", a.strategy().label(), a.columns()));
        return new PreparedNight(invocation, parameters, shard, profile, announced, aim, wholeNight, plan, startedAt, accounts);
    }
}
