package io.dropnight.server.api;

import io.dropnight.core.UntrustedText;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Map;

/**
 * The parts of a request a route reads. Valid only during {@link Route.Handler#prepare}: the
 * body buffer belongs to the server and is released afterwards, so a route copies what it needs.
 *
 * @param method       the request method
 * @param path         the decoded path, without query
 * @param pathParams   values captured from the route pattern's {@code {name}} segments
 * @param query        decoded query parameters
 * @param headers      request headers
 * @param body         request body (may be empty), not owned by the route
 * @param subject      the session's profile id after authentication, or null on public routes
 */
public record RequestView(HttpMethod method, String path, Map<String, String> pathParams,
                          Map<String, List<String>> query, HttpHeaders headers, ByteBuf body, String subject) {

    /** The first value of query parameter {@code name}, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A path parameter as a positive id, or a 400 naming it. */
    public long idParam(String name) {
        String text = pathParams.get(name);
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpProblem.badRequest(name + " must be a positive whole number, got '" + UntrustedText.abbreviate(text) + "'");
    }
}
