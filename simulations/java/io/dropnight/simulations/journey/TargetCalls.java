// Over 300 lines: a call's checks and the one-parse JSON reading they feed (JsonReads, Template)
// must agree name for name; kept beside each other so that a change to one is seen in the other.
package io.dropnight.simulations.journey;

import io.dropnight.profile.CallSpec;
import io.dropnight.profile.Capture;
import io.dropnight.profile.ErrorPageSpec;
import io.dropnight.profile.Expressions;
import io.dropnight.profile.JourneyStep;
import io.dropnight.profile.Locked;
import io.dropnight.profile.Role;
import io.dropnight.profile.TargetProfile;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
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
    /** What {@code errorPage.json} found in a JSON answer (the error page when truthy). */
    static final String ERROR_PAGE_JSON = "errorPageJson";
    /** What {@code play.locked.json} found in a JSON answer (locked when truthy). */
    static final String LOCKED_JSON = "lockedJson";
    /** Present when the answer carries {@code errorPage.header}. */
    static final String ERROR_PAGE_HEADER = "errorPageHeader";
    /** Occurrences of {@code play.locked.bodyContains} in the answer's body. */
    static final String LOCKED_BODY_MATCHES = "lockedBodyMatches";
    static final String RETRY_AFTER = "retryAfter";
    /** Whether the final episode is out, from the title page ({@code title.finalAvailable}). */
    static final String FINAL_AVAILABLE = "finalAvailable";
    /** Prefix of the names that hold what this attempt's saves found (the saved names keep the last found). */
    private static final String FOUND = "found.";
    /** What the one JMESPath check of a call found: every save (and title's finalAvailable) by its key. */
    static final String JSON_FOUND = "jsonFound";
    /** What the one check answers for a value JMESPath found null (missing). */
    static final String NOT_FOUND = "dropnight:not-found";
    private static final Pattern EL = Pattern.compile("#\\{([^}]*)}");
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetProfile profile;
    /** How each of the profile's calls reads its JSON answer, built once (looked up by identity on every answer). */
    private final Map<CallSpec, JsonReads> reads = new IdentityHashMap<>();

    public TargetCalls(TargetProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        for (CallSpec call : profile.steps()) {
            reads.put(call, JsonReads.of(call, profile));
        }
    }

    private JsonReads reads(CallSpec call) {
        JsonReads r = reads.get(call);
        return r != null ? r : JsonReads.of(call, profile);
    }

    public TargetProfile profile() {
        return profile;
    }

    /**
     * A session name the call's request reads ({@code #{name}} in its path, body or headers) that
     * the viewer's session does not hold, or null when it holds them all. The profile was checked
     * so that every name is saved by an earlier step whose answer had to be understood first: a
     * name missing here is the harness's own failure, and Gatling could not build the request.
     */
    String missingName(Predicate<String> held, CallSpec call) {
        for (String name : reads(call).requestNames()) {
            if (!held.test(name)) {
                return name;
            }
        }
        return null;
    }

    private static String[] requestNamesOf(CallSpec call, TargetProfile profile) {
        Set<String> names = new LinkedHashSet<>(Expressions.referencedNames(call.path()));
        call.body().ifPresent(b -> names.addAll(Expressions.referencedNames(b)));
        call.form().values().forEach(v -> names.addAll(Expressions.referencedNames(v)));
        call.headers().values().forEach(v -> names.addAll(Expressions.referencedNames(v)));
        if (call.role() != Role.SESSION) {
            profile.headers().values().forEach(v -> names.addAll(Expressions.referencedNames(v)));
        }
        return names.toArray(String[]::new);
    }

    /** The call as a Gatling request named {@code requestName}, with its saves and {@link #checks}. */
    HttpRequestActionBuilder request(CallSpec call, String requestName) {
        HttpRequestActionBuilder r = plain(call, requestName);
        r = r.check(checks(call));
        List<CheckBuilder> predicates = jsonPredicates(call);
        if (!predicates.isEmpty()) {
            // Only a JSON answer is asked: an HTML error page or a text body is not a failed check.
            r = r.checkIf((response, session) -> Expressions.isJson(response.headers().get("Content-Type")))
                    .then(predicates.toArray(CheckBuilder[]::new));
        }
        return r;
    }

    /** The call on the wire: method, address, headers and body, without checks. */
    private HttpRequestActionBuilder plain(CallSpec call, String requestName) {
        HttpRequestActionBuilder r = http(requestName).httpRequest(call.method(), profile.address(call));
        if (call.role() != Role.SESSION) {
            for (Map.Entry<String, String> h : profile.headers().entrySet()) {
                r = r.header(h.getKey(), h.getValue());
            }
        }
        for (Map.Entry<String, String> h : call.headers().entrySet()) {
            r = r.header(h.getKey(), h.getValue());
        }
        if (call.body().isPresent()) {
            r = r.body(StringBody(call.body().get()));
            if (!call.rawBody()) {
                r = r.asJson();
            } else if (call.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                r = r.header("Content-Type", "text/plain");
            }
        }
        for (Map.Entry<String, String> field : call.form().entrySet()) {
            r = r.formParam(field.getKey(), field.getValue());
        }
        return r;
    }

    /** What a parallel group's other calls report as each answer arrives (on Gatling's threads). */
    interface GroupAnswer {
        void answered(Session viewer, Outcome outcome, Integer status, long latencyNanos);
    }

    /**
     * A parallel group: {@code step}'s first call as the request (read as any call), the others as
     * Gatling's resources, fetched at once. A resource's answer is read here, as it arrives (a
     * resource's session does not reach the journey): its status, the error page, its ok statuses.
     */
    HttpRequestActionBuilder group(JourneyStep step, String requestName, GroupAnswer answer) {
        List<HttpRequestActionBuilder> resources = new ArrayList<>();
        for (CallSpec c : step.parallel()) {
            resources.add(plain(c, requestName)
                    .checkIf((response, session) -> {
                        long latency = Math.max(0, response.endTimestamp() - response.startTimestamp()) * 1_000_000L;
                        int status = response.status().code();
                        answer.answered(session, classifyAnswer(c, status, response.headers(), response.body().string()), status, latency);
                        return false;
                    })
                    .then(status().saveAs(HTTP_STATUS)));
        }
        return request(step.call(), requestName).resources(resources.toArray(HttpRequestActionBuilder[]::new));
    }

    /** A whole answer read at once (a group's resource): the error page first, then the call's ok statuses. */
    Outcome classifyAnswer(CallSpec call, int status, io.netty.handler.codec.http.HttpHeaders headers, String body) {
        boolean errorPage = profile.errorPage().matchesAnswer(status, headers.get("Content-Type"), body, headers::contains);
        return Outcome.classify(status, errorPage, false, true, call.okStatuses());
    }

    /** {@code errorPage.json} and, on play, {@code play.locked.json}: JMESPath predicates on a JSON answer. */
    private List<CheckBuilder> jsonPredicates(CallSpec call) {
        List<CheckBuilder> checks = new ArrayList<>();
        profile.errorPage().json().ifPresent(e -> checks.add(jmesPath(e).optional().saveAs(ERROR_PAGE_JSON)));
        lockedFor(call).flatMap(Locked::json).ifPresent(e -> checks.add(jmesPath(e).optional().saveAs(LOCKED_JSON)));
        return checks;
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
        JsonReads json = reads(call);
        if (json.combined()) {
            // One jmesPath check per answer: Gatling's Java DSL gives every jmesPath check its own
            // JSON preparer, so n checks parse the same body n times.
            checks.add(jmesPath(json.expression()).ofMap().optional().saveAs(JSON_FOUND));
        } else {
            for (Map.Entry<String, String> save : call.save().entrySet()) {
                checks.add(saveCheck(save.getKey(), save.getValue(), FOUND + save.getKey()));
            }
            if (call.role() == Role.WAIT_FOR_DROP) {
                profile.finalAvailable().ifPresent(e -> checks.add(jmesPath(e).ofBoolean().optional().saveAs(FINAL_AVAILABLE)));
            }
        }
        for (Map.Entry<String, Capture> c : call.captures().entrySet()) {
            checks.add(captureCheck(c.getValue(), FOUND + c.getKey()));
        }
        Set<Integer> expected = new LinkedHashSet<>(call.okStatuses());
        locked.ifPresent(l -> expected.add(l.status()));
        checks.add(status().in(List.copyOf(expected)));
        page.bodyContains().ifPresent(m -> checks.add(substring(m).notExists()));
        page.header().ifPresent(h -> checks.add(header(h).notExists()));
        return checks.toArray(CheckBuilder[]::new);
    }

    /**
     * A header's value; a cookie's value from the answer's {@code Set-Cookie} (Gatling's cookie jar
     * keeps the cookie itself); a regex's first group (or match), or every one as a list.
     */
    private static CheckBuilder captureCheck(Capture c, String saveAs) {
        return switch (c.kind()) {
            case HEADER -> header(c.expression()).optional().saveAs(saveAs);
            case COOKIE -> headerRegex("Set-Cookie", c.setCookieValuePattern()).optional().saveAs(saveAs);
            case REGEX -> c.all() ? regex(c.expression()).findAll().optional().saveAs(saveAs)
                    : regex(c.expression()).optional().saveAs(saveAs);
        };
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
        JsonReads reads = reads(call);
        Session kept = reads.unpack(s);
        String[] saveNames = reads.saveNames();
        String[] foundNames = reads.foundNames();
        for (int i = 0; i < saveNames.length; i++) {
            Object found = kept.get(foundNames[i]);
            if (found != null) {
                kept = kept.set(saveNames[i], found);
            }
        }
        return kept;
    }

    /**
     * The session names a call's answer writes, removed before each attempt so they describe that
     * attempt. The array is built once per call and shared: do not modify it.
     */
    String[] answerNames(CallSpec call) {
        return reads(call).answerNames();
    }

    private static String[] answerNamesOf(CallSpec call) {
        List<String> names = new ArrayList<>(List.of(HTTP_STATUS, ERROR_PAGE_BODY_MATCHES, ERROR_PAGE_HEADER,
                LOCKED_BODY_MATCHES, RETRY_AFTER, FINAL_AVAILABLE, JSON_FOUND, ERROR_PAGE_JSON, LOCKED_JSON));
        call.savedNames().forEach(n -> names.add(FOUND + n));
        return names.toArray(String[]::new);
    }

    /** How the viewer reads the answer now in the session. */
    Outcome classify(Session s, CallSpec call) {
        JsonReads reads = reads(call);
        Integer status = s.contains(HTTP_STATUS) ? s.getInt(HTTP_STATUS) : null;
        boolean bodyMatched = s.contains(ERROR_PAGE_BODY_MATCHES) && s.getInt(ERROR_PAGE_BODY_MATCHES) > 0;
        boolean errorPage = profile.errorPage().matches(status, bodyMatched, s.contains(ERROR_PAGE_HEADER),
                s.contains(ERROR_PAGE_JSON) && ErrorPageSpec.truthy(s.get(ERROR_PAGE_JSON)));
        Locked l = reads.locked();
        boolean locked = status != null && l != null && l.status() == status
                && (l.bodyContains().isEmpty() || s.contains(LOCKED_BODY_MATCHES) && s.getInt(LOCKED_BODY_MATCHES) > 0)
                && (l.json().isEmpty() || s.contains(LOCKED_JSON) && ErrorPageSpec.truthy(s.get(LOCKED_JSON)));
        boolean savesFound = true;
        for (String n : reads.foundNames()) {
            savesFound &= s.contains(n);
        }
        return Outcome.classify(status, errorPage, locked, savesFound, call.okStatuses());
    }

    private Optional<Locked> lockedFor(CallSpec call) {
        return call.role() == Role.PLAY ? profile.locked() : Optional.empty();
    }

    /** How a value found in the JSON answer is kept, as Gatling's own jmesPath checks would keep it. */
    enum Kind {
        /** {@code jmesPath(e)}: a string as is, any other value as its JSON text; null is not found. */
        TEXT,
        /** {@code jmesPath(e).ofList()}: an array as a list; anything else is not found. */
        LIST,
        /** {@code jmesPath(e).ofBoolean()}: a boolean; anything else is not found. */
        BOOLEAN;

        /**
         * The value to keep from what the one check answered for it (JMESPath's {@code to_string}: a
         * string as is, anything else as its JSON text; {@link #NOT_FOUND} for null), or null when there is none.
         */
        Object keep(Object found) {
            if (!(found instanceof String text) || text.equals(NOT_FOUND)) {
                return null;
            }
            return switch (this) {
                case TEXT -> text;
                case LIST -> text.startsWith("[") ? list(text) : null;
                case BOOLEAN -> text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
            };
        }

        private static List<?> list(String json) {
            List<Object> integers = integers(json);
            if (integers != null) {
                return integers;
            }
            try {
                return JSON.readValue(json, List.class);
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        /**
         * A flat JSON array of whole numbers (the usual list of ids) read without Jackson, as
         * Jackson's untyped reading gives it: an {@link ArrayList} of {@link Integer}, or
         * {@link Long} past the int range. Null for anything else (strings, objects, fractions,
         * more than 18 digits, text that is not strict JSON), which Jackson then reads.
         */
        static List<Object> integers(String json) {
            int end = json.length() - 1;
            if (end < 1 || json.charAt(0) != '[' || json.charAt(end) != ']') {
                return null;
            }
            List<Object> out = new ArrayList<>();
            int i = skipBlanks(json, 1, end);
            if (i == end) {
                return out;
            }
            while (true) {
                int start = i;
                if (json.charAt(i) == '-') {
                    i++;
                }
                int digits = i;
                while (i < end && json.charAt(i) >= '0' && json.charAt(i) <= '9') {
                    i++;
                }
                int length = i - digits;
                if (length == 0 || length > 18 || length > 1 && json.charAt(digits) == '0') {
                    return null;
                }
                long value = Long.parseLong(json, start, i, 10);
                out.add(value == (int) value ? (Object) (int) value : (Object) value);
                i = skipBlanks(json, i, end);
                if (i == end) {
                    return out;
                }
                if (json.charAt(i) != ',') {
                    return null;
                }
                i = skipBlanks(json, i + 1, end);
                if (i == end) {
                    return null;
                }
            }
        }

        private static int skipBlanks(String json, int i, int end) {
            while (i < end && (json.charAt(i) == ' ' || json.charAt(i) == '\n' || json.charAt(i) == '\r' || json.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }
    }

    /** One value a call reads from its answer: the key in the multi-select hash, the session name, the kind. */
    record Read(String key, String saveAs, Kind kind, String expression) {
    }

    /**
     * How one call reads its JSON answer. When every JMESPath of the call uses at most plain
     * {@code #{name}} references, they are asked in one multi-select hash
     * ({@code {"titleId": featured.titleId, ...}}), so Gatling parses the body once; a reference
     * whose name is not in the session turns that one value into {@code null} (not found) instead
     * of failing the check, so that the call's other saves are still kept. Otherwise (Gatling EL
     * functions or paths) each JMESPath is its own check, as before.
     */
    record JsonReads(List<Read> values, boolean combined, Function<Session, String> expression, String[] answerNames,
                     String[] saveNames, String[] foundNames, Locked locked, String[] requestNames) {

        static JsonReads of(CallSpec call, TargetProfile profile) {
            List<Read> values = new ArrayList<>();
            for (Map.Entry<String, String> save : call.save().entrySet()) {
                Kind kind = save.getKey().equals(TargetProfile.EPISODE_IDS) ? Kind.LIST : Kind.TEXT;
                values.add(new Read(save.getKey(), FOUND + save.getKey(), kind, save.getValue()));
            }
            if (call.role() == Role.WAIT_FOR_DROP) {
                profile.finalAvailable().ifPresent(e -> values.add(new Read(FINAL_AVAILABLE, FINAL_AVAILABLE, Kind.BOOLEAN, e)));
            }
            boolean simple = !values.isEmpty();
            for (Read v : values) {
                Matcher m = EL.matcher(v.expression());
                while (m.find()) {
                    simple &= SIMPLE_NAME.matcher(m.group(1)).matches();
                }
                simple &= !v.expression().replaceAll(EL.pattern(), "").contains("#{");
            }
            String[] saveNames = call.savedNames().toArray(String[]::new);
            String[] foundNames = new String[saveNames.length];
            for (int i = 0; i < saveNames.length; i++) {
                foundNames[i] = FOUND + saveNames[i];
            }
            Locked locked = call.role() == Role.PLAY ? profile.locked().orElse(null) : null;
            return new JsonReads(List.copyOf(values), simple, simple ? template(values) : s -> "", answerNamesOf(call),
                    saveNames, foundNames, locked, requestNamesOf(call, profile));
        }

        /** The multi-select hash, with each {@code #{name}} replaced from the session at every request. */
        private static Function<Session, String> template(List<Read> values) {
            String whole = expression(values, null);
            if (!EL.matcher(whole).find()) {
                return s -> whole;
            }
            Template t = Template.of(values);
            return s -> t.render(name -> s.contains(name) ? s.get(name) : null);
        }

        /**
         * The multi-select hash of {@code values}; with a {@code lookup} (a name's value, null when
         * missing) every {@code #{name}} is filled in, and a value whose reference is missing is
         * asked as JMESPath's {@code null}.
         */
        static String expression(List<Read> values, Function<String, Object> lookup) {
            StringBuilder out = new StringBuilder(64).append('{');
            for (int i = 0; i < values.size(); i++) {
                Read v = values.get(i);
                if (i > 0) {
                    out.append(", ");
                }
                out.append('"').append(v.key().replace("\\", "\\\\").replace("\"", "\\\"")).append("\": ");
                // Gatling turns the hash into Java with Map.of, which refuses nulls (a crash, not a
                // failed check): every value is asked as text, NOT_FOUND where JMESPath says null.
                out.append("to_string(not_null((").append(lookup == null ? v.expression() : resolve(v.expression(), lookup))
                        .append("), '").append(NOT_FOUND).append("'))");
            }
            return out.append('}').toString();
        }

        private static String resolve(String expression, Function<String, Object> lookup) {
            if (expression.indexOf("#{") < 0) {
                return expression;
            }
            Matcher m = EL.matcher(expression);
            StringBuilder out = new StringBuilder(expression.length() + 8);
            while (m.find()) {
                Object value = lookup.apply(m.group(1));
                if (value == null) {
                    return "null";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** Moves what the one check found to each value's own session name, as the separate checks saved them. */
        Session unpack(Session s) {
            if (!combined || !s.contains(JSON_FOUND)) {
                return s;
            }
            Map<String, Object> found = s.getMap(JSON_FOUND);
            Session kept = s;
            for (Read v : values) {
                Object value = v.kind().keep(found.get(v.key()));
                if (value != null) {
                    kept = kept.set(v.saveAs(), value);
                }
            }
            return kept;
        }

        /** Session name → value to keep, from what the one check found (key → value as Gatling gives it). */
        Map<String, Object> kept(Map<String, Object> found) {
            Map<String, Object> kept = new java.util.LinkedHashMap<>();
            for (Read v : values) {
                Object value = v.kind().keep(found.get(v.key()));
                if (value != null) {
                    kept.put(v.saveAs(), value);
                }
            }
            return kept;
        }
    }

    /**
     * {@link JsonReads#expression(List, Function)} with a lookup, split once into its literal text
     * and its {@code #{name}} references, so that a request concatenates instead of running a
     * regular expression over every JMESPath. Renders exactly what {@code expression} gives.
     */
    record Template(List<Part> parts) {
        /** A piece of the hash: the text up to one value's JMESPath, and that JMESPath split at its references. */
        record Part(String prefix, String[] literals, String[] names) {
        }

        static Template of(List<Read> values) {
            List<Part> parts = new ArrayList<>();
            StringBuilder prefix = new StringBuilder().append('{');
            for (int i = 0; i < values.size(); i++) {
                Read v = values.get(i);
                if (i > 0) {
                    prefix.append(", ");
                }
                prefix.append('"').append(v.key().replace("\\", "\\\\").replace("\"", "\\\"")).append("\": ")
                        .append("to_string(not_null((");
                List<String> literals = new ArrayList<>();
                List<String> names = new ArrayList<>();
                Matcher m = EL.matcher(v.expression());
                int at = 0;
                while (m.find()) {
                    literals.add(v.expression().substring(at, m.start()));
                    names.add(m.group(1));
                    at = m.end();
                }
                literals.add(v.expression().substring(at));
                parts.add(new Part(prefix.toString(), literals.toArray(String[]::new), names.toArray(String[]::new)));
                prefix.setLength(0);
                prefix.append("), '").append(NOT_FOUND).append("'))");
            }
            parts.add(new Part(prefix.append('}').toString(), new String[0], new String[0]));
            return new Template(List.copyOf(parts));
        }

        /** The hash with every reference filled from {@code lookup}; a value with a missing reference is asked as {@code null}. */
        String render(Function<String, Object> lookup) {
            StringBuilder out = new StringBuilder(128);
            for (Part p : parts) {
                out.append(p.prefix());
                if (p.literals().length == 0) {
                    continue;
                }
                int mark = out.length();
                out.append(p.literals()[0]);
                for (int j = 0; j < p.names().length; j++) {
                    Object value = lookup.apply(p.names()[j]);
                    if (value == null) {
                        out.setLength(mark);
                        out.append("null");
                        break;
                    }
                    out.append(value).append(p.literals()[j + 1]);
                }
            }
            return out.toString();
        }
    }
}
