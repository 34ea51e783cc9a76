package io.dropnight.server.api;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Map;

/**
 * A request the service refuses, with the status, a stable code and a sentence for a person.
 * Thrown by routes while they read a request; answered as {@code {"error":{"code","message"}}}.
 * Carries no stack trace: it is control flow, not a bug.
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;
    private final transient Map<String, Object> extra;

    public HttpProblem(HttpResponseStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public HttpProblem(HttpResponseStatus status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = Map.copyOf(extra);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON reply for this problem. */
    public Reply reply() {
        java.util.LinkedHashMap<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", Map.of("code", code, "message", getMessage()));
        body.putAll(extra);
        return Reply.json(status, body);
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", message);
    }

    public static HttpProblem notFound(String message) {
        return new HttpProblem(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", message);
    }

    public static HttpProblem unauthorized(String message) {
        return new HttpProblem(HttpResponseStatus.UNAUTHORIZED, "UNAUTHORIZED", message);
    }
}
