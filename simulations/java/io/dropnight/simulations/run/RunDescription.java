package io.dropnight.simulations.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.core.Durations;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.dropnight.profile.TargetProfile;
import io.gatling.javaapi.core.Simulation;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's {@code run.json}: what was rehearsed (night, parameters, SLO thresholds), against what
 * (the capacity model and policy the service reports), and where (versions, machine), so that the
 * report and a later comparison can say why two runs differ.
 */
public final class RunDescription {
    private static final List<String> MODEL_KEYS =
            List.of("unconstrained", "scale", "slots", "queueLimit", "capacityPerSecond", "serviceTimes", "cache");

    private RunDescription() {
    }

    /** What run.json says instead of a capacity model when no embedded service was started. */
    public static final String EXTERNAL_TARGET = "external target";

    /**
     * @param metrics the service's /metrics document, empty when it could not be read (or not embedded)
     * @param profile the target profile the journey called the service with
     */
    public static ObjectNode of(RunFolder run, NightParameters parameters, NightPlan plan, Instant startedAt,
                                URI target, Optional<JsonNode> metrics, TargetProfile profile) {
        boolean embedded = parameters.target().isEmpty();
        ObjectNode o = RunFolder.newObject();
        o.put("runId", run.runId()).put("night", parameters.night().label()).put("startedAt", startedAt.toString())
                .put("dropAt", startedAt.plus(plan.dropOffset()).toString())
                .put("embedded", embedded);
        parameters(o.putObject("parameters"), parameters, plan);
        if (embedded) {
            // The stub's own settings describe the run only when the stub was the target.
            ((ObjectNode) o.get("parameters")).putPOJO("serviceFlags", parameters.service().toArgs());
            JsonNode backend = metrics.map(m -> m.get("backend")).orElse(null);
            o.set("capacity", capacityModel(backend));
            o.put("policy", backend != null && backend.hasNonNull("policy") ? backend.get("policy").asText()
                    : parameters.service().policy());
        } else {
            o.put("targetKind", EXTERNAL_TARGET);
        }
        profile(o.putObject("profile"), profile);
        o.putObject("phases").put("roundedToWholeSeconds", true)
                .put("why", "Gatling truncates every injection duration to whole seconds; each phase is planned in whole seconds");
        o.put("seed", parameters.service().seed());
        o.putObject("versions").put("dropnight", versionOf(Durations.class, "dev"))
                .put("gatling", versionOf(Simulation.class, "unknown")).put("java", System.getProperty("java.version"));
        o.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
                .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        o.put("target", target.toString());
        return o;
    }

    /**
     * Records the night's file and, per population, what its viewers do: behaviour, journey, refresh
     * behaviour, patience and planned arrivals (this injector's share).
     */
    public static void populations(ObjectNode runJson, String nightSource, NightPlan plan,
                                   java.util.function.Function<io.dropnight.simulations.nights.Population, TargetProfile> journey,
                                   java.util.function.Function<io.dropnight.simulations.nights.Population, String> refresh,
                                   java.util.function.ToIntFunction<io.dropnight.simulations.nights.Population> givesUpAfter) {
        runJson.put("nightFile", nightSource);
        com.fasterxml.jackson.databind.node.ArrayNode list = runJson.putArray("populations");
        long viewers = plan.viewers();
        for (io.dropnight.simulations.nights.Population p : plan.populations()) {
            TargetProfile j = journey.apply(p);
            list.addObject().put("name", p.name()).put("behaviour", p.journey().label())
                    .put("journey", j.name()).put("journeySource", j.source()).put("refresh", refresh.apply(p))
                    .put("givesUpAfter", givesUpAfter.applyAsInt(p)).put("plannedArrivals", p.totalArrivals())
                    .put("peakConcurrentViewers", p.closedModel() ? p.peakConcurrency() : 0)
                    .put("shareOfAudiencePercent", viewers == 0 ? 0 : 100.0 * p.viewers() / viewers);
        }
    }

    /**
     * Records the rehearsal's size against the night's: its planned viewers (the whole night's, every
     * injector's), the scale, the night's viewers at scale 1, and the real night's audience at full
     * size with the "1 in N" ratio when the night file states it.
     */
    public static void audience(ObjectNode runJson, io.dropnight.simulations.nights.NightFile night, NightPlan whole, double scale) {
        long planned = whole.viewers();
        ObjectNode a = runJson.putObject("audience").put("rehearsalViewers", planned).put("scale", scale)
                .put("viewersAtScaleOne", night.viewersAtScaleOne());
        night.audience().ifPresent(full -> a.put("fullSize", full).put("oneIn", (double) full / Math.max(1, planned)));
    }

    /**
     * Adds each population's own figures at the night's end ({@code figures} under its entry of
     * {@code populations}): viewers, requests, error pages and their rate, failures, refreshes, viewers
     * who gave up, streams started, and its time to play p50/p95/p99 in milliseconds.
     */
    public static void populationFigures(ObjectNode runJson, java.util.Map<String, io.dropnight.simulations.client.PopulationFigures.Snapshot> figures,
                                         NightPlan plan) {
        JsonNode list = runJson.path("populations");
        for (JsonNode entry : list) {
            io.dropnight.simulations.client.PopulationFigures.Snapshot f = figures.get(entry.path("name").asText());
            if (f == null) {
                continue;
            }
            ((ObjectNode) entry).putObject("figures").put("viewers", f.users()).put("requests", f.requests())
                    .put("errorPages", f.errorPages()).put("errorPageRatePercent", f.errorPageRatePercent())
                    .put("failures", f.failures()).put("refreshes", f.refreshes()).put("gaveUp", f.abandonments())
                    .put("playbackStarts", f.playbackStarts()).put("timeToPlayP50Ms", f.timeToPlayP50Ms())
                    .put("timeToPlayP95Ms", f.timeToPlayP95Ms()).put("timeToPlayP99Ms", f.timeToPlayP99Ms());
            // Arrivals per second of the injection: planned (this injector's share) and started.
            io.dropnight.simulations.nights.Population planned = plan.populations().stream()
                    .filter(p -> p.name().equals(entry.path("name").asText())).findFirst().orElse(null);
            if (planned != null && !planned.closedModel()) {
                int seconds = (int) Math.max(planned.injectionDuration().toSeconds(), f.arrivalsPerSecond().length);
                ObjectNode arrivals = ((ObjectNode) entry).putObject("arrivalsPerSecond");
                com.fasterxml.jackson.databind.node.ArrayNode plannedList = arrivals.putArray("planned");
                for (long n : io.dropnight.simulations.watch.PlannedArrivals.perSecond(planned, seconds)) {
                    plannedList.add(n);
                }
                com.fasterxml.jackson.databind.node.ArrayNode started = arrivals.putArray("started");
                for (int n : f.arrivalsPerSecond()) {
                    started.add(n);
                }
            }
        }
    }

    /**
     * Records which injector ran this run folder ({@code injector}: index, count) and the whole
     * night it is a share of, so that {@code merge-runs} can check the shares add up.
     */
    public static void injector(ObjectNode runJson, Shard shard, NightPlan wholeNight) {
        runJson.putObject("injector").put("index", shard.index()).put("count", shard.count())
                .put("nightArrivals", wholeNight.totalArrivals())
                .put("nightConcurrentViewers", wholeNight.peakConcurrentViewers());
    }

    /**
     * Records when this injector really started injecting and where its surge lands against the
     * drop ({@code injector.skewMs}: positive when late).
     */
    public static void surge(ObjectNode runJson, Instant injectionStartedAt, Instant surgeAt, Duration skew) {
        ObjectNode injector = runJson.has("injector") ? (ObjectNode) runJson.get("injector") : runJson.putObject("injector");
        injector.put("injectionStartedAt", injectionStartedAt.toString()).put("surgeAt", surgeAt.toString())
                .put("skewMs", skew.toMillis());
    }

    private static void parameters(ObjectNode p, NightParameters parameters, NightPlan plan) {
        p.put("scale", parameters.scale()).put("compression", parameters.compression())
                .put("dropOffset", Durations.format(plan.dropOffset())).put("refresh", parameters.refreshPolicy().label())
                .put("maxRefreshes", parameters.maxRefreshes()).put("arrivals", plan.totalArrivals())
                .put("sloEnforced", parameters.enforceSlos());
        p.putObject("slo").put("playbackStartP99Ms", parameters.slo().playbackStartP99Millis())
                .put("timeToPlayP95Ms", parameters.slo().timeToPlayP95Millis())
                .put("errorPageRatePct", parameters.slo().errorPageRatePercent())
                .put("abandonmentPct", parameters.slo().abandonmentPercent());
    }

    private static void profile(ObjectNode o, TargetProfile profile) {
        o.put("name", profile.name()).put("source", profile.source());
        o.putPOJO("skippedSteps", profile.skippedSteps());
        // the file as written: its secrets are ${env:NAME} placeholders, never their values
        o.put("content", profile.content());
        o.putPOJO("secrets", profile.secrets().names());
        // the accounts file's shape, never a value of it
        profile.accounts().ifPresent(a -> o.putObject("accounts").put("file", a.file().toString())
                .put("strategy", a.strategy().label()).put("rows", a.rows().size()).putPOJO("columns", a.columns()));
    }

    /**
     * Records the requests sent per request name ({@code requests}) and the answers the profile
     * did not describe ({@code unclassified}, with {@code warnUnclassified} true when there were any).
     */
    public static void answers(ObjectNode runJson, Map<String, Long> requestsByName, Map<String, Long> unclassified) {
        runJson.putPOJO("requests", requestsByName);
        runJson.putPOJO("unclassified", unclassified);
        runJson.put("warnUnclassified", !unclassified.isEmpty());
    }

    /**
     * Where the surge's first viewer really arrived, on the injector's own clock, and how far from
     * the drop ({@code surge.skewMs}: positive when late).
     */
    public static void surgeLanded(ObjectNode runJson, Instant firstArrival, Duration skew) {
        runJson.putObject("surge").put("firstArrivalAt", firstArrival.toString()).put("skewMs", skew.toMillis());
    }

    /** The model part of /metrics' {@code backend} (not its live counters), or null when unknown. */
    static ObjectNode capacityModel(JsonNode backend) {
        if (backend == null || !backend.isObject()) {
            return null;
        }
        ObjectNode model = RunFolder.newObject();
        for (String key : MODEL_KEYS) {
            if (backend.has(key)) {
                model.set(key, key.equals("cache") ? withoutCounters(backend.get(key)) : backend.get(key));
            }
        }
        return model;
    }

    private static JsonNode withoutCounters(JsonNode cache) {
        ObjectNode c = cache.deepCopy();
        c.remove(List.of("hits", "misses", "coalesced"));
        return c;
    }

    private static String versionOf(Class<?> type, String fallback) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? fallback : v;
    }
}
