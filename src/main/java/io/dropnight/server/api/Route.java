package io.dropnight.server.api;

import io.dropnight.core.Endpoint;
import io.netty.handler.codec.http.HttpMethod;

import java.util.concurrent.CompletionStage;
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
     * A prepared answer: either built at once ({@code answer}) or later ({@code later}), after the
     * backend served the request.
     *
     * @param cacheKey the title-metadata cache key the backend work reads, or null
     * @param answer   builds the reply after the backend served the request; may throw HttpProblem; null
     *                 when {@code later} is given
     * @param later    starts work that completes with the reply later (a durable commit), on any
     *                 thread; must not block; a failed stage is answered with the error page; or null
     */
    public record Call(String cacheKey, Supplier<Reply> answer, Supplier<CompletionStage<Reply>> later) {
        public Call {
            if ((answer == null) == (later == null)) {
                throw new IllegalArgumentException("a call has exactly one of answer and later");
            }
        }

        public Call(String cacheKey, Supplier<Reply> answer) {
            this(cacheKey, answer, null);
        }

        public static Call of(Supplier<Reply> answer) {
            return new Call(null, answer);
        }

        /** A reply that is ready when {@code later}'s stage completes. */
        public static Call later(Supplier<CompletionStage<Reply>> later) {
            return new Call(null, null, later);
        }
    }
}
