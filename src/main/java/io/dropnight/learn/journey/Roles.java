package io.dropnight.learn.journey;

import io.dropnight.profile.Role;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The roles a journey needs, recognised by modest rules stated in the draft's header ({@link #RULE}),
 * or named with {@code --play} and {@code --wait}: the journey reader wants exactly one play and one
 * wait-for-drop step, so a session with neither recognised nor named makes no draft (one line, exit 2).
 * Stateless.
 */
final class Roles {
    static final Set<String> PLAY_WORDS = Set.of("play", "playback", "playbacks", "stream", "streams", "watch");
    static final Set<String> HEARTBEAT_WORDS = Set.of("heartbeat", "heartbeats", "keepalive", "keep-alive", "ping");
    static final String RULE = "play: the first step whose path has a segment " + new java.util.TreeSet<>(PLAY_WORDS)
            + " (or --play); wait-for-drop: the last GET before play that answered (or --wait); session: a POST before it that"
            + " sends a password; heartbeat: the first step after play whose path has a segment " + new java.util.TreeSet<>(HEARTBEAT_WORDS);

    private Roles() {
    }

    /**
     * Gives {@code steps} their roles.
     *
     * @throws HarException when no play or wait-for-drop step is recognised or named
     */
    static void assign(List<DraftStep> steps, Optional<Pattern> play, Optional<Pattern> waitFor, String file) {
        int p = find(steps, play, 0, steps.size(), s -> segment(s, PLAY_WORDS), true);
        if (p < 0) {
            throw new HarException(file + ": no play step recognised (" + (play.isPresent() ? "--play " + play.get() + " matches no step"
                    : "rule: a path segment " + new java.util.TreeSet<>(PLAY_WORDS)) + "): name it with --play REGEX, matched on"
                    + " 'METHOD path' of a step: " + keys(steps));
        }
        int w = -1;
        for (int i = p - 1; i >= 0 && waitFor.isEmpty(); i--) {
            if (plain(steps.get(i)) && steps.get(i).call().method.equals("GET")) {
                w = i;
                break;
            }
        }
        if (waitFor.isPresent()) {
            w = find(steps, waitFor, 0, p, s -> true, false);
        }
        if (w < 0) {
            throw new HarException(file + ": no wait-for-drop step recognised before the play step (" + (waitFor.isPresent()
                    ? "--wait " + waitFor.get() + " matches no step before it" : "rule: the last GET before play that answered")
                    + "): name it with --wait REGEX: " + keys(steps.subList(0, p)));
        }
        steps.get(p).role = Role.PLAY;
        steps.get(w).role = Role.WAIT_FOR_DROP;
        int s = find(steps, Optional.empty(), 0, w, Roles::sendsPassword, true);
        if (s >= 0 && steps.get(s).call().method.equals("POST")) {
            steps.get(s).role = Role.SESSION;
        }
        int h = find(steps, Optional.empty(), p + 1, steps.size(), st -> segment(st, HEARTBEAT_WORDS), true);
        if (h >= 0) {
            steps.get(h).role = Role.HEARTBEAT;
        }
        for (DraftStep st : steps) {
            if (st.role != Role.STEP) {
                st.optional = false;
            }
        }
    }

    private static int find(List<DraftStep> steps, Optional<Pattern> named, int from, int to,
                            java.util.function.Predicate<DraftStep> rule, boolean plainOnly) {
        for (int i = from; i < to; i++) {
            DraftStep s = steps.get(i);
            boolean eligible = !s.group() && (!plainOnly || plain(s) || named.isPresent());
            if (eligible && named.map(re -> re.matcher(key(s)).find()).orElseGet(() -> rule.test(s))) {
                return i;
            }
        }
        return -1;
    }

    /** A step that may take a role: one request, not a static asset, not answered with the error page. */
    private static boolean plain(DraftStep s) {
        return !s.group() && !s.errorPage && !s.isAssets();
    }

    private static boolean segment(DraftStep s, Set<String> words) {
        String path = s.call().recorded.url().getRawPath() == null ? "" : s.call().recorded.url().getRawPath();
        for (String seg : path.split("/")) {
            if (words.contains(seg.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sendsPassword(DraftStep s) {
        DraftCall c = s.call();
        return c.form.keySet().stream().anyMatch(k -> Names.secret(k)) || c.json != null && c.json.isObject()
                && java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(c.json.fieldNames(), 0), false)
                .anyMatch(Names::secret);
    }

    /** What {@code --play} and {@code --wait} are matched on: {@code METHOD address} as drafted. */
    static String key(DraftStep s) {
        return s.call().method + " " + s.call().address;
    }

    private static String keys(List<DraftStep> steps) {
        return steps.stream().filter(s -> !s.group()).map(Roles::key).limit(16).toList().toString();
    }
}
