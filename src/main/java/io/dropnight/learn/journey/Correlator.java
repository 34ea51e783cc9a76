package io.dropnight.learn.journey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the session in order and ties each value a request sends to the earliest earlier answer
 * that returned it: the answering step gets a {@code capture}, the request a {@code #{name}}. A value
 * the client sent before any answer returned it is the client's own, never captured later (an
 * echo is not a source); one that looks generated and was never returned is listed. One per draft;
 * not thread-safe.
 */
final class Correlator {
    /** A value the draft could not tie to an earlier answer, where it was sent. */
    record Uncorrelated(DraftStep step, String where, String value) {
    }

    private record Answer(DraftStep step, AnswerSources sources) {
    }

    private final List<Answer> answers = new ArrayList<>();
    private final Map<String, String> named = new LinkedHashMap<>();
    private final Set<String> own = new HashSet<>();
    private final Set<String> names = new LinkedHashSet<>(Names.RESERVED);
    private final List<Uncorrelated> uncorrelated = new ArrayList<>();

    /** {@code step}'s answer may be a later request's source (not an error page, not a group's). */
    void answered(DraftStep step, Exchange answer) {
        answers.add(new Answer(step, new AnswerSources(answer)));
    }

    /**
     * {@code #{name}} for a value {@code step} sends at {@code where}, capturing it on the earliest
     * answer that returned it; empty when the value is not worth correlating or was not returned.
     */
    Optional<String> reference(DraftStep step, String where, String value) {
        Optional<String> found = lookup(value, hintOf(where));
        if (found.isEmpty() && Names.worth(value) && own.add(value) && Names.generated(value)) {
            uncorrelated.add(new Uncorrelated(step, where, value));
        }
        return found;
    }

    /** As {@link #reference}, but a value not found is not remembered as the client's own (a whole URL, a secret). */
    Optional<String> lookup(String value, String fallbackHint) {
        return lookup(value, fallbackHint, false);
    }

    /**
     * As {@link #lookup(String, String)}; {@code jsonOnly}: only a JSON field is a source (an asset's
     * path: an id a JSON answer gave, never a file name a page's HTML linked).
     */
    Optional<String> lookup(String value, String fallbackHint, boolean jsonOnly) {
        if (!Names.worth(value) || own.contains(value)) {
            return Optional.empty();
        }
        String name = named.get(value);
        if (name != null) {
            return Optional.of("#{" + name + "}");
        }
        for (Answer a : answers) {
            Optional<Source> source = a.sources().find(value).filter(src -> !jsonOnly || src.kind() == Source.Kind.JSON);
            if (source.isPresent()) {
                // A regex knows no field: the name comes from where the value is sent (a header, a parameter).
                String unique = unique(source.get().kind() == Source.Kind.REGEX ? fallbackHint : source.get().hint());
                a.step().captures.put(unique, source.get());
                named.put(value, unique);
                return Optional.of("#{" + unique + "}");
            }
        }
        return Optional.empty();
    }

    /** {@code header X-CSRF} → csrf, {@code query profile} → profile, {@code path segment 3} → value. */
    private static String hintOf(String where) {
        String last = where.substring(where.lastIndexOf(' ') + 1);
        return where.startsWith("path segment") || where.equals("body") ? "value" : Names.camel(last.replaceAll("\\[\\d+]", ""));
    }

    /** {@code text} with every captured value of 8 characters or more that it holds replaced by its {@code #{name}}. */
    String replaceKnown(String text) {
        String out = text;
        for (Map.Entry<String, String> e : named.entrySet()) {
            if (e.getKey().length() >= 8 && out.contains(e.getKey())) {
                out = out.replace(e.getKey(), "#{" + e.getValue() + "}");
            }
        }
        return out;
    }

    List<Uncorrelated> uncorrelated() {
        return List.copyOf(uncorrelated);
    }

    /** Takes a capture name no one has, not one the harness reserves (userId, episodeId, ...). */
    String unique(String hint) {
        String base = Names.RESERVED.contains(hint) ? "recorded" + Character.toUpperCase(hint.charAt(0)) + hint.substring(1) : hint;
        String name = base;
        int n = 1;
        while (!names.add(name)) {
            name = base + (++n);
        }
        return name;
    }
}
