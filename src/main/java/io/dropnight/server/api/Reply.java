package io.dropnight.server.api;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Map;

/**
 * What a route answers, before it becomes bytes: a status, a content type and either an object
 * for Jackson, ready bytes, or nothing. Immutable.
 *
 * @param status      HTTP status
 * @param contentType the Content-Type header, or null for an empty body
 * @param json        an object to serialise as JSON, or null
 * @param bytes       a ready body, or null
 * @param headers     extra headers
 */
public record Reply(HttpResponseStatus status, String contentType, Object json, byte[] bytes,
                    Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(HttpResponseStatus status, Object body) {
        return new Reply(status, JSON, body, null, Map.of());
    }

    public static Reply jsonBytes(HttpResponseStatus status, byte[] body) {
        return new Reply(status, JSON, null, body, Map.of());
    }

    public static Reply html(HttpResponseStatus status, String body) {
        return new Reply(status, HTML, null, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    public static Reply empty(HttpResponseStatus status) {
        return new Reply(status, null, null, null, Map.of());
    }

    public Reply withHeader(String name, String value) {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, json, bytes, h);
    }
}
