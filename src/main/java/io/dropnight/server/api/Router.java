package io.dropnight.server.api;

import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a method and a decoded path to a {@link Route}. Patterns are literal segments and
 * {@code {name}} captures; the first matching route wins. Immutable and thread-safe.
 */
public final class Router {
    private final List<Route> routes;
    private final List<String[]> patterns = new ArrayList<>();

    /** The result of matching: a route with its captured parameters, or why there is none. */
    public record Match(Route route, Map<String, String> pathParams, Set<HttpMethod> allowed) {
        public boolean found() {
            return route != null;
        }

        /** The path exists but not for this method (answer 405 with {@link #allowed()}). */
        public boolean methodNotAllowed() {
            return route == null && !allowed.isEmpty();
        }
    }

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (Route r : routes) {
            patterns.add(segments(r.pattern()));
        }
    }

    public Match match(HttpMethod method, String path) {
        String[] given = segments(path);
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            Map<String, String> params = capture(patterns.get(i), given);
            if (params == null) {
                continue;
            }
            Route r = routes.get(i);
            if (r.method().equals(method)) {
                return new Match(r, params, Set.of());
            }
            allowed.add(r.method());
        }
        return new Match(null, Map.of(), allowed);
    }

    private static Map<String, String> capture(String[] pattern, String[] given) {
        if (pattern.length != given.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (given[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(2);
                }
                params.put(p.substring(1, p.length() - 1), given[i]);
            } else if (!p.equals(given[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/") && p.length() > 0) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
