package io.dropnight.server;

import io.dropnight.auth.TokenService;
import io.dropnight.server.api.HttpProblem;
import io.dropnight.server.api.Route;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.Objects;
import java.util.function.Function;

/**
 * Who may call a route: reads {@code Authorization: Bearer <token>} and checks it against the
 * route's {@link Route.Access}. Stateless and thread-safe: one is shared by every connection.
 */
final class Authenticator {
    private static final String BEARER = "Bearer ";

    private final Function<String, String> sessions;
    private final String adminToken;

    /**
     * @param sessions   maps a bearer token to its profile id, or null when invalid
     * @param adminToken the admin token (compared in constant time)
     */
    Authenticator(Function<String, String> sessions, String adminToken) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
    }

    /**
     * The caller's subject: null on a public route, {@code admin} on an admin route, the session's
     * profile id otherwise.
     *
     * @throws HttpProblem 401 saying which token the route needs
     */
    String subject(Route.Access access, HttpHeaders headers) {
        if (access == Route.Access.PUBLIC) {
            return null;
        }
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        String token = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()).trim() : null;
        if (access == Route.Access.ADMIN) {
            if (!TokenService.constantTimeEquals(adminToken, token)) {
                throw HttpProblem.unauthorized("admin routes need Authorization: Bearer <admin token>");
            }
            return "admin";
        }
        String subject = token == null ? null : sessions.apply(token);
        if (subject == null) {
            throw HttpProblem.unauthorized(token == null
                    ? "this route needs Authorization: Bearer <token> from POST /api/session"
                    : "the session token is invalid or expired; get a new one from POST /api/session");
        }
        return subject;
    }
}
