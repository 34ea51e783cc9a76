package io.dropnight.simulations;

import io.dropnight.simulations.nights.NightFile;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.RefreshPolicy;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.nights.Shares;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.dropnight.profile.Accounts;
import io.dropnight.profile.TargetProfile;
import io.dropnight.simulations.run.DropAim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param accounts    this injector's share of each journey's accounts (by journey, identity), checked against the
 *                    viewers of the populations that walk it; a journey without accounts is absent
 * @param nightFile   the night as its file says it
 * @param journeys    the populations that walk a journey of their own, by population name (the others walk {@code profile})
 */
record PreparedNight(NightInvocation invocation, NightParameters parameters, Shard shard, TargetProfile profile,
                     Optional<Instant> knownDropAt, Optional<DropAim> aim, NightPlan wholeNight, NightPlan plan, Instant startedAt,
                     Map<TargetProfile, Accounts> accounts, NightFile nightFile, Map<String, TargetProfile> journeys) {

    /**
     * How big the rehearsal is: its viewers, the scale, and against the real night's audience when
     * the night file states it ("1 in N").
     */
    static String audienceLine(NightFile night, NightPlan whole, double scale) {
        long planned = whole.viewers();
        String line = String.format(java.util.Locale.ROOT, "audience: the rehearsal plans %,d viewers (scale %s of the night's %,d at scale 1)",
                planned, java.math.BigDecimal.valueOf(scale).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString(), night.viewersAtScaleOne());
        return night.audience().map(a -> line + String.format(java.util.Locale.ROOT, "; the real night has %,d: 1 in %,.0f", a,
                (double) a / Math.max(1, planned))).orElse(line);
    }

    /** The journey {@code p}'s viewers walk: their own, or the night's. */
    TargetProfile profileOf(Population p) {
        return journeys.getOrDefault(p.name(), profile);
    }

    /** What {@code p}'s viewers do on the error page: the night file's word for them, or {@code -Drefresh}. */
    RefreshPolicy refreshOf(Population p) {
        return nightFile.spec(p).refresh().orElse(parameters.refreshPolicy());
    }

    /** The refreshes {@code p}'s viewers try before giving up: the night file's word for them, or {@code -DmaxRefreshes}. */
    int maxRefreshesOf(Population p) {
        return nightFile.spec(p).givesUpAfter().orElse(parameters.maxRefreshes());
    }

    /** This injector's share of the accounts {@code p}'s viewers sign in with (one share per journey). */
    Optional<Accounts> accountsOf(Population p) {
        return Optional.ofNullable(accounts.get(profileOf(p)));
    }

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
        NightParameters asTold = invocation.night();
        Shard shard = valid(() -> NightParameters.shardFromProperties(props));
        // The night file is read and checked whole before anything else starts (a user's, or a built-in one).
        NightFile nightFile = valid(() -> Nights.file(asTold.night()));
        // -Drehearsal (viewers) instead of -Dscale: the scale is the rehearsal's share of the night's viewers.
        java.util.OptionalLong rehearsal = valid(() -> NightParameters.rehearsalFromProperties(props));
        if (rehearsal.isPresent()) {
            double scale = nightFile.scaleFor(rehearsal.getAsLong());
            if (scale < 0.001 || scale > 100) {
                throw new RunRefused(RunRefused.BAD_PARAMETER, String.format(java.util.Locale.ROOT, "bad parameter: %s = %d: the night"
                        + " has %,d viewers at scale 1, so that is a scale of %.5f, outside 0.001 to 100", NightParameters.REHEARSAL,
                        rehearsal.getAsLong(), nightFile.viewersAtScaleOne(), scale)).printed();
            }
            invocation = invocation.with(asTold.withScale(scale));
        }
        if (!nightFile.slos().isEmpty()) {
            // A premiere's targets travel with its night; a -Dslo flag still overrides each.
            NightParameters told = invocation.night();
            invocation = invocation.with(told.withSlo(valid(() -> io.dropnight.simulations.params.SloThresholds.from(k -> {
                String flag = props.getProperty(k);
                return flag != null && !flag.isBlank() ? flag.trim() : nightFile.slos().get(k);
            }))));
            System.out.println("dropnight: SLOs from the night file " + nightFile.slos() + " (a -Dslo flag overrides each)");
        }
        NightParameters given = invocation.night();
        TargetProfile profile = NightTarget.profile(invocation.profile());
        // Populations that name the same journey file walk one journey (one preflight, one share of its accounts).
        Map<String, TargetProfile> journeys = new LinkedHashMap<>();
        Map<java.nio.file.Path, TargetProfile> byFile = new LinkedHashMap<>();
        for (NightFile.PopulationSpec spec : nightFile.populations()) {
            String population = nightFile.name() + "/" + spec.name();
            spec.journey().ifPresent(path -> journeys.put(population, byFile.computeIfAbsent(path.toAbsolutePath().normalize(),
                    file -> NightTarget.populationJourney(population, file))));
        }
        if (given.target().isEmpty() && !NightParameters.launchedByDropnight(props)) {
            throw new RunRefused(RunRefused.BAD_PARAMETER, "bad parameter: target is not set: outside Dropnight's own"
                    + " launchers (mvn gatling:test, scripts/plan.sh, the injector image) no embedded service is started;"
                    + " give -Dtarget=URL, or -D" + NightParameters.LAUNCHER + "=" + NightParameters.OWN_LAUNCHER
                    + " to start one in this JVM's host").printed();
        }
        // Every journey a population walks is walked once before the load (the night's own only when
        // some population walks it); the first one's announced drop is the night's.
        java.util.List<TargetProfile> walked = new java.util.ArrayList<>();
        if (nightFile.populations().stream().anyMatch(spec -> spec.journey().isEmpty())) {
            walked.add(profile);
        }
        new java.util.LinkedHashSet<>(journeys.values()).forEach(walked::add);
        Optional<Instant> announced = Optional.empty();
        if (given.target().isPresent()) {
            for (int i = 0; i < walked.size(); i++) {
                Optional<Instant> drop = NightTarget.announcedDrop(given.target().get(), walked.get(i), invocation);
                announced = i == 0 ? drop : announced;
            }
        }
        NightPlan asGiven = nightFile.plan(given.night(), given);
        Optional<DropAim> aim = shard.sharded() ? Optional.of(NightTarget.aimed(asGiven.dropOffset(), shard, announced))
                : NightTarget.aimedAtTarget(given, announced);
        // An aim moves the drop offset, and the gathering before the drop with it: that night is planned anew.
        NightParameters parameters = aim.map(a -> given.withDropOffset(a.dropOffset())).orElse(given);
        NightPlan wholeNight = aim.isPresent() ? nightFile.plan(parameters.night(), parameters) : asGiven;
        NightPlan plan = valid(() -> Shares.withViewers(wholeNight, shard));
        System.out.println("dropnight: " + audienceLine(nightFile, wholeNight, parameters.scale()));
        // Each journey's accounts are shared by the populations that walk it: this injector's share of
        // them must hold a row for each of their viewers (a closed model's peak: it replaces leavers).
        Map<TargetProfile, Integer> viewersByJourney = new java.util.IdentityHashMap<>();
        List<TargetProfile> inOrder = new ArrayList<>();
        for (Population p : plan.populations()) {
            TargetProfile journey = journeys.getOrDefault(p.name(), profile);
            if (!viewersByJourney.containsKey(journey)) {
                inOrder.add(journey);
            }
            viewersByJourney.merge(journey, p.viewers(), Integer::sum);
        }
        Map<TargetProfile, Accounts> accounts = new java.util.IdentityHashMap<>();
        for (TargetProfile journey : inOrder) {
            journey.accounts().ifPresent(all -> {
                Accounts share = all.share(shard.index(), shard.count());
                share.shortOf(viewersByJourney.get(journey), shard.sharded() ? shard.describe() + "'s share" : "the night")
                        .ifPresent(line -> {
                            throw new RunRefused(RunRefused.BAD_PARAMETER, "profile " + journey.source() + ": " + line).printed();
                        });
                System.out.printf(java.util.Locale.ROOT, "dropnight: accounts: %,d of %,d rows of %s for %s (strategy %s, columns %s)%n",
                        share.rows().size(), all.rows().size(), share.file(), shard.sharded() ? shard.describe() : "the night",
                        share.strategy().label(), share.columns());
                accounts.put(journey, share);
            });
        }
        return new PreparedNight(invocation, parameters, shard, profile, announced, aim, wholeNight, plan, startedAt,
                java.util.Collections.unmodifiableMap(accounts), nightFile, Map.copyOf(journeys));
    }
}
