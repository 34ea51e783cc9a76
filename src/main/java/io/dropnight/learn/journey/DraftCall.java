package io.dropnight.learn.journey;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request of the draft, as the journey file writes it: values that earlier answers returned
 * already replaced by {@code #{name}}, secrets by placeholders. Built by {@link RequestTemplate};
 * mutable until written. Not thread-safe.
 */
final class DraftCall {
    final Exchange recorded;
    final String method;
    /** The named host ({@code hosts:}); empty for a whole URL ({@link #absolute}). */
    Optional<String> host;
    /** Path and query on the host, or a whole URL ({@code url:}) when {@link #absolute}. */
    String address;
    boolean absolute;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** At most one of these three. */
    JsonNode json;
    final Map<String, String> form = new LinkedHashMap<>();
    Optional<String> body = Optional.empty();
    /** Why the recorded body is not in the draft (binary, multipart), or empty. */
    Optional<String> bodyLeftOut = Optional.empty();

    DraftCall(Exchange recorded, String host, String address) {
        this.recorded = recorded;
        this.method = recorded.method();
        this.host = Optional.of(host);
        this.address = address;
    }

    /** Method, host and address, headers and body: two calls with the same key make the same request. */
    String key() {
        return method + " " + host.orElse("") + address + " " + headers + " " + (json == null ? "" : JsonText.write(json)) + form
                + body.orElse("");
    }
}
