package io.dropnight.reservations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the reservations answer a request, before it becomes HTTP: a status and a JSON object. A
 * write's first answer is kept and given again to a retry with the same idempotency key. Immutable.
 *
 * @param status HTTP status code
 * @param body   the JSON object, in field order
 */
public record Answer(int status, Map<String, Object> body) {
    public Answer {
        Objects.requireNonNull(body, "body");
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /** A refusal: {@code {"reason": reason, "message": message}} plus {@code extra} fields. */
    static Answer refusal(int status, String reason, String message, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        body.put("message", message);
        return new Answer(status, body);
    }
}
