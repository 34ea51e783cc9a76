package io.dropnight.server.api;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What a route answers, before it becomes bytes: a status, a content type and either an object
 * for Jackson, ready bytes, a writer of the body, or nothing. Immutable.
 *
 * @param status      HTTP status
 * @param contentType the Content-Type header, or null for an empty body
 * @param json        an object to serialise as JSON, or null
 * @param bytes       a ready body, or null
 * @param writer      writes the body when the response is built, or null
 * @param headers     extra headers
 */
public record Reply(HttpResponseStatus status, String contentType, Object json, byte[] bytes, BodyWriter writer,
                    Map<String, String> headers) {

    /**
     * Writes a body straight into the response's buffer, which the response builder allocates and
     * owns: the writer neither keeps nor closes the stream. Runs once, on the event loop, so it
     * must not block.
     */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(HttpResponseStatus status, Object body) {
        return new Reply(status, JSON, body, null, null, Map.of());
    }

    public static Reply jsonBytes(HttpResponseStatus status, byte[] body) {
        return new Reply(status, JSON, null, body, null, Map.of());
    }

    public static Reply html(HttpResponseStatus status, String body) {
        return new Reply(status, HTML, null, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, Map.of());
    }

    public static Reply empty(HttpResponseStatus status) {
        return new Reply(status, null, null, null, null, Map.of());
    }

    /** A body of {@code contentType} that {@code writer} writes when the response is built. */
    public static Reply written(HttpResponseStatus status, String contentType, BodyWriter writer) {
        return new Reply(status, contentType, null, null, java.util.Objects.requireNonNull(writer, "writer"), Map.of());
    }

    public Reply withHeader(String name, String value) {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, json, bytes, writer, h);
    }
}
