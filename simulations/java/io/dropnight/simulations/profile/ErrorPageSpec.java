package io.dropnight.simulations.profile;

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
