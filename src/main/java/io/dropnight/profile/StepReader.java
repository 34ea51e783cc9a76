// Over 300 lines: one reader for the steps of both formats, because each rule (a name known only
// from the step that captures it, a role in its place, the common headers read before the first
// step that sends them) must hold the same way in both; split by format, the rules would be said twice.
package io.dropnight.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a journey's steps, in order: the journey file's {@code steps:} list, or the five-step
 * profile's {@code session}, {@code home}, {@code title}, {@code play}, {@code heartbeat} as the same
 * journey. Each request, capture and role rule is checked as it is read, so that a {@code #{name}}
 * is known only from the step that captures it on. One per file read; not thread-safe.
 */
final class StepReader {
    private static final List<String> CALL_KEYS = List.of("method", "host", "path", "body", "form", "save", "ok");
    private static final List<String> STEP_KEYS =
            List.of("name", "role", "request", "parallel", "capture", "ok", "optional", "every", "until", "locked", "pause");
    private static final List<String> REQUEST_KEYS = List.of("method", "host", "path", "url", "headers", "json", "form", "body");
    /** How often the waiting audience reloads the title page unless a journey says: a person, not compressed. */
    static final Interval POLL_EVERY = new Interval(Duration.ofSeconds(3), Duration.ofSeconds(6));
    private static final String POLL_SUFFIX = ProfileReader.POLL_SUFFIX;
    private static final int MAX_PARALLEL = 8;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final FileRules rules;
    /** The file's named hosts, read before its steps. */
    private final Map<String, java.net.URI> hosts;
    /** The file's {@code headers:}, read (once) before the first step that sends them. */
    private final JsonNode headersNode;
    private Map<String, String> commonHeaders;

    StepReader(FileRules rules, Map<String, java.net.URI> hosts, JsonNode headersNode) {
        this.rules = rules;
        this.hosts = hosts;
        this.headersNode = headersNode;
    }

    /**
     * The five-step profile ({@code session}, {@code home}, {@code title}, {@code play},
     * {@code heartbeat} at the top) read as the journey it always described.
     */
    List<JourneyStep> legacySteps(JsonNode root) {
        List<JourneyStep> steps = new java.util.ArrayList<>();
        if (root.has("session") && !root.get("session").isNull()) {
            steps.add(JourneyStep.of(legacyCall(root, "session", Set.of(200), List.of(), Role.SESSION)));
        }
        steps.add(JourneyStep.of(legacyCall(root, "home", Set.of(200), List.of(), Role.STEP)));
        CallSpec title = legacyCall(root, "title", Set.of(200), List.of("finalAvailable"), Role.WAIT_FOR_DROP);
        Optional<String> finalAvailable = rules.text(root.get("title"), "finalAvailable").map(e -> {
            rules.names("title.finalAvailable", e);
            rules.jmesPath("title.finalAvailable", e);
            return e;
        });
        steps.add(new JourneyStep(title, false, List.of(), Optional.of(POLL_EVERY), finalAvailable, Optional.empty(), Optional.empty()));
        episodeChoice(steps);
        CallSpec play = legacyCall(root, "play", Set.of(200), List.of("locked"), Role.PLAY);
        steps.add(new JourneyStep(play, false, List.of(), Optional.empty(), Optional.empty(), locked(root.get("play").get("locked"), "play.locked"),
                Optional.empty()));
        if (root.has("heartbeat") && !root.get("heartbeat").isNull()) {
            CallSpec beat = legacyCall(root, "heartbeat", Set.of(200, 204), List.of("every"), Role.HEARTBEAT);
            Duration every = rules.text(root.get("heartbeat"), "every").map(t -> rules.duration("heartbeat.every", t))
                    .orElse(TargetProfile.CALIBRATED_HEARTBEAT);
            steps.add(new JourneyStep(beat, false, List.of(), Optional.of(Interval.fixed(every)), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        return steps;
    }

    /**
     * After the wait for the drop the journey picks {@code #{episodeId}} from a saved
     * {@code finalEpisodeId} (and {@code episodeIds}); a journey that captures {@code episodeId}
     * itself keeps its own.
     */
    private void episodeChoice(List<JourneyStep> before) {
        boolean choosable = before.stream().flatMap(s -> s.calls().stream())
                .anyMatch(c -> c.savedNames().contains(TargetProfile.FINAL_EPISODE_ID));
        if (choosable) {
            rules.known.add(TargetProfile.EPISODE_ID);
        } else {
            rules.episodeHint = " (#{episodeId} is picked from a saved finalEpisodeId: save finalEpisodeId before the wait-for-drop step,"
                    + " or capture episodeId yourself)";
        }
    }

    private CallSpec legacyCall(JsonNode root, String step, Set<Integer> defaultOk, List<String> extraKeys, Role role) {
        JsonNode node = root.get(step);
        if (node == null || node.isNull()) {
            throw rules.fail(step, "is required: the journey cannot run without it");
        }
        if (!node.isObject()) {
            throw rules.fail(step, "must be a mapping with the keys " + CALL_KEYS);
        }
        List<String> allowed = new java.util.ArrayList<>(CALL_KEYS);
        allowed.addAll(extraKeys);
        rules.onlyKeys(node, step + ".", allowed);
        return request(step, step, node, true, node.get("save"), step + ".save", node.get("ok"), step + ".ok", defaultOk, role);
    }

    /** {@code steps:}, the journey file's list, each step read and checked in order. */
    List<JourneyStep> steps(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw rules.fail("steps", "must be a list of steps, each { name, request } (see docs/JOURNEYS.md)");
        }
        List<JourneyStep> steps = new java.util.ArrayList<>();
        Set<String> endpoints = new LinkedHashSet<>();
        Map<Role, Integer> roles = new java.util.EnumMap<>(Role.class);
        for (int i = 0; i < node.size(); i++) {
            JourneyStep step = step("steps[" + i + "]", node.get(i), roles);
            String key = "steps[" + i + "].name";
            String endpoint = step.role() == Role.PLAY ? io.dropnight.runfolder.ClientTags.PLAYBACK_START : step.name();
            if (!endpoints.add(endpoint) || step.role() == Role.WAIT_FOR_DROP && !endpoints.add(step.name() + POLL_SUFFIX)) {
                throw rules.fail(key, "'" + step.name() + "' is used twice (every step's name is its own endpoint; "
                        + io.dropnight.runfolder.ClientTags.PLAYBACK_START + " is the play step's, <name>" + POLL_SUFFIX + " the wait-for-drop step's reloads)");
            }
            if (endpoints.size() > io.dropnight.runfolder.ClientTags.MAX_ENDPOINTS) {
                throw rules.fail(key, "a journey has at most " + io.dropnight.runfolder.ClientTags.MAX_ENDPOINTS
                        + " endpoints (its steps, and the wait-for-drop step's reloads), as client.hlog keeps them apart");
            }
            steps.add(step);
            if (step.role() == Role.WAIT_FOR_DROP) {
                episodeChoice(steps);
            }
        }
        for (Role one : List.of(Role.WAIT_FOR_DROP, Role.PLAY)) {
            if (!roles.containsKey(one)) {
                throw rules.fail("steps", "needs one step with role: " + one.label() + " (the night's "
                        + (one == Role.PLAY ? "stream start" : "waiting audience") + ")");
            }
        }
        return steps;
    }

    private JourneyStep step(String key, JsonNode node, Map<Role, Integer> roles) {
        if (node == null || !node.isObject()) {
            throw rules.fail(key, "must be a mapping with the keys " + STEP_KEYS);
        }
        rules.onlyKeys(node, key + ".", STEP_KEYS);
        String name = rules.text(node, "name").orElseThrow(() -> rules.fail(key + ".name", "is required: the step's endpoint name"));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")) {
            throw rules.fail(key + ".name", "'" + name + "' must be 1 to 40 letters, digits, _, . or - (it names an endpoint)");
        }
        String at = key + " (" + name + ")";
        String roleText = rules.text(node, "role").orElse(null);
        Role role = roleText == null ? Role.STEP : Role.of(roleText).orElseThrow(() -> rules.fail(at + ".role",
                "'" + roleText + "' is not one of " + Role.labels() + " (or leave it out for a plain step)"));
        if (role != Role.STEP && roles.putIfAbsent(role, 1) != null) {
            throw rules.fail(at + ".role", "a journey has one " + role.label() + " step");
        }
        if (role == Role.PLAY && !roles.containsKey(Role.WAIT_FOR_DROP)) {
            throw rules.fail(at + ".role", "play comes after the wait-for-drop step");
        }
        if ((role == Role.SESSION || role == Role.WAIT_FOR_DROP) && roles.containsKey(Role.PLAY)) {
            throw rules.fail(at + ".role", role.label() + " comes before the play step");
        }
        if (role == Role.HEARTBEAT && !roles.containsKey(Role.PLAY)) {
            throw rules.fail(at + ".role", "heartbeat comes after the play step");
        }
        boolean optional = node.has("optional") && rules.bool(node.get("optional"), at + ".optional");
        if (optional && role != Role.STEP) {
            throw rules.fail(at + ".optional", "only a plain step may be optional: the " + role.label() + " step is the night's own");
        }
        rules.only(node, "every", role == Role.WAIT_FOR_DROP || role == Role.HEARTBEAT, at, "the wait-for-drop and heartbeat steps");
        rules.only(node, "until", role == Role.WAIT_FOR_DROP, at, "the wait-for-drop step");
        rules.only(node, "locked", role == Role.PLAY, at, "the play step");
        rules.only(node, "parallel", role == Role.STEP, at, "a plain step");
        Optional<Interval> pause = rules.text(node, "pause").map(t -> rules.interval(at + ".pause", t));
        Optional<Interval> every = rules.text(node, "every").map(t -> rules.interval(at + ".every", t));
        if (role == Role.WAIT_FOR_DROP && every.isEmpty()) {
            every = Optional.of(POLL_EVERY);
        }
        if (role == Role.HEARTBEAT) {
            every = Optional.of(every.orElse(Interval.fixed(TargetProfile.CALIBRATED_HEARTBEAT)));
            if (!every.get().isFixed() || every.get().min().compareTo(Duration.ofSeconds(1)) < 0) {
                throw rules.fail(at + ".every", "'" + every.get() + "' must be one duration of at least 1s, such as 60s");
            }
        }
        Set<Integer> defaultOk = role == Role.HEARTBEAT ? Set.of(200, 204) : Set.of(200);
        boolean group = node.has("parallel");
        if (group == node.has("request")) {
            throw rules.fail(at, "needs exactly one of request (one call) or parallel (calls made at once)");
        }
        CallSpec call;
        List<CallSpec> parallel = new java.util.ArrayList<>();
        if (group) {
            JsonNode list = node.get("parallel");
            if (!list.isArray() || list.size() < 2 || list.size() > MAX_PARALLEL) {
                throw rules.fail(at + ".parallel", "must list 2 to " + MAX_PARALLEL + " requests, such as [ {host: cdn, path: /a.jpg}, ... ]");
            }
            if (node.has("capture")) {
                throw rules.fail(at + ".capture", "a parallel group captures nothing (its answers arrive together): capture in a step of its own");
            }
            call = null;
            for (int j = 0; j < list.size(); j++) {
                CallSpec c = request(at + ".parallel[" + j + "]", name, list.get(j), false, null, null, node.get("ok"), at + ".ok",
                        defaultOk, role);
                if (call == null) {
                    call = c;
                } else {
                    parallel.add(c);
                }
            }
        } else {
            call = request(at + ".request", name, node.get("request"), false, node.get("capture"), at + ".capture", node.get("ok"),
                    at + ".ok", defaultOk, role);
        }
        Optional<String> until = until(node.get("until"), at + ".until");
        Optional<Locked> locked = locked(node.get("locked"), at + ".locked");
        return new JourneyStep(call, optional, parallel, every, until, locked, pause);
    }

    /** {@code until: { json: EXPR }} (or the expression alone): holds once the episode is out. */
    private Optional<String> until(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        JsonNode expression = node;
        if (node.isObject()) {
            rules.onlyKeys(node, key + ".", List.of("json"));
            expression = node.get("json");
        }
        if (expression == null || !expression.isTextual() || expression.asText().isBlank()) {
            throw rules.fail(key, "must be { json: JMESPath } on the answer, true once the episode is out");
        }
        rules.names(key, expression.asText());
        rules.jmesPath(key, expression.asText());
        return Optional.of(expression.asText());
    }

    /**
     * One request: {@code method}, {@code path} on a named {@code host} or an absolute {@code url},
     * {@code headers}, and a body as {@code json}, {@code form} or raw {@code body}; what it
     * captures and which statuses mean it worked.
     *
     * @param key      where the request is in the file, for errors
     * @param step     the step's name (its endpoint)
     * @param node     the request mapping
     * @param saves    the captures mapping (legacy {@code save:} or a step's {@code capture:}), or null
     * @param savesKey where {@code saves} is, for errors
     */
    private CallSpec request(String key, String step, JsonNode node, boolean legacy, JsonNode saves, String savesKey,
                             JsonNode okNode, String okKey, Set<Integer> defaultOk, Role role) {
        if (node == null || !node.isObject()) {
            throw rules.fail(key, "must be a mapping with the keys " + REQUEST_KEYS);
        }
        if (!legacy) {
            rules.onlyKeys(node, key + ".", REQUEST_KEYS);
        }
        if (role != Role.SESSION) {
            commonHeaders();
        }
        String method = rules.text(node, "method").orElse("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw rules.fail(key + ".method", "'" + method + "' is not one of " + new java.util.TreeSet<>(METHODS));
        }
        boolean absolute = node.has("url");
        if (absolute && (node.has("path") || node.has("host"))) {
            throw rules.fail(key + ".url", "a request has a path (on a host) or a whole url, not both");
        }
        String path;
        if (absolute) {
            path = rules.secret(key + ".url", rules.text(node, "url").orElseThrow(() -> rules.fail(key + ".url", "must be a text")));
            rules.names(key + ".url", path);
            if (!path.startsWith("#{") && !path.matches("(?i)https?://.+")) {
                throw rules.fail(key + ".url", "'" + path + "' must be an http(s) URL or a captured one, such as '#{manifestUrl}'");
            }
        } else {
            path = rules.secret(key + ".path", rules.text(node, "path").orElseThrow(() -> rules.fail(key + ".path", "is required (or url:)")));
            if (!path.startsWith("/")) {
                throw rules.fail(key + ".path", "'" + path + "' must start with / (or give a whole url:)");
            }
            rules.names(key + ".path", path);
        }
        Optional<String> body = rules.text(node, "body").map(b -> rules.secret(key + ".body", b));
        if (node.has("json")) {
            if (body.isPresent()) {
                throw rules.fail(key + ".json", "a request sends a body, json or a form: one of them");
            }
            try {
                body = Optional.of(rules.secret(key + ".json", node.get("json").isTextual() ? node.get("json").asText()
                        : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(node.get("json"))));
            } catch (JsonProcessingException e) {
                throw rules.fail(key + ".json", "cannot be written as JSON: " + e.getOriginalMessage());
            }
        }
        body.ifPresent(b -> rules.names(key + ".body", b));
        Map<String, String> form = form(node.get("form"), key + ".form");
        if (body.isPresent() && !form.isEmpty()) {
            throw rules.fail(key + ".form", "a step sends a JSON body or a form, not both");
        }
        Map<String, String> callHeaders = new LinkedHashMap<>();
        JsonNode headerNode = legacy ? null : node.get("headers");
        if (headerNode != null && !headerNode.isNull()) {
            if (!headerNode.isObject()) {
                throw rules.fail(key + ".headers", "must map header names to values");
            }
            for (Map.Entry<String, JsonNode> e : headerNode.properties()) {
                String k = key + ".headers." + e.getKey();
                String v = rules.value(e.getValue(), k).orElseThrow(() -> rules.fail(k, "must be a text value"));
                rules.names(k, v);
                callHeaders.put(e.getKey(), rules.secret(k, v));
            }
        }
        Set<Integer> ok = okNode != null && !okNode.isNull() ? rules.statuses(okNode, okKey) : defaultOk;
        Map<String, String> save = new LinkedHashMap<>();
        Map<String, Capture> captures = new LinkedHashMap<>();
        if (saves != null && !saves.isNull()) {
            if (!saves.isObject()) {
                throw rules.fail(savesKey, "must map session names to JMESPath expressions or {json|header|cookie|regex: ...}");
            }
            if (saves.isEmpty()) {
                throw rules.fail(savesKey, "captures nothing: name at least one value, such as { token: { json: session.token } },"
                        + " or leave it out");
            }
            for (Map.Entry<String, JsonNode> e : saves.properties()) {
                String k = savesKey + "." + e.getKey();
                if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw rules.fail(k, "a session name must be letters, digits or _ (not starting with a digit)");
                }
                if (e.getValue().isObject()) {
                    capture(k, e.getValue()).ifPresentOrElse(c -> captures.put(e.getKey(), c),
                            () -> save.put(e.getKey(), jsonSave(k, e.getValue().get("json"))));
                } else {
                    save.put(e.getKey(), jsonSave(k, e.getValue()));
                }
            }
        }
        rules.known.addAll(save.keySet());
        rules.known.addAll(captures.keySet());
        Optional<String> host = rules.text(node, "host");
        if (host.isPresent() && !host.get().equals(TargetProfile.TARGET_HOST) && !hosts.containsKey(host.get())) {
            throw rules.fail(key + ".host", "'" + host.get() + "' is not a host of this profile (hosts: " + hosts.keySet()
                    + ", and api: -Dtarget)");
        }
        return new CallSpec(step, method, path, body, form, save, captures, ok, host, role, callHeaders, absolute,
                !legacy && node.has("body"));
    }

    /** {@code form: { field: value }}: an HTML form's fields, values with {@code #{name}}s and secrets. */
    private Map<String, String> form(JsonNode node, String key) {
        Map<String, String> form = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return form;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw rules.fail(key, "must map form fields to values, such as { user: '#{username}' }");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw rules.fail(key + "." + e.getKey(), "must be a text value");
            }
            String value = rules.secret(key + "." + e.getKey(), e.getValue().asText());
            rules.names(key + "." + e.getKey(), value);
            form.put(e.getKey(), value);
        }
        return form;
    }

    /** A JMESPath save: text that compiles, whose {@code #{name}}s are rules.known. */
    private String jsonSave(String key, JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw rules.fail(key, "must be a JMESPath expression (text)");
        }
        rules.names(key, value.asText());
        rules.jmesPath(key, value.asText());
        return value.asText();
    }

    /**
     * {@code {header: NAME}}, {@code {cookie: NAME}}, {@code {regex: RE, all: true}} as a capture;
     * empty for {@code {json: PATH}}, which is a JMESPath save.
     */
    private Optional<Capture> capture(String key, JsonNode node) {
        rules.onlyKeys(node, key + ".", List.of("json", "header", "cookie", "regex", "all"));
        List<String> kinds = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals("all")) {
                kinds.add(k);
            }
        });
        if (kinds.size() != 1) {
            throw rules.fail(key, "needs exactly one of json, header, cookie, regex (found " + kinds + ")");
        }
        String kind = kinds.get(0);
        boolean all = node.has("all") && node.get("all").asBoolean(false);
        if (node.has("all") && !(kind.equals("regex") && node.get("all").isBoolean())) {
            throw rules.fail(key + ".all", "is true or false, and only beside regex");
        }
        if (kind.equals("json")) {
            return Optional.empty();
        }
        String value = rules.text(node, kind).filter(t -> !t.isBlank()).orElseThrow(() -> rules.fail(key + "." + kind, "must be a non-empty text"));
        switch (kind) {
            case "header" -> {
                if (!value.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw rules.fail(key + ".header", "'" + value + "' is not an HTTP header name");
                }
                return Optional.of(new Capture(Capture.Kind.HEADER, value, false));
            }
            case "cookie" -> {
                if (!value.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw rules.fail(key + ".cookie", "'" + value + "' is not a cookie name");
                }
                return Optional.of(new Capture(Capture.Kind.COOKIE, value, false));
            }
            default -> {
                try {
                    java.util.regex.Pattern.compile(value);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw rules.fail(key + ".regex", "'" + value + "' does not compile: " + e.getDescription());
                }
                return Optional.of(new Capture(Capture.Kind.REGEX, value, all));
            }
        }
    }

    /**
     * The common headers, sent on every step but the session: read when the first such step is, so
     * that they may use what the session saved and nothing saved later.
     */
    Map<String, String> commonHeaders() {
        if (commonHeaders == null) {
            commonHeaders = headers(headersNode);
        }
        return commonHeaders;
    }

    private Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw rules.fail("headers", "must map header names to values");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = "headers." + e.getKey();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw rules.fail(key, "must be a text value");
            }
            rules.names(key, e.getValue().asText());
            headers.put(e.getKey(), rules.secret(key, e.getValue().asText()));
        }
        return headers;
    }

    Optional<Locked> locked(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw rules.fail(key, "must be a mapping with the keys [status, bodyContains, json]");
        }
        rules.onlyKeys(node, key + ".", List.of("status", "bodyContains", "json"));
        JsonNode status = node.get("status");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
            throw rules.fail(key + ".status", "is required: the HTTP status of a locked episode, such as 403");
        }
        return Optional.of(new Locked(rules.httpStatus(key + ".status", status.asInt()),
                rules.text(node, "bodyContains").map(t -> rules.secret(key + ".bodyContains", t)),
                rules.text(node, "json").map(e -> rules.predicate(key + ".json", e))));
    }
}
