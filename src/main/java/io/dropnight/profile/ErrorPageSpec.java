package io.dropnight.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the target's error page is told apart from an answer, whatever its status (a gateway may
 * serve its branded page with 200): any of a substring in the body, a status, a header present.
 * {@link #NONE} when the profile has no {@code errorPage}: then nothing is an error page.
 *
 * @param bodyContains a literal substring of the page's body
 * @param statuses     statuses that are the error page
 * @param header       a response header that only the error page carries
 * @param json         a JMESPath predicate on a JSON body: the error page when it is truthy (not null,
 *                     false, nor an empty string, list or object)
 */
public record ErrorPageSpec(Optional<String> bodyContains, Set<Integer> statuses, Optional<String> header, Optional<String> json) {
    public static final ErrorPageSpec NONE = new ErrorPageSpec(Optional.empty(), Set.of(), Optional.empty(), Optional.empty());

    public ErrorPageSpec {
        Objects.requireNonNull(bodyContains, "bodyContains");
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(json, "json");
    }

    /** Whether an answer with this status, body, header presence and JSON predicate is the error page. */
    public boolean matches(Integer status, boolean bodyMatched, boolean headerPresent, boolean jsonMatched) {
        return bodyMatched || headerPresent || jsonMatched || status != null && statuses.contains(status);
    }

    /**
     * Whether a whole answer in hand is the error page (the preflight's answers, a parallel group's
     * resources), read as the load's checks read one.
     *
     * @param contentType the answer's {@code Content-Type}, null when it has none
     * @param hasHeader   whether the answer carries a header, by name
     */
    public boolean matchesAnswer(int status, String contentType, String body, java.util.function.Predicate<String> hasHeader) {
        return matches(status, bodyContains.map(body::contains).orElse(false), header.map(hasHeader::test).orElse(false),
                json.map(e -> truthyOnJson(e, contentType, body)).orElse(false));
    }

    /**
     * A JMESPath predicate on an answer, as the night reads it: true when the answer is JSON (by its
     * {@code Content-Type}) and the predicate's value is {@link #truthy}; false for any other body.
     */
    public static boolean truthyOnJson(String expression, String contentType, String body) {
        if (!Expressions.isJson(contentType)) {
            return false;
        }
        try {
            return Expressions.evaluate(expression, JSON.readTree(body))
                    .map(v -> truthy(v.isTextual() ? v.asText() : v.toString())).orElse(false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** JMESPath's truth of a value as Gatling saved it (text): not null, false, nor empty. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        String text = String.valueOf(value).strip();
        return !(text.isEmpty() || text.equals("false") || text.equals("null") || text.equals("[]") || text.equals("{}")
                || text.equals("\"\""));
    }
}
