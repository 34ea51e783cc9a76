package io.dropnight.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * How the target says "not yet" to a play attempt before the drop: a status, and optionally a
 * substring its body must hold (so that another 403 stays a failure). The viewer waits and
 * retries; it is not an error.
 *
 * @param status       the status of a locked answer
 * @param bodyContains a literal substring of a locked answer's body, when the status alone is ambiguous
 * @param json         a JMESPath predicate a locked answer's JSON body must make true, when the status
 *                     alone is ambiguous (a 200 with {@code errors[0].code == 'NOT_YET_AVAILABLE'})
 */
public record Locked(int status, Optional<String> bodyContains, Optional<String> json) {
    public Locked {
        Objects.requireNonNull(bodyContains, "bodyContains");
        Objects.requireNonNull(json, "json");
    }
}
