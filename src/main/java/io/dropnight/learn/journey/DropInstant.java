package io.dropnight.learn.journey;

import io.dropnight.profile.Role;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The drop instant a target announces, so that a night aims at it: the first JSON field, in an
 * answer before the wait-for-drop step, whose name says release, drop, avail(able), launch,
 * premiere or start and whose value is an ISO-8601 instant with its zone, captured as
 * {@code dropAt} (docs/JOURNEYS.md). Stateless.
 */
final class DropInstant {
    static final String RULE = "dropAt: the first JSON field before the wait-for-drop step named like release, drop, available,"
            + " launch, premiere or start whose value is an ISO-8601 instant";
    private static final Pattern KEY = Pattern.compile("(?i).*(release|drop|avail|launch|premiere|start).*");

    private DropInstant() {
    }

    static void capture(List<DraftStep> steps) {
        for (DraftStep s : steps) {
            if (s.role == Role.WAIT_FOR_DROP) {
                return;
            }
            if (s.group() || s.errorPage) {
                continue;
            }
            Optional<String> path = new AnswerSources(s.answer).firstField((key, node) -> node.isTextual() && KEY.matcher(key).matches()
                    && instant(node.asText()));
            if (path.isPresent()) {
                s.captures.put("dropAt", new Source(Source.Kind.JSON, path.get(), "dropAt"));
                s.comments.add("dropAt: the drop instant this answer announces; the night aims at it (or -DdropAt)");
                return;
            }
        }
    }

    private static boolean instant(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
