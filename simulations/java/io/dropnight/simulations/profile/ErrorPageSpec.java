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
 */
public record ErrorPageSpec(Optional<String> bodyContains, Set<Integer> statuses, Optional<String> header) {
    public static final ErrorPageSpec NONE = new ErrorPageSpec(Optional.empty(), Set.of(), Optional.empty());

    public ErrorPageSpec {
        Objects.requireNonNull(bodyContains, "bodyContains");
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
        Objects.requireNonNull(header, "header");
    }

    /** Whether an answer with this status, body and header presence is the error page. */
    public boolean matches(Integer status, boolean bodyMatched, boolean headerPresent) {
        return bodyMatched || headerPresent || status != null && statuses.contains(status);
    }
}
