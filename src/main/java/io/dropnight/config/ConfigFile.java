package io.dropnight.config;

import io.dropnight.core.JsonValues;
import io.dropnight.core.ConfigException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a YAML config file (see docs/config-example.yml) into a {@link ServiceConfigBuilder}.
 * Unknown keys are errors, not silently ignored: a typo in a capacity setting would otherwise
 * make a rehearsal run with the wrong model.
 */
public final class ConfigFile {
    private static final Set<String> TOP = Set.of("host", "port", "seed", "titles", "drop-at", "drop-in", "zone",
            "drop-episodes", "policy", "admin-token", "session-ttl", "run-dir", "metrics-interval", "error-page-status", "capacity",
            "cache", "limits");
    private static final Set<String> CAPACITY = Set.of("unconstrained", "scale", "slots", "queue-limit", "service-times");
    private static final Set<String> CACHE = Set.of("ttl", "miss-cost-factor", "single-flight", "prewarm");
    private static final Set<String> LIMITS = Set.of("max-connections", "idle-timeout", "request-timeout",
            "max-body-bytes", "max-header-bytes");

    private ConfigFile() {
    }

    /**
     * Applies the file's settings to {@code builder}.
     *
     * @throws ConfigException for an unreadable file, bad YAML, an unknown key or a bad value
     */
    public static void applyTo(Path file, ServiceConfigBuilder builder) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config", file, "no such file");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException("config", file, "is not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("config", file, "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("config", file, "must be a YAML mapping of settings");
        }
        applyTop(root, builder);
    }

    private static void applyTop(JsonNode root, ServiceConfigBuilder b) {
        checkKeys("", root, TOP);
        text(root, "host").ifPresent(b::host);
        integer(root, "port", "port").ifPresent(b::port);
        if (root.has("seed")) {
            b.seed(JsonValues.wholeLong("seed", root.get("seed")));
        }
        integer(root, "titles", "titles").ifPresent(b::titles);
        if (root.hasNonNull("drop-at") && root.hasNonNull("drop-in")) {
            // Each setter clears the other, so the later one would silently win.
            throw new ConfigException("drop-at", root.get("drop-at").asText(), "give drop-at or drop-in, not both");
        }
        text(root, "drop-at").ifPresent(b::dropAt);
        text(root, "drop-in").ifPresent(b::dropIn);
        text(root, "zone").ifPresent(b::zone);
        integer(root, "drop-episodes", "drop-episodes").ifPresent(b::dropEpisodes);
        text(root, "policy").ifPresent(b::policy);
        text(root, "admin-token").ifPresent(b::adminToken);
        text(root, "session-ttl").ifPresent(b::sessionTtl);
        text(root, "run-dir").ifPresent(t -> b.runDir(Path.of(t)));
        text(root, "metrics-interval").ifPresent(b::metricsInterval);
        integer(root, "error-page-status", "error-page-status").ifPresent(b::errorPageStatus);
        section(root, "capacity", CAPACITY).ifPresent(c -> applyCapacity(c, b));
        section(root, "cache", CACHE).ifPresent(c -> applyCache(c, b));
        section(root, "limits", LIMITS).ifPresent(c -> applyLimits(c, b));
    }

    private static void applyCapacity(JsonNode c, ServiceConfigBuilder b) {
        bool(c, "unconstrained", "capacity.unconstrained").ifPresent(b::unconstrained);
        number(c, "scale", "capacity.scale").ifPresent(b::scale);
        integer(c, "slots", "capacity.slots").ifPresent(b::slots);
        integer(c, "queue-limit", "capacity.queue-limit").ifPresent(b::queueLimit);
        JsonNode times = c.get("service-times");
        if (times != null) {
            if (!times.isObject()) {
                throw new ConfigException("capacity.service-times", times, "must be a mapping of endpoint: spec");
            }
            for (Map.Entry<String, JsonNode> e : times.properties()) {
                b.serviceTime(e.getKey(), e.getValue().asText());
            }
        }
    }

    private static void applyCache(JsonNode c, ServiceConfigBuilder b) {
        text(c, "ttl").ifPresent(b::cacheTtl);
        number(c, "miss-cost-factor", "cache.miss-cost-factor").ifPresent(b::cacheMissCostFactor);
        bool(c, "single-flight", "cache.single-flight").ifPresent(b::singleFlight);
        bool(c, "prewarm", "cache.prewarm").ifPresent(b::prewarm);
    }

    private static void applyLimits(JsonNode c, ServiceConfigBuilder b) {
        integer(c, "max-connections", "limits.max-connections").ifPresent(b::maxConnections);
        text(c, "idle-timeout").ifPresent(b::idleTimeout);
        text(c, "request-timeout").ifPresent(b::requestTimeout);
        integer(c, "max-body-bytes", "limits.max-body-bytes").ifPresent(b::maxBodyBytes);
        integer(c, "max-header-bytes", "limits.max-header-bytes").ifPresent(b::maxHeaderBytes);
    }

    private static void checkKeys(String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(prefix + key, node.get(key), "is not a known setting; known here: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static java.util.Optional<JsonNode> section(JsonNode root, String name, Set<String> known) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return java.util.Optional.empty();
        }
        if (!n.isObject()) {
            throw new ConfigException(name, n, "must be a mapping");
        }
        checkKeys(name + ".", n, known);
        return java.util.Optional.of(n);
    }

    private static java.util.Optional<String> text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? java.util.Optional.empty() : java.util.Optional.of(v.asText());
    }

    private static java.util.Optional<Integer> integer(JsonNode n, String key, String field) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(JsonValues.wholeInt(field, v));
    }

    private static java.util.Optional<Double> number(JsonNode n, String key, String field) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return java.util.Optional.empty();
        }
        if (!v.isNumber()) {
            throw new ConfigException(field, v, "must be a number");
        }
        return java.util.Optional.of(v.doubleValue());
    }

    private static java.util.Optional<Boolean> bool(JsonNode n, String key, String field) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return java.util.Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new ConfigException(field, v, "must be true or false");
        }
        return java.util.Optional.of(v.booleanValue());
    }
}
