package io.dropnight.simulations.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.core.Durations;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.gatling.javaapi.core.Simulation;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /**
     * @param metrics the service's /metrics document, empty when it could not be read
     */
    public static ObjectNode of(RunFolder run, NightParameters parameters, NightPlan plan, Instant startedAt,
                                URI target, Optional<JsonNode> metrics) {
        ObjectNode o = RunFolder.newObject();
        o.put("runId", run.runId()).put("night", parameters.night().label()).put("startedAt", startedAt.toString())
                .put("dropAt", startedAt.plus(plan.dropOffset()).toString())
                .put("embedded", parameters.target().isEmpty());
        parameters(o.putObject("parameters"), parameters, plan);
        JsonNode backend = metrics.map(m -> m.get("backend")).orElse(null);
        o.set("capacity", capacityModel(backend));
        o.put("policy", backend != null && backend.hasNonNull("policy") ? backend.get("policy").asText()
                : parameters.service().policy());
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
        p.putPOJO("serviceFlags", parameters.service().toArgs());
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
