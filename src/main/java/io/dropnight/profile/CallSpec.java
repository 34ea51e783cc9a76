package io.dropnight.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one step of the journey is called on the target: method, path and body (Gatling expression
 * language, {@code #{name}}), what to save from the JSON answer (JMESPath by session name), and
 * which statuses mean it worked. Immutable; validated by {@link ProfileReader}.
 *
 * @param step      the profile key of the step ({@code session}, {@code home}, ...), also the request name
 * @param method    HTTP method, upper case
 * @param path      path and query, may hold {@code #{name}}
 * @param body      request body (sent as JSON), may hold {@code #{name}}
 * @param form      an HTML form's fields in order (sent as {@code application/x-www-form-urlencoded}), values may
 *                  hold {@code #{name}}; empty when the step sends none (never beside a body)
 * @param save      session name → JMESPath on the JSON body, in the order written
 * @param captures  session name → a value read from a header, a cookie or the body by regex, in the order written
 * @param okStatuses statuses that mean the step worked
 * @param host      the named host the step calls ({@link TargetProfile#hosts()}); empty for {@code -Dtarget}
 * @param role      what the call's step means to the night
 * @param headers   sent on this call only (values may hold {@code #{name}}), beside the profile's common ones
 * @param absolute  {@code path} is a whole URL ({@code url:}, usually one captured from an earlier answer)
 * @param rawBody   the body is sent as written ({@code body:} in a journey file, {@code text/plain} unless the
 *                  call's headers name a type); otherwise a body is JSON
 */
public record CallSpec(String step, String method, String path, Optional<String> body, Map<String, String> form,
                       Map<String, String> save,
                       Map<String, Capture> captures, Set<Integer> okStatuses, Optional<String> host, Role role,
                       Map<String, String> headers, boolean absolute, boolean rawBody) {
    public CallSpec {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        form = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(form, "form")));
        save = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(save, "save")));
        captures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(captures, "captures")));
        okStatuses = Set.copyOf(Objects.requireNonNull(okStatuses, "okStatuses"));
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** Every name this call saves: its JSON saves, then its captures. */
    public java.util.List<String> savedNames() {
        java.util.List<String> names = new java.util.ArrayList<>(save.keySet());
        names.addAll(captures.keySet());
        return names;
    }
}
