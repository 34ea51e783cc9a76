package io.dropnight.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropnight.core.ConfigException;
import io.dropnight.core.JsonValues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a YAML config file (see docs/config-example.yml) into a {@link ServiceConfigBuilder}: its
 * keys and their types are those of {@link Setting#all()}. Unknown keys are errors, not silently
 * ignored: a typo in a capacity setting would otherwise make a rehearsal run with the wrong model.
 */
public final class ConfigFile {
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
        Setting.applyAll(read(root), builder, Setting::key);
    }

    /** The settings the file gives, each checked against its kind. */
    private static Map<Setting, Object> read(JsonNode root) {
        Map<String, Set<String>> known = new LinkedHashMap<>();
        for (Setting s : Setting.all()) {
            known.computeIfAbsent(s.section() == null ? "" : s.section() + ".", k -> new TreeSet<>()).add(s.name());
            if (s.section() != null) {
                known.computeIfAbsent("", k -> new TreeSet<>()).add(s.section());
            }
        }
        checkKeys("", root, known.get(""));
        Map<Setting, Object> given = new LinkedHashMap<>();
        for (Setting s : Setting.all()) {
            JsonNode parent = s.section() == null ? root : section(root, s.section(), known.get(s.section() + "."));
            JsonNode v = parent == null ? null : parent.get(s.name());
            if (v != null && !v.isNull()) {
                given.put(s, value(s, v));
            }
        }
        return given;
    }

    private static Object value(Setting s, JsonNode v) {
        return switch (s.kind()) {
            case TEXT -> v.asText();
            case WHOLE -> JsonValues.wholeInt(s.key(), v);
            case LONG -> JsonValues.wholeLong(s.key(), v);
            case NUMBER -> {
                if (!v.isNumber()) {
                    throw new ConfigException(s.key(), v, "must be a number");
                }
                yield v.doubleValue();
            }
            case SWITCH -> {
                if (!v.isBoolean()) {
                    throw new ConfigException(s.key(), v, "must be true or false");
                }
                yield v.booleanValue();
            }
            case PATH -> Path.of(v.asText());
            case ENTRIES -> {
                if (!v.isObject()) {
                    throw new ConfigException(s.key(), v, "must be a mapping of endpoint: spec");
                }
                List<String> entries = new ArrayList<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    entries.add(e.getKey() + "=" + e.getValue().asText());
                }
                yield entries;
            }
        };
    }

    private static void checkKeys(String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(prefix + key, node.get(key), "is not a known setting; known here: "
                        + String.join(", ", known));
            }
        }
    }

    /** The section's mapping, or null when the file has none. */
    private static JsonNode section(JsonNode root, String name, Set<String> known) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new ConfigException(name, n, "must be a mapping");
        }
        checkKeys(name + ".", n, known);
        return n;
    }
}
