package io.dropnight.learn.journey;

import io.dropnight.profile.TargetProfile;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Drafts a journey from a recorded session: requests in order become steps (static assets folded
 * into parallel groups or left out), redirects are the harness's to follow, values sent are tied to
 * the earlier answers that returned them ({@link Correlator}), error pages make a step optional and
 * the file's {@code errorPage}, repeats of one request are one step, roles are recognised
 * ({@link Roles}), and names are given to steps and hosts ({@link StepNames}). Stateless.
 */
public final class JourneyDrafter {
    /** Phrases of a branded error page, found in an answer's text whatever its status (stated in the draft). */
    static final List<String> ERROR_PHRASES = List.of("something went wrong", "we're having trouble", "we are having trouble",
            "try again later");
    private static final int MAX_GROUP = 8;
    /** The methods a journey file's request may have (docs/JOURNEYS.md). */
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private JourneyDrafter() {
    }

    /** @throws HarException when the session makes no journey (no play step, only assets, too many endpoints) */
    public static JourneyDraft draft(HarReader.Session session, DraftSettings settings) {
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        count(leftOut, "entries not http(s)", session.notHttp());
        count(leftOut, "requests the browser never completed (status 0)", session.incomplete());
        count(leftOut, "CORS preflights (OPTIONS, the browser's own)", session.preflights());
        List<Exchange[]> pairs = followRedirects(session.exchanges(), leftOut, settings.exclude());
        if (pairs.stream().allMatch(p -> AssetRule.isAsset(p[0]))) {
            throw new HarException(session.file() + ": holds only static assets (rule: " + AssetRule.RULE + "): nothing to draft a journey from");
        }
        Map<String, String> hosts = StepNames.hosts(pairs.stream().map(p -> p[0]).filter(e -> !AssetRule.isAsset(e)).toList(),
                pairs.stream().map(p -> p[0]).toList());
        Drafting d = new Drafting(session.file().toString(), hosts, settings.foldAssets(), leftOut);
        pairs.forEach(d::add);
        d.flush();
        List<DraftStep> steps = mergeRepeats(d.steps);
        Roles.assign(steps, settings.play(), settings.waitForDrop(), session.file().toString());
        DropInstant.capture(steps);
        StepNames.name(steps);
        int endpoints = steps.size() + 1; // and the wait-for-drop step's reloads
        if (endpoints > TargetProfile.MAX_ENDPOINTS) {
            throw new HarException(session.file() + ": the session makes " + endpoints + " endpoints (" + steps.size()
                    + " steps and the wait-for-drop step's reloads): a journey has at most " + TargetProfile.MAX_ENDPOINTS
                    + "; leave requests out with --exclude REGEX" + (settings.foldAssets() ? " or static assets with --assets omit" : ""));
        }
        d.errorStatuses.removeIf(s -> s < 500 && s != 429 || Set.of(502, 503, 504).contains(s));
        return new JourneyDraft(settings.name(), session, settings, hosts, steps, d.errorStatuses, d.phrase, d.correlator.uncorrelated(),
                leftOut, unsetCookies(pairs));
    }

    /** The steps as they are made, in the session's order: requests, groups of assets, error pages. One per draft. */
    private static final class Drafting {
        final Correlator correlator = new Correlator();
        final List<DraftStep> steps = new ArrayList<>();
        final Set<Integer> errorStatuses = new TreeSet<>();
        String phrase = "";
        private final List<Exchange[]> assets = new ArrayList<>();
        private final Map<String, String> hosts;
        private final boolean fold;
        private final Map<String, Integer> leftOut;
        private final String file;

        Drafting(String file, Map<String, String> hosts, boolean fold, Map<String, Integer> leftOut) {
            this.file = file;
            this.hosts = hosts;
            this.fold = fold;
            this.leftOut = leftOut;
        }

        void add(Exchange[] p) {
            if (AssetRule.isAsset(p[0])) {
                if (fold) {
                    assets.add(p);
                } else {
                    count(leftOut, "static assets (--assets omit)", 1);
                }
                return;
            }
            flush();
            DraftStep step = new DraftStep(p[1]);
            step.calls.add(template(p[0], step));
            String errorPhrase = errorPhrase(p[1]);
            if (p[1].status() >= 500 || p[1].status() == 429 || !errorPhrase.isEmpty()) {
                step.errorPage = true;
                step.optional = true;
                errorStatuses.add(p[1].status());
                phrase = phrase.isEmpty() ? errorPhrase : phrase;
                step.comments.add("answered with the error page in the recording (status " + p[1].status()
                        + "): optional, so the journey goes on; drop optional: if the recording caught a bad moment");
            } else {
                correlator.answered(step, p[1]);
            }
            steps.add(step);
        }

        private DraftCall template(Exchange e, DraftStep step) {
            try {
                return RequestTemplate.of(e, hostName(hosts, e), step, correlator);
            } catch (HarException ex) {
                throw new HarException(file + ": " + ex.getMessage());
            }
        }

        /** Consecutive assets: groups of 2 to 8 as parallel steps, a lone one as an optional step. */
        void flush() {
            for (int from = 0; from < assets.size(); from += MAX_GROUP) {
                List<Exchange[]> chunk = assets.subList(from, Math.min(assets.size(), from + MAX_GROUP));
                DraftStep step = new DraftStep(chunk.get(0)[1]);
                for (Exchange[] a : chunk) {
                    step.calls.add(template(a[0], step));
                }
                step.optional = chunk.size() == 1;
                if (chunk.size() == 1) {
                    step.comments.add("a lone static asset: a step of its own, optional");
                }
                steps.add(step);
            }
            assets.clear();
        }
    }

    /** A request and its final answer; a redirect's follow-up is the harness's to make, so it is not a step. */
    private static List<Exchange[]> followRedirects(List<Exchange> all, Map<String, Integer> leftOut, Optional<Pattern> exclude) {
        List<Exchange[]> pairs = new ArrayList<>();
        Set<Integer> followed = new LinkedHashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Exchange e = all.get(i);
            if (followed.contains(i)) {
                continue;
            }
            if (!METHODS.contains(e.method())) {
                count(leftOut, "requests of a method a journey does not make (not " + METHODS + ")", 1);
                continue;
            }
            if (exclude.isPresent() && exclude.get().matcher(e.url().toString()).find()) {
                count(leftOut, "requests matching --exclude", 1);
                continue;
            }
            Exchange answer = e;
            for (int j = i + 1; answer.status() / 100 == 3 && answer.responseHeader("Location").isPresent() && j < all.size(); j++) {
                URI next = resolve(answer.url(), answer.responseHeader("Location").get());
                if (all.get(j).url().equals(next) && !followed.contains(j)) {
                    followed.add(j);
                    answer = all.get(j);
                }
            }
            pairs.add(new Exchange[] {e, answer});
        }
        count(leftOut, "redirects' follow-ups (the harness follows redirects)", followed.size());
        return pairs;
    }

    private static URI resolve(URI base, String location) {
        try {
            return base.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return base;
        }
    }

    /** Steps that make the same request are one: the first, with the others' captures and statuses. */
    private static List<DraftStep> mergeRepeats(List<DraftStep> steps) {
        Map<String, DraftStep> first = new LinkedHashMap<>();
        List<DraftStep> out = new ArrayList<>();
        for (DraftStep s : steps) {
            String key = s.calls.stream().map(DraftCall::key).toList().toString();
            DraftStep kept = first.putIfAbsent(key, s);
            if (kept == null) {
                out.add(s);
                continue;
            }
            kept.made++;
            s.captures.forEach(kept.captures::putIfAbsent);
            kept.statusesSeen.add(s.status);
            if (kept.errorPage && !s.errorPage) {
                kept.errorPage = false;
                kept.optional = false;
                kept.comments.clear();
                kept.status = s.status;
            }
        }
        return out;
    }

    private static String errorPhrase(Exchange answer) {
        String text = answer.responseText().orElse("");
        String lower = text.toLowerCase(Locale.ROOT);
        for (String p : ERROR_PHRASES) {
            int at = lower.indexOf(p);
            if (at >= 0) {
                return text.substring(at, at + p.length());
            }
        }
        return "";
    }

    private static String hostName(Map<String, String> hosts, Exchange e) {
        return hosts.entrySet().stream().filter(h -> h.getValue().equals(e.origin())).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** Cookies a request sent that no earlier answer set: set before the recording began; the draft cannot send them. */
    private static Set<String> unsetCookies(List<Exchange[]> pairs) {
        Set<String> set = new LinkedHashSet<>();
        Set<String> unset = new TreeSet<>();
        for (Exchange[] p : pairs) {
            p[0].requestHeader("Cookie").ifPresent(cookies -> {
                for (String c : cookies.split(";")) {
                    String name = c.split("=", 2)[0].trim();
                    if (!name.isEmpty() && !set.contains(name)) {
                        unset.add(name);
                    }
                }
            });
            for (Exchange e : List.of(p[0], p[1])) {
                e.responseHeaders().stream().filter(h -> h.name().equalsIgnoreCase("Set-Cookie"))
                        .forEach(h -> set.add(h.value().split("=", 2)[0].trim()));
            }
        }
        return unset;
    }

    private static void count(Map<String, Integer> leftOut, String why, int n) {
        if (n > 0) {
            leftOut.merge(why, n, Integer::sum);
        }
    }
}
