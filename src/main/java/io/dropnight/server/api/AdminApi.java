package io.dropnight.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.ModelledBackend;
import io.dropnight.capacity.Stall;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;
import io.dropnight.core.JsonValues;
import io.dropnight.core.UntrustedText;
import io.dropnight.metrics.ServerMetrics;
import io.dropnight.shedding.OverloadPolicy;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Admin routes, behind the admin token: reset histograms, move the drop, change capacity and
 * policy, inject a backend fault. Bad values are 400s naming the field and rule, as config
 * errors are at start. Thread-safe; changes are serialised on this object.
 */
public final class AdminApi {
    private static final Set<String> CAPACITY_FIELDS = Set.of("policy", "slots", "queueLimit", "scale",
            "unconstrained", "serviceTimes");

    private final ServerMetrics metrics;
    private final ModelledBackend backend;
    private final DropSchedule drop;
    private final Consumer<Instant> onDropMoved;
    private final Clock clock;
    private final Json json;
    private final Staller staller;
    private final Consumer<CapacityModel> capacityChanged;
    private OverloadPolicy policy;
    private CapacityModel capacity;

    /** Blocks the service's threads for a while, now or at the drop: the test fault of a stalled host. */
    @FunctionalInterface
    public interface Staller {
        void stall(Duration duration, boolean atDrop);
    }

    public AdminApi(ServerMetrics metrics, ModelledBackend backend, DropSchedule drop, Consumer<Instant> onDropMoved,
                    Clock clock, Json json, OverloadPolicy policy, CapacityModel capacity, Staller staller) {
        this(metrics, backend, drop, onDropMoved, clock, json, policy, capacity, staller, c -> { });
    }

    /**
     * @param capacityChanged told the new model after the backend took it (the booking writes'
     *                        model follows a new scale or {@code unconstrained})
     */
    public AdminApi(ServerMetrics metrics, ModelledBackend backend, DropSchedule drop, Consumer<Instant> onDropMoved,
                    Clock clock, Json json, OverloadPolicy policy, CapacityModel capacity, Staller staller,
                    Consumer<CapacityModel> capacityChanged) {
        this.capacityChanged = java.util.Objects.requireNonNull(capacityChanged, "capacityChanged");
        this.metrics = metrics;
        this.backend = backend;
        this.drop = drop;
        this.onDropMoved = onDropMoved;
        this.clock = clock;
        this.json = json;
        this.policy = policy;
        this.capacity = capacity;
        this.staller = staller;
    }

    public Route.Call reset(RequestView request) {
        return Route.Call.of(() -> {
            metrics.reset();
            return Reply.json(HttpResponseStatus.OK, Map.of("reset", true));
        });
    }

    /** {@code {"at":"2026-11-26T01:00:00Z"}} or {@code {"in":"30s"}}. */
    public Route.Call drop(RequestView request) {
        JsonNode body = json.readObject(request.body());
        Instant at = parseDrop(body);
        return Route.Call.of(() -> {
            drop.moveTo(at);
            onDropMoved.accept(at);
            return Reply.json(HttpResponseStatus.OK, Map.of("dropAt", at.toString()));
        });
    }

    private Instant parseDrop(JsonNode body) {
        try {
            if (body.hasNonNull("at") && !body.has("in")) {
                return Instant.parse(body.get("at").asText());
            }
            if (body.hasNonNull("in") && !body.has("at")) {
                return clock.instant().plus(Durations.parse("in", body.get("in").asText()));
            }
        } catch (DateTimeException e) {
            throw HttpProblem.badRequest("at must be an ISO-8601 instant such as 2026-11-26T01:00:00Z");
        } catch (ConfigException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        throw HttpProblem.badRequest("give exactly one of at (ISO-8601 instant) or in (duration such as 30s)");
    }

    /** Any of policy, slots, queueLimit, scale, unconstrained, serviceTimes{endpoint: spec}. */
    public Route.Call capacity(RequestView request) {
        JsonNode body = json.readObject(request.body());
        return Route.Call.of(() -> {
            synchronized (this) {
                OverloadPolicy newPolicy = policy;
                CapacityModel model = capacity;
                try {
                    checkFields(body);
                    if (body.has("policy")) {
                        newPolicy = OverloadPolicy.parse("policy", body.get("policy").asText());
                    }
                    model = applyCapacity(body, model);
                } catch (ConfigException e) {
                    throw HttpProblem.badRequest(e.getMessage());
                }
                backend.reconfigure(newPolicy, model);
                capacityChanged.accept(model);
                policy = newPolicy;
                capacity = model;
                return Reply.json(HttpResponseStatus.OK, backend.describe());
            }
        });
    }

    private static void checkFields(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!CAPACITY_FIELDS.contains(f)) {
                throw new ConfigException(f, body.get(f), "is not a capacity setting; known: " + CAPACITY_FIELDS);
            }
        }
    }

    private static CapacityModel applyCapacity(JsonNode body, CapacityModel model) {
        if (body.has("slots")) {
            model = model.withSlots(JsonValues.wholeInt("slots", body.get("slots")));
        }
        if (body.has("queueLimit")) {
            model = model.withQueueLimit(JsonValues.wholeInt("queueLimit", body.get("queueLimit")));
        }
        if (body.has("scale")) {
            model = model.withScale(body.get("scale").asDouble(Double.NaN));
        }
        if (body.has("unconstrained")) {
            model = model.withUnconstrained(body.get("unconstrained").asBoolean());
        }
        JsonNode times = body.get("serviceTimes");
        if (times != null) {
            for (Map.Entry<String, JsonNode> e : times.properties()) {
                model = model.withServiceTime("serviceTimes", e.getKey(), e.getValue().asText());
            }
        }
        return model;
    }

    /**
     * {@code {"slowdown": 3.0, "outage": false}}; {@code {"slowdown": 1, "outage": false}} clears it.
     * {@code {"stallMs": 2000, "atDrop": true}} alone is the stalled-host test fault: every event
     * loop and the model's thread blocked for that long, at the drop (or now), leaving the
     * slowdown and outage as they are.
     */
    public Route.Call fault(RequestView request) {
        JsonNode body = json.readObject(request.body());
        if (body.has("stallMs") && !body.has("slowdown") && !body.has("outage")) {
            return stall(body);
        }
        JsonNode slowdownNode = body.get("slowdown");
        // asDouble would read "fast" as the default 1.0: a typo must not silently clear the fault.
        if (slowdownNode != null && !slowdownNode.isNumber()) {
            throw HttpProblem.badRequest("slowdown must be a number from 1 to 1000, got " + UntrustedText.abbreviate(slowdownNode.toString()));
        }
        double slowdown = slowdownNode == null ? 1.0 : slowdownNode.doubleValue();
        if (!(slowdown >= 1.0) || slowdown > 1000) {
            throw HttpProblem.badRequest("slowdown must be a number from 1 to 1000, got " + body.get("slowdown"));
        }
        JsonNode outageNode = body.get("outage");
        if (outageNode != null && !outageNode.isBoolean()) {
            throw HttpProblem.badRequest("outage must be true or false");
        }
        boolean outage = outageNode != null && outageNode.booleanValue();
        if (body.has("stallMs") || body.has("atDrop")) {
            throw HttpProblem.badRequest("stallMs is a fault of its own: give it without slowdown and outage");
        }
        return Route.Call.of(() -> {
            backend.setFault(slowdown, outage);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("slowdown", slowdown);
            reply.put("outage", outage);
            return Reply.json(HttpResponseStatus.OK, reply);
        });
    }

    private Route.Call stall(JsonNode body) {
        JsonNode ms = body.get("stallMs");
        if (!ms.canConvertToLong() || !ms.isIntegralNumber() || ms.longValue() < 1 || ms.longValue() > Stall.MAX.toMillis()) {
            throw HttpProblem.badRequest("stallMs must be a whole number of ms from 1 to " + Stall.MAX.toMillis() + ", got "
                    + UntrustedText.abbreviate(ms.toString()));
        }
        JsonNode atDropNode = body.get("atDrop");
        if (atDropNode != null && !atDropNode.isBoolean()) {
            throw HttpProblem.badRequest("atDrop must be true or false");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("stallMs") && !f.equals("atDrop")) {
                throw HttpProblem.badRequest(UntrustedText.abbreviate(f) + " is not a field of a stall; known: stallMs, atDrop");
            }
        }
        Duration duration = Duration.ofMillis(ms.longValue());
        boolean atDrop = atDropNode != null && atDropNode.booleanValue();
        return Route.Call.of(() -> {
            staller.stall(duration, atDrop);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("stallMs", duration.toMillis());
            reply.put("atDrop", atDrop);
            return Reply.json(HttpResponseStatus.OK, reply);
        });
    }
}
