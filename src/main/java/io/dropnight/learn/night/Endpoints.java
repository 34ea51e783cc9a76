package io.dropnight.learn.night;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's endpoint: its method and its path with ids replaced by {@code {id}}. A path segment
 * holding a digit is an id ({@code /v2/shows/42}, {@code /titles/show-7c1e}, a UUID) unless it is a
 * version ({@code v2}); so {@code GET /v2/shows/{id}}. At most {@link #MAX} endpoints are told
 * apart, in the order first seen; the rest are counted together as {@link #OTHER}. Not thread-safe.
 */
final class Endpoints {
    /** Endpoints told apart. */
    static final int MAX = 64;
    /** The id and name of every endpoint past the first {@link #MAX}. */
    static final int OTHER_ID = MAX;
    static final String OTHER = "(other endpoints)";

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final StringBuilder template = new StringBuilder();

    /** The id of {@code method path}'s endpoint, from 0; {@link #OTHER_ID} past {@link #MAX}. */
    int idOf(String method, String path) {
        String name = name(method, path);
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        if (names.size() == MAX) {
            return OTHER_ID;
        }
        ids.put(name, names.size());
        names.add(name);
        return names.size() - 1;
    }

    /** The endpoints told apart, by id. */
    List<String> names() {
        return List.copyOf(names);
    }

    /** The endpoint's name, such as {@code GET /v2/shows/{id}}. */
    String name(String method, String path) {
        template.setLength(0);
        template.append(method).append(' ');
        int from = 0;
        while (from < path.length()) {
            int slash = path.indexOf('/', from + 1);
            int end = slash < 0 ? path.length() : slash;
            if (isId(path, from + 1, end)) {
                template.append("/{id}");
            } else {
                template.append(path, from, end);
            }
            from = end;
        }
        for (int i = 0; i < template.length(); i++) {
            if (template.charAt(i) < 0x20 || template.charAt(i) == 0x7f) {
                template.setCharAt(i, '?'); // a JSON line's path may hold a line break; names go into comments and pages
            }
        }
        return template.toString();
    }

    private static boolean isId(String path, int from, int to) {
        boolean digit = false;
        for (int i = from; i < to && !digit; i++) {
            char c = path.charAt(i);
            digit = c >= '0' && c <= '9';
        }
        if (!digit) {
            return false;
        }
        boolean version = to - from >= 2 && to - from <= 4 && (path.charAt(from) == 'v' || path.charAt(from) == 'V');
        for (int i = from + 1; i < to && version; i++) {
            version = path.charAt(i) >= '0' && path.charAt(i) <= '9';
        }
        return !version;
    }
}
