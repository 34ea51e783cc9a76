package io.dropnight.learn.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names of a JSON line's fields, each the learner's own name unless {@code --field NAME=KEY}
 * renames it ({@code --field time=time_iso8601 --field path=uri}). Top-level fields only. Immutable.
 *
 * @param names the learner's name of each field to the name the log uses
 */
public record JsonFields(Map<String, String> names) {
    /** The fields a JSON line is read for: time, method, path, status; duration, address and agent when there. */
    public static final List<String> KNOWN = List.of("time", "method", "path", "status", "duration", "address", "agent");

    public JsonFields {
        names = Map.copyOf(Objects.requireNonNull(names, "names"));
    }

    /** Every field under its own name. */
    public static JsonFields defaults() {
        return parse(List.of());
    }

    /**
     * @param renames {@code NAME=KEY} pairs
     * @throws LogFileException (one line) for an unknown name or a pair without {@code =}
     */
    public static JsonFields parse(List<String> renames) {
        Map<String, String> names = new LinkedHashMap<>();
        KNOWN.forEach(n -> names.put(n, n));
        for (String pair : renames) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq).trim();
            String key = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (!KNOWN.contains(name) || key.isEmpty()) {
                throw new LogFileException("--field " + pair + ": must be NAME=KEY with NAME one of " + KNOWN + ", such as time=time_iso8601");
            }
            names.put(name, key);
        }
        return new JsonFields(names);
    }

    /** The log's name for the learner's field {@code name}. */
    public String of(String name) {
        return names.get(name);
    }
}
