package io.dropnight.learn.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.profile.Expressions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one recorded answer returned a value, by the preference the draft states: a JSON field (a
 * JMESPath the journey reader compiles, checked here to give the value back), then a response
 * header, then a {@code Set-Cookie}, then a regular expression on the body's text (checked here to
 * find the value first). One per answer; its JSON is parsed once. Not thread-safe.
 */
final class AnswerSources {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers every answer has, never a value the client sends back on purpose. */
    private static final Set<String> ORDINARY = Set.of("date", "content-length", "content-type", "server", "connection", "keep-alive",
            "vary", "cache-control", "expires", "last-modified", "age", "via", "transfer-encoding", "content-encoding", "accept-ranges",
            "strict-transport-security", "alt-svc", "set-cookie", "etag", "pragma", "x-content-type-options", "x-frame-options");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
    /** An HTTP header's or cookie's name, as the journey reader checks it. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private final Exchange answer;
    private JsonNode json;
    private boolean parsed;

    AnswerSources(Exchange answer) {
        this.answer = answer;
    }

    /** Where this answer returned {@code value}, or empty; a plain word only from an id-named JSON field. */
    Optional<Source> find(String value) {
        boolean word = Names.plainWord(value);
        Optional<Source> found = jsonField(value, word);
        if (found.isPresent() || word) {
            return found;
        }
        for (Exchange.Header h : answer.responseHeaders()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!ORDINARY.contains(name) && h.value().trim().equals(value) && h.name().matches(TOKEN)) {
                return Optional.of(new Source(Source.Kind.HEADER, h.name(), Names.camel(h.name())));
            }
            if (name.equals("set-cookie")) {
                String[] pair = h.value().split(";", 2)[0].split("=", 2);
                if (pair.length == 2 && pair[1].trim().equals(value) && pair[0].trim().matches(TOKEN)) {
                    return Optional.of(new Source(Source.Kind.COOKIE, pair[0].trim(), Names.camel(pair[0].trim())));
                }
            }
        }
        return answer.responseText().flatMap(text -> regex(text, value));
    }

    /** The JSON answer, parsed once; empty when the answer is not JSON. */
    Optional<JsonNode> json() {
        if (!parsed) {
            parsed = true;
            String text = answer.responseText().orElse("").trim();
            if (Expressions.isJson(answer.responseMime()) || text.startsWith("{") || text.startsWith("[")) {
                try {
                    json = JSON.readTree(text);
                } catch (java.io.IOException e) {
                    json = null; // not JSON after all: the regex search reads it as text
                }
            }
        }
        return Optional.ofNullable(json).filter(j -> j.isContainerNode());
    }

    /** Breadth first, so that the shallowest field wins: {@code data.hero.id} before {@code data.rows[3].items[0].id}. */
    private Optional<Source> jsonField(String value, boolean word) {
        return firstField((key, node) -> node.isValueNode() && !node.isNull() && node.asText().equals(value) && (!word || Names.idKey(key)))
                .filter(path -> !path.contains("#{") && !path.contains("${"))
                .filter(path -> json().flatMap(root -> Expressions.evaluate(path, root)).map(JsonNode::asText).filter(value::equals).isPresent())
                .map(path -> new Source(Source.Kind.JSON, path, jsonHint(path)));
    }

    /**
     * The JMESPath of the shallowest field (breadth first, in document order) that {@code test} holds
     * for, given the field's key (an array's elements have their array's key) and value.
     */
    Optional<String> firstField(java.util.function.BiPredicate<String, JsonNode> test) {
        Optional<JsonNode> root = json();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Deque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {"", "", root.get()});
        while (!queue.isEmpty()) {
            Object[] e = queue.poll();
            String path = (String) e[0];
            String key = (String) e[1];
            JsonNode node = (JsonNode) e[2];
            if (!path.isEmpty() && test.test(key, node)) {
                return Optional.of(path);
            }
            if (node.isObject()) {
                node.properties().forEach(p -> queue.add(new Object[] {join(path, field(p.getKey())), p.getKey(), p.getValue()}));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    queue.add(new Object[] {path + "[" + i + "]", key, node.get(i)});
                }
            }
        }
        return Optional.empty();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A JMESPath field: an identifier as it is, anything else quoted. */
    private static String field(String key) {
        return IDENTIFIER.matcher(key).matches() ? key : JsonText.quote(key);
    }

    /** {@code data.home.hero.id} → heroId; {@code manifest.url} → manifestUrl; {@code access_token} → accessToken. */
    private static String jsonHint(String path) {
        List<String> fields = java.util.Arrays.stream(path.replaceAll("\\[\\d+]", "").split("\\."))
                .map(f -> f.replace("\"", "")).filter(f -> !f.isEmpty()).toList();
        if (fields.isEmpty()) {
            return "value";
        }
        String last = fields.get(fields.size() - 1);
        boolean generic = Set.of("id", "url", "href", "value", "key", "token", "uri", "link").contains(last.toLowerCase(Locale.ROOT));
        return Names.camel(generic && fields.size() > 1 ? fields.get(fields.size() - 2) + "-" + last : last);
    }

    /**
     * A regular expression whose first match's group is the value: up to 32 characters of literal
     * text before it (on its line), the value's characters, lazily, up to the character after it.
     */
    private static Optional<Source> regex(String text, String value) {
        int at = text.indexOf(value);
        if (at < 0) {
            return Optional.empty();
        }
        String group = SAFE.matcher(value).matches() ? "([A-Za-z0-9._~-]+?)" : value.matches("[^\"'<>\\s&]+") ? "([^\"'<>\\s&]+?)" : null;
        if (group == null) {
            return Optional.empty();
        }
        int end = at + value.length();
        String after = end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r'
                ? escape(String.valueOf(text.charAt(end))) : "(?m:$)";
        int lineStart = Math.max(text.lastIndexOf('\n', at - 1) + 1, 0);
        for (int before : new int[] {8, 16, 32}) {
            int from = Math.max(lineStart, at - before);
            String prefix = from == lineStart ? "(?m)^" + escape(text.substring(from, at)) : escape(text.substring(from, at));
            String re = prefix + group + after;
            if (re.contains("#{")) {
                return Optional.empty(); // Gatling would read it as an expression
            }
            Matcher m = Pattern.compile(re).matcher(text);
            if (m.find() && m.group(1).equals(value)) {
                return Optional.of(new Source(Source.Kind.REGEX, re, "value"));
            }
            if (from == lineStart) {
                break;
            }
        }
        return Optional.empty();
    }

    /** {@code text} as a regular expression matching itself, each metacharacter escaped. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
