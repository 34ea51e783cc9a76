package io.dropnight.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How every value of one journey file is read and refused: text, statuses, durations, JMESPath,
 * {@code #{name}}s against the names known so far, secrets; the first breach is a
 * {@link ProfileException} naming the file, the key and the rule. One per file read; not thread-safe.
 */
final class FileRules {
    private final String source;
    private final Secrets secrets;
    /** Names a step may use: built-ins and what earlier steps saved. */
    final Set<String> known = new LinkedHashSet<>(List.of(TargetProfile.USER_ID));
    /** Why {@code #{episodeId}} is not known yet, added to the unknown-name line; empty once it is known. */
    String episodeHint = "";

    FileRules(String source, Secrets secrets) {
        this.source = source;
        this.secrets = secrets;
    }

    void only(JsonNode node, String field, boolean allowed, String at, String where) {
        if (node.has(field) && !allowed) {
            throw fail(at + "." + field, "belongs only to " + where);
        }
    }

    boolean bool(JsonNode v, String key) {
        if (!v.isBoolean()) {
            throw fail(key, "is true or false");
        }
        return v.asBoolean();
    }

    Interval interval(String key, String text) {
        try {
            return Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    /** A scalar as text; empty when absent or null; anything else is one line naming {@code key}. */
    Optional<String> value(JsonNode v, String key) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw fail(key, "must be a text value");
        }
        return Optional.of(v.asText());
    }

    /** A JMESPath predicate on a JSON answer: compiles, and uses no session name (it reads the answer only). */
    String predicate(String key, String expression) {
        if (!Expressions.referencedNames(expression).isEmpty()) {
            throw fail(key, "reads the answer only: no #{name} here");
        }
        jmesPath(key, expression);
        return expression;
    }

    Set<Integer> statuses(JsonNode node, String key) {
        if (!node.isArray() || node.isEmpty()) {
            throw fail(key, "must be a list of HTTP statuses, such as [200, 204]");
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode s : node) {
            if (!s.isIntegralNumber()) {
                throw fail(key, "'" + s.asText() + "' is not an HTTP status");
            }
            out.add(httpStatus(key, s.asInt()));
        }
        return out;
    }

    int httpStatus(String key, int status) {
        if (status < 100 || status > 599) {
            throw fail(key, status + " is not an HTTP status (100 to 599)");
        }
        return status;
    }

    Duration duration(String key, String text) {
        try {
            Duration d = Durations.parse(key, text);
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw fail(key, "'" + text + "' must be at least 1s");
            }
            return d;
        } catch (ConfigException e) {
            throw fail(key, "'" + text + "' must be a duration such as 60s or 1m");
        }
    }

    /** Every {@code #{name}} in {@code text} must be a built-in or saved by an earlier step. */
    void names(String key, String text) {
        for (String name : Expressions.referencedNames(text)) {
            if (!known.contains(name)) {
                throw fail(key, "#{" + name + "} is not saved by an earlier step (known here: " + known + ")"
                        + (name.equals(TargetProfile.EPISODE_ID) ? episodeHint : ""));
            }
        }
    }

    void jmesPath(String key, String expression) {
        Optional<String> error = Expressions.compileError(expression);
        if (error.isPresent()) {
            throw fail(key, "JMESPath '" + expression + "' does not compile: " + error.get());
        }
    }

    void onlyKeys(JsonNode node, String prefix, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw fail(prefix + k, "unknown key (allowed here: " + allowed + ")");
            }
        }
    }

    /** The value at {@code key} of {@code node} (a mapping, or null), read as {@link #value} reads one. */
    Optional<String> text(JsonNode node, String key) {
        return value(node == null ? null : node.get(key), key);
    }

    /** {@code text} with its {@code ${env:NAME}} secrets resolved (TargetProfile keeps the file's text as written). */
    String secret(String key, String text) {
        return secrets.resolve(source, key, text);
    }

    ProfileException fail(String key, String rule) {
        return new ProfileException(source, key, rule);
    }
}
