package io.dropnight.profile;

import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two expression languages of a profile: Gatling's {@code #{name}} (only its plain-name and
 * function forms are checked and, in the preflight, substituted) and JMESPath, compiled with the
 * same library Gatling's {@code jmesPath} check uses (io.burt jmespath-jackson). Thread-safe.
 */
public final class Expressions {
    /** {@code #{name}}, {@code #{name.field}}, {@code #{name(0)}} or a function {@code #{fn()}}: the leading identifier. */
    private static final Pattern EL = Pattern.compile("#\\{\\s*([A-Za-z_][A-Za-z0-9_]*)(\\()?[^}]*}");
    private static final JmesPath<JsonNode> JMES = new JacksonRuntime();

    private Expressions() {
    }

    /** The session names an EL text reads (Gatling functions such as {@code #{randomUuid()}} left out). */
    public static Set<String> referencedNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = EL.matcher(text);
        while (m.find()) {
            if (m.group(2) == null) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The text with each plain {@code #{name}} replaced by its value, and each of Gatling's
     * stand-alone functions ({@link ElFunctions}) by its value.
     *
     * @return empty when a name has no value, or a function is not one evaluated here
     */
    public static Optional<String> substitute(String text, Map<String, String> values) {
        Matcher m = EL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String value = m.group(2) == null ? values.get(m.group(1))
                    : ElFunctions.evaluate(token.substring(2, token.length() - 1)).orElse(null);
            if (value == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** Why a JMESPath does not compile, or empty when it does; {@code #{...}} are replaced by 0 first. */
    public static Optional<String> compileError(String expression) {
        try {
            JMES.compile(EL.matcher(expression).replaceAll("0"));
            return Optional.empty();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(message.lines().findFirst().orElse(message));
        }
    }

    /**
     * Whether an answer of this {@code Content-Type} is JSON, and so asked the profile's JMESPath
     * predicates (the load and the preflight alike): any media type holding "json"
     * (application/json, application/problem+json, application/graphql-response+json).
     */
    public static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    /** Evaluates a JMESPath on a JSON document; a null or missing result is empty. */
    public static Optional<JsonNode> evaluate(String expression, JsonNode document) {
        JsonNode result = JMES.compile(expression).search(document);
        return result == null || result.isNull() || result.isMissingNode() ? Optional.empty() : Optional.of(result);
    }
}
