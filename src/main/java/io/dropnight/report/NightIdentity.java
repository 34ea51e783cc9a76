package io.dropnight.report;

import io.dropnight.runfolder.RunFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What makes several runs one night, so that their histograms may be added: the same night,
 * target profile (when recorded), target, drop instant and SLO thresholds, and no injector twice.
 * Stateless.
 */
final class NightIdentity {
    /** run.json fields that must be equal in every run (absent counts as a value: absent everywhere is fine). */
    private static final List<String> SAME = List.of("night", "profile", "target");

    private NightIdentity() {
    }

    /**
     * @throws RunFileException naming the first mismatch and the two runs that differ
     */
    static void check(List<RunData> runs) throws RunFileException {
        RunData first = runs.get(0);
        for (RunData other : runs.subList(1, runs.size())) {
            for (String field : SAME) {
                same(field, first, first.runInfo().path(field), other, other.runInfo().path(field));
            }
            sameInstant(first, other);
            same("parameters.slo", first, first.runInfo().path("parameters").path("slo"),
                    other, other.runInfo().path("parameters").path("slo"));
            same("injector.count", first, first.runInfo().path("injector").path("count"),
                    other, other.runInfo().path("injector").path("count"));
        }
        Map<Integer, String> seen = new HashMap<>();
        for (RunData run : runs) {
            JsonNode index = run.runInfo().path("injector").path("index");
            if (index.isInt() && run.runInfo().path("injector").path("count").asInt(1) > 1) {
                String before = seen.putIfAbsent(index.asInt(), run.runId());
                if (before != null) {
                    throw new RunFileException(String.format(java.util.Locale.ROOT,
                            "runs are not one night: injector %d appears twice (%s and %s); its viewers would count twice",
                            index.asInt(), before, run.runId()));
                }
            }
        }
    }

    private static void same(String field, RunData a, JsonNode va, RunData b, JsonNode vb) throws RunFileException {
        if (!Objects.equals(va, vb)) {
            throw new RunFileException("runs are not one night: " + field + " differs: " + a.runId() + " has "
                    + shown(va) + ", " + b.runId() + " has " + shown(vb));
        }
    }

    private static void sameInstant(RunData a, RunData b) throws RunFileException {
        JsonNode va = a.runInfo().path("dropAt");
        JsonNode vb = b.runInfo().path("dropAt");
        if (va.isTextual() && vb.isTextual() && instant(va.asText()).equals(instant(vb.asText()))) {
            return;
        }
        same("dropAt", a, va, b, vb);
    }

    private static Object instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private static String shown(JsonNode v) {
        return v == null || v instanceof MissingNode ? "none" : v.isTextual() ? v.asText() : v.toString();
    }
}
