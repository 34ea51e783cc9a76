package io.dropnight.simulations.journey;

import io.dropnight.simulations.profile.CallSpec;
import io.dropnight.simulations.profile.ErrorPageSpec;
import io.dropnight.simulations.profile.Locked;
import io.dropnight.simulations.profile.TargetProfile;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * How each call of the journey is made on the target, built from its {@link TargetProfile}:
 * route, body, headers, what is saved from the answer, and how the answer is read (the error
 * page, a locked episode, an answer the profile does not describe). {@link Steps} says what a
 * viewer does; this class says how a call looks on the wire. Thread-safe: built once, shared.
 */
public final class TargetCalls {
    /** The answer's status, saved by every call. */
    static final String HTTP_STATUS = "httpStatus";
    /** Occurrences of {@code errorPage.bodyContains} in the answer's body. */
    static final String ERROR_PAGE_BODY_MATCHES = "errorPageBodyMatches";
    /** Present when the answer carries {@code errorPage.header}. */
    static final String ERROR_PAGE_HEADER = "errorPageHeader";
    /** Occurrences of {@code play.locked.bodyContains} in the answer's body. */
    static final String LOCKED_BODY_MATCHES = "lockedBodyMatches";
    static final String RETRY_AFTER = "retryAfter";
    /** Whether the final episode is out, from the title page ({@code title.finalAvailable}). */
    static final String FINAL_AVAILABLE = "finalAvailable";
    /** Prefix of the names that hold what this attempt's saves found (the saved names keep the last found). */
    private static final String FOUND = "found.";

    private final TargetProfile profile;

    public TargetCalls(TargetProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public TargetProfile profile() {
        return profile;
    }

    /** The call as a Gatling request named {@code requestName}, with its saves and {@link #checks}. */
    HttpRequestActionBuilder request(CallSpec call, String requestName) {
        HttpRequestActionBuilder r = http(requestName).httpRequest(call.method(), call.path());
        if (!call.step().equals("session")) {
            for (Map.Entry<String, String> h : profile.headers().entrySet()) {
                r = r.header(h.getKey(), h.getValue());
            }
        }
        if (call.body().isPresent()) {
            r = r.body(StringBody(call.body().get())).asJson();
        }
        return r.check(checks(call));
    }

    /**
     * Saves first, validates last: every check runs, so the saves survive a failed validation
     * (Gatling then marks the request KO in its own statistics).
     */
    CheckBuilder[] checks(CallSpec call) {
        ErrorPageSpec page = profile.errorPage();
        List<CheckBuilder> checks = new ArrayList<>();
        checks.add(status().saveAs(HTTP_STATUS));
        page.bodyContains().ifPresent(m -> checks.add(substring(m).count().saveAs(ERROR_PAGE_BODY_MATCHES)));
        page.header().ifPresent(h -> checks.add(header(h).optional().saveAs(ERROR_PAGE_HEADER)));
        checks.add(header("Retry-After").optional().saveAs(RETRY_AFTER));
        Optional<Locked> locked = lockedFor(call);
        locked.flatMap(Locked::bodyContains).ifPresent(m -> checks.add(substring(m).count().saveAs(LOCKED_BODY_MATCHES)));
        for (Map.Entry<String, String> save : call.save().entrySet()) {
            checks.add(saveCheck(save.getKey(), save.getValue(), FOUND + save.getKey()));
        }
        if (call.step().equals("title")) {
            profile.finalAvailable().ifPresent(e -> checks.add(jmesPath(e).ofBoolean().optional().saveAs(FINAL_AVAILABLE)));
        }
        Set<Integer> expected = new LinkedHashSet<>(call.okStatuses());
        locked.ifPresent(l -> expected.add(l.status()));
        checks.add(status().in(List.copyOf(expected)));
        page.bodyContains().ifPresent(m -> checks.add(substring(m).notExists()));
        page.header().ifPresent(h -> checks.add(header(h).notExists()));
        return checks.toArray(CheckBuilder[]::new);
    }

    private static CheckBuilder saveCheck(String name, String expression, String saveAs) {
        // The journey reads a list of episode ids as a list; every other value as Gatling's default (text).
        return name.equals(TargetProfile.EPISODE_IDS)
                ? jmesPath(expression).ofList().optional().saveAs(saveAs)
                : jmesPath(expression).optional().saveAs(saveAs);
    }

    /**
     * Keeps what this attempt's saves found under their own names, for later steps; a save that
     * found nothing leaves the value an earlier answer gave.
     */
    Session keepSaves(Session s, CallSpec call) {
        Session kept = s;
        for (String name : call.save().keySet()) {
            if (s.contains(FOUND + name)) {
                kept = kept.set(name, s.get(FOUND + name));
            }
        }
        return kept;
    }

    /** The session names a call's answer writes, removed before each attempt so they describe that attempt. */
    String[] answerNames(CallSpec call) {
        List<String> names = new ArrayList<>(List.of(HTTP_STATUS, ERROR_PAGE_BODY_MATCHES, ERROR_PAGE_HEADER,
                LOCKED_BODY_MATCHES, RETRY_AFTER, FINAL_AVAILABLE));
        call.save().keySet().forEach(n -> names.add(FOUND + n));
        return names.toArray(String[]::new);
    }

    /** How the viewer reads the answer now in the session. */
    Outcome classify(Session s, CallSpec call) {
        Integer status = s.contains(HTTP_STATUS) ? s.getInt(HTTP_STATUS) : null;
        boolean bodyMatched = s.contains(ERROR_PAGE_BODY_MATCHES) && s.getInt(ERROR_PAGE_BODY_MATCHES) > 0;
        boolean errorPage = profile.errorPage().matches(status, bodyMatched, s.contains(ERROR_PAGE_HEADER));
        boolean locked = status != null && lockedFor(call).map(l -> l.status() == status
                && (l.bodyContains().isEmpty() || s.contains(LOCKED_BODY_MATCHES) && s.getInt(LOCKED_BODY_MATCHES) > 0))
                .orElse(false);
        boolean savesFound = call.save().keySet().stream().allMatch(n -> s.contains(FOUND + n));
        return Outcome.classify(status, errorPage, locked, savesFound, call.okStatuses());
    }

    private Optional<Locked> lockedFor(CallSpec call) {
        return call.step().equals("play") ? profile.locked() : Optional.empty();
    }
}
