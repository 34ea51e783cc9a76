package io.dropnight.server.api;

import io.dropnight.core.Endpoint;
import io.netty.handler.codec.http.HttpMethod;

import java.util.function.Supplier;

/**
 * One route: a method, a path pattern with {@code {name}} segments, the endpoint it is measured
 * as, who may call it, and its handler.
 */
public record Route(HttpMethod method, String pattern, Endpoint endpoint, Access access, Handler handler) {

    /** Who may call a route. */
    public enum Access {
        /** Anyone. */
        PUBLIC,
        /** A valid session token ({@code Authorization: Bearer}). */
        SESSION,
        /** The admin token given at start. */
        ADMIN
    }

    /**
     * Reads a request and says how to answer it once the virtual backend has served it.
     * Thread-safe and non-blocking: called on event loops.
     */
    @FunctionalInterface
    public interface Handler {
        /**
         * @throws HttpProblem when the request is invalid (answered at once, before the backend)
         */
        Call prepare(RequestView request);
    }

    /**
     * A prepared answer.
     *
     * @param cacheKey the title-metadata cache key the backend work reads, or null
     * @param answer   builds the reply after the backend served the request; may throw HttpProblem
     */
    public record Call(String cacheKey, Supplier<Reply> answer) {
        public static Call of(Supplier<Reply> answer) {
            return new Call(null, answer);
        }
    }
}
