// Over 300 lines for now: it serves the five fixed steps of a target profile, which the journey
// file (issue 22: any number of steps and hosts) replaces; it is rebuilt in that shape there.
package io.dropnight.simulations.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a {@link TargetProfile} from YAML and validates all of it before any load: an unknown
 * key, a missing {@code path}, a JMESPath that does not compile, a {@code #{name}} that no earlier
 * step saves. The first breach is a {@link ProfileException} naming the file, the key and the rule.
 * Stateless and thread-safe.
 */
public final class ProfileReader {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** A profile is a page of YAML; a file over this is refused unread. */
    static final long MAX_BYTES = 1024 * 1024;
    private static final List<String> TOP_KEYS =
            List.of("name", "hosts", "protocol", "accounts", "headers", "steps", "errorPage");
    /** The five-step profile's keys (issue 8), still read: the same journey, its steps at the top. */
    private static final List<String> LEGACY_TOP_KEYS =
            List.of("name", "hosts", "protocol", "accounts", "session", "headers", "home", "title", "play", "heartbeat", "errorPage");
    private static final List<String> CALL_KEYS = List.of("method", "host", "path", "body", "form", "save", "ok");
    private static final List<String> STEP_KEYS =
            List.of("name", "role", "request", "parallel", "capture", "ok", "optional", "every", "until", "locked", "pause");
    private static final List<String> REQUEST_KEYS = List.of("method", "host", "path", "url", "headers", "json", "form", "body");
    /** How often the waiting audience reloads the title page unless a journey says: a person, not compressed. */
    static final Interval POLL_EVERY = new Interval(Duration.ofSeconds(3), Duration.ofSeconds(6));
    /** The endpoint of a wait-for-drop step's reloads: its name and this. */
    public static final String POLL_SUFFIX = "-poll";
    private static final int MAX_PARALLEL = 8;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final String source;
    /** Where a file the profile names (its accounts) is found: the profile's own folder. */
    private final Path folder;
    private final Secrets secrets;
    /** The profile's named hosts, read before its steps. */
    private final Map<String, java.net.URI> hosts = new LinkedHashMap<>();
    /** Names a step may use: built-ins and what earlier steps saved. */
    private final Set<String> known = new LinkedHashSet<>(List.of(TargetProfile.USER_ID));
    /** The file's {@code headers:}, read (once) before the first step that sends them. */
    private JsonNode headersNode;
    private Map<String, String> commonHeaders;
    /** Why {@code #{episodeId}} is not known yet, added to the unknown-name line; empty once it is known. */
    private String episodeHint = "";

    private ProfileReader(String source, Path folder, Secrets secrets) {
        this.source = source;
        this.folder = folder;
        this.secrets = secrets;
    }

    /** Reads the profile at {@code file}, its secrets from this process's environment. */
    public static TargetProfile read(Path file) {
        return read(file, System::getenv);
    }

    /**
     * Reads the profile at {@code file}.
     *
     * @param environment an environment variable's value by name, null when unset: {@code ${env:NAME}}'s source
     */
    public static TargetProfile read(Path file, UnaryOperator<String> environment) {
        String text;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new ProfileException(file.toString(), "(file)", "is over 1 MB; a profile is a page of YAML");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProfileException(file.toString(), "(file)", "does not exist");
        } catch (IOException e) {
            throw new ProfileException(file.toString(), "(file)", "cannot be read: " + e.getMessage());
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(file.toString(), folder == null ? Path.of("") : folder, text, environment);
    }

    /** The built-in {@code dropnight} profile, from the classpath. */
    static TargetProfile builtIn() {
        try (InputStream in = ProfileReader.class.getResourceAsStream(TargetProfile.BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TargetProfile.BUILT_IN_RESOURCE + " is missing from the classpath");
            }
            return parse(TargetProfile.BUILT_IN_SOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8), name -> null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #parse(String, String, UnaryOperator)} with an empty environment: a secret in {@code text} is refused. */
    public static TargetProfile parse(String source, String text) {
        return parse(source, text, name -> null);
    }

    /**
     * @param source      where the text came from, named in every error
     * @param text        the YAML
     * @param environment an environment variable's value by name, null when unset: {@code ${env:NAME}}'s source
     */
    public static TargetProfile parse(String source, String text, UnaryOperator<String> environment) {
        return parse(source, Path.of(""), text, environment);
    }

    private static TargetProfile parse(String source, Path folder, String text, UnaryOperator<String> environment) {
        refuseAliases(source, text);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProfileException(source, "(file)", "is not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ProfileException(source, "(file)", "must be a YAML mapping with the keys " + TOP_KEYS);
        }
        return new ProfileReader(source, folder, Secrets.from(environment)).profile(root, text);
    }

    /**
     * Jackson reads a YAML alias ({@code *name}) as the text "name", silently: a profile that uses
     * one would not say what its writer meant (and an alias bomb must never expand), so any alias is
     * one line naming where it is.
     */
    private static void refuseAliases(String source, String text) {
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
                    throw new ProfileException(source, "(file)", "line " + p.currentLocation().getLineNr()
                            + ": a YAML alias (*" + p.getText() + ") is not supported in a profile: write the value out");
                }
            }
        } catch (IOException e) {
            // not YAML: parse() says so with its own line
        }
    }

    private TargetProfile profile(JsonNode root, String text) {
        boolean legacy = !root.has("steps");
        onlyKeys(root, "", legacy ? LEGACY_TOP_KEYS : TOP_KEYS);
        String name = text(root, "name").orElseThrow(() -> fail("name", "is required (shown in the report)"));
        hosts(root.get("hosts"));
        boolean http2 = protocol(root.get("protocol"));
        Optional<Accounts> accounts = accounts(root.get("accounts"));
        accounts.ifPresent(a -> known.addAll(a.columns()));
        headersNode = root.get("headers");
        List<JourneyStep> journey = legacy ? legacySteps(root) : steps(root.get("steps"));
        return new TargetProfile(name, source, text, journey, commonHeaders(), errorPage(root.get("errorPage")), secrets, accounts,
                hosts, http2, legacy);
    }

    /**
     * The five-step profile ({@code session}, {@code home}, {@code title}, {@code play},
     * {@code heartbeat} at the top) read as the journey it always described.
     */
    private List<JourneyStep> legacySteps(JsonNode root) {
        List<JourneyStep> steps = new java.util.ArrayList<>();
        if (root.has("session") && !root.get("session").isNull()) {
            steps.add(JourneyStep.of(legacyCall(root, "session", Set.of(200), List.of(), Role.SESSION)));
        }
        steps.add(JourneyStep.of(legacyCall(root, "home", Set.of(200), List.of(), Role.STEP)));
        CallSpec title = legacyCall(root, "title", Set.of(200), List.of("finalAvailable"), Role.WAIT_FOR_DROP);
        Optional<String> finalAvailable = text(root.get("title"), "finalAvailable").map(e -> {
            names("title.finalAvailable", e);
            jmesPath("title.finalAvailable", e);
            return e;
        });
        steps.add(new JourneyStep(title, false, List.of(), Optional.of(POLL_EVERY), finalAvailable, Optional.empty(), Optional.empty()));
        episodeChoice(steps);
        CallSpec play = legacyCall(root, "play", Set.of(200), List.of("locked"), Role.PLAY);
        steps.add(new JourneyStep(play, false, List.of(), Optional.empty(), Optional.empty(), locked(root.get("play").get("locked"), "play.locked"),
                Optional.empty()));
        if (root.has("heartbeat") && !root.get("heartbeat").isNull()) {
            CallSpec beat = legacyCall(root, "heartbeat", Set.of(200, 204), List.of("every"), Role.HEARTBEAT);
            Duration every = text(root.get("heartbeat"), "every").map(t -> duration("heartbeat.every", t))
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
            known.add(TargetProfile.EPISODE_ID);
        } else {
            episodeHint = " (#{episodeId} is picked from a saved finalEpisodeId: save finalEpisodeId before the wait-for-drop step,"
                    + " or capture episodeId yourself)";
        }
    }

    private CallSpec legacyCall(JsonNode root, String step, Set<Integer> defaultOk, List<String> extraKeys, Role role) {
        JsonNode node = root.get(step);
        if (node == null || node.isNull()) {
            throw fail(step, "is required: the journey cannot run without it");
        }
        if (!node.isObject()) {
            throw fail(step, "must be a mapping with the keys " + CALL_KEYS);
        }
        List<String> allowed = new java.util.ArrayList<>(CALL_KEYS);
        allowed.addAll(extraKeys);
        onlyKeys(node, step + ".", allowed);
        return request(step, step, node, true, node.get("save"), step + ".save", node.get("ok"), step + ".ok", defaultOk, role);
    }

    /** {@code steps:}, the journey file's list, each step read and checked in order. */
    private List<JourneyStep> steps(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw fail("steps", "must be a list of steps, each { name, request } (see docs/JOURNEYS.md)");
        }
        List<JourneyStep> steps = new java.util.ArrayList<>();
        Set<String> endpoints = new LinkedHashSet<>();
        Map<Role, Integer> roles = new java.util.EnumMap<>(Role.class);
        for (int i = 0; i < node.size(); i++) {
            JourneyStep step = step("steps[" + i + "]", node.get(i), roles);
            String key = "steps[" + i + "].name";
            String endpoint = step.role() == Role.PLAY ? io.dropnight.runfolder.ClientTags.PLAYBACK_START : step.name();
            if (!endpoints.add(endpoint) || step.role() == Role.WAIT_FOR_DROP && !endpoints.add(step.name() + POLL_SUFFIX)) {
                throw fail(key, "'" + step.name() + "' is used twice (every step's name is its own endpoint; "
                        + io.dropnight.runfolder.ClientTags.PLAYBACK_START + " is the play step's, <name>" + POLL_SUFFIX + " the wait-for-drop step's reloads)");
            }
            if (endpoints.size() > io.dropnight.runfolder.ClientTags.MAX_ENDPOINTS) {
                throw fail(key, "a journey has at most " + io.dropnight.runfolder.ClientTags.MAX_ENDPOINTS
                        + " endpoints (its steps, and the wait-for-drop step's reloads), as client.hlog keeps them apart");
            }
            steps.add(step);
            if (step.role() == Role.WAIT_FOR_DROP) {
                episodeChoice(steps);
            }
        }
        for (Role one : List.of(Role.WAIT_FOR_DROP, Role.PLAY)) {
            if (!roles.containsKey(one)) {
                throw fail("steps", "needs one step with role: " + one.label() + " (the night's "
                        + (one == Role.PLAY ? "stream start" : "waiting audience") + ")");
            }
        }
        return steps;
    }

    private JourneyStep step(String key, JsonNode node, Map<Role, Integer> roles) {
        if (node == null || !node.isObject()) {
            throw fail(key, "must be a mapping with the keys " + STEP_KEYS);
        }
        onlyKeys(node, key + ".", STEP_KEYS);
        String name = text(node, "name").orElseThrow(() -> fail(key + ".name", "is required: the step's endpoint name"));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")) {
            throw fail(key + ".name", "'" + name + "' must be 1 to 40 letters, digits, _, . or - (it names an endpoint)");
        }
        String at = key + " (" + name + ")";
        String roleText = text(node, "role").orElse(null);
        Role role = roleText == null ? Role.STEP : Role.of(roleText).orElseThrow(() -> fail(at + ".role",
                "'" + roleText + "' is not one of " + Role.labels() + " (or leave it out for a plain step)"));
        if (role != Role.STEP && roles.putIfAbsent(role, 1) != null) {
            throw fail(at + ".role", "a journey has one " + role.label() + " step");
        }
        if (role == Role.PLAY && !roles.containsKey(Role.WAIT_FOR_DROP)) {
            throw fail(at + ".role", "play comes after the wait-for-drop step");
        }
        if ((role == Role.SESSION || role == Role.WAIT_FOR_DROP) && roles.containsKey(Role.PLAY)) {
            throw fail(at + ".role", role.label() + " comes before the play step");
        }
        if (role == Role.HEARTBEAT && !roles.containsKey(Role.PLAY)) {
            throw fail(at + ".role", "heartbeat comes after the play step");
        }
        boolean optional = node.has("optional") && bool(node.get("optional"), at + ".optional");
        if (optional && role != Role.STEP) {
            throw fail(at + ".optional", "only a plain step may be optional: the " + role.label() + " step is the night's own");
        }
        only(node, "every", role == Role.WAIT_FOR_DROP || role == Role.HEARTBEAT, at, "the wait-for-drop and heartbeat steps");
        only(node, "until", role == Role.WAIT_FOR_DROP, at, "the wait-for-drop step");
        only(node, "locked", role == Role.PLAY, at, "the play step");
        only(node, "parallel", role == Role.STEP, at, "a plain step");
        Optional<Interval> pause = text(node, "pause").map(t -> interval(at + ".pause", t));
        Optional<Interval> every = text(node, "every").map(t -> interval(at + ".every", t));
        if (role == Role.WAIT_FOR_DROP && every.isEmpty()) {
            every = Optional.of(POLL_EVERY);
        }
        if (role == Role.HEARTBEAT) {
            every = Optional.of(every.orElse(Interval.fixed(TargetProfile.CALIBRATED_HEARTBEAT)));
            if (!every.get().isFixed() || every.get().min().compareTo(Duration.ofSeconds(1)) < 0) {
                throw fail(at + ".every", "'" + every.get() + "' must be one duration of at least 1s, such as 60s");
            }
        }
        Set<Integer> defaultOk = role == Role.HEARTBEAT ? Set.of(200, 204) : Set.of(200);
        boolean group = node.has("parallel");
        if (group == node.has("request")) {
            throw fail(at, "needs exactly one of request (one call) or parallel (calls made at once)");
        }
        CallSpec call;
        List<CallSpec> parallel = new java.util.ArrayList<>();
        if (group) {
            JsonNode list = node.get("parallel");
            if (!list.isArray() || list.size() < 2 || list.size() > MAX_PARALLEL) {
                throw fail(at + ".parallel", "must list 2 to " + MAX_PARALLEL + " requests, such as [ {host: cdn, path: /a.jpg}, ... ]");
            }
            if (node.has("capture")) {
                throw fail(at + ".capture", "a parallel group captures nothing (its answers arrive together): capture in a step of its own");
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
            onlyKeys(node, key + ".", List.of("json"));
            expression = node.get("json");
        }
        if (expression == null || !expression.isTextual() || expression.asText().isBlank()) {
            throw fail(key, "must be { json: JMESPath } on the answer, true once the episode is out");
        }
        names(key, expression.asText());
        jmesPath(key, expression.asText());
        return Optional.of(expression.asText());
    }

    private void only(JsonNode node, String field, boolean allowed, String at, String where) {
        if (node.has(field) && !allowed) {
            throw fail(at + "." + field, "belongs only to " + where);
        }
    }

    private boolean bool(JsonNode v, String key) {
        if (!v.isBoolean()) {
            throw fail(key, "is true or false");
        }
        return v.asBoolean();
    }

    private Interval interval(String key, String text) {
        try {
            return Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    /** {@code protocol: { http2: true }}: whether HTTP/2 may be spoken; TLS trust is the injector's own flags. */
    private boolean protocol(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            throw fail("protocol", "must be a mapping with the key [http2]");
        }
        for (String tls : List.of("trustStore", "trustStorePassword", "insecure")) {
            if (node.has(tls)) {
                throw fail("protocol." + tls, "TLS trust is given to the injector when it starts (Gatling reads it then):"
                        + " -Dgatling.ssl.trustStore=FILE -Dgatling.ssl.trustStorePassword=... or -Dgatling.ssl.useInsecureTrustManager=true"
                        + " (see docs/PROFILES.md)");
            }
        }
        onlyKeys(node, "protocol.", List.of("http2"));
        return node.has("http2") && bool(node.get("http2"), "protocol.http2");
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
            throw fail(key, "must be a mapping with the keys " + REQUEST_KEYS);
        }
        if (!legacy) {
            onlyKeys(node, key + ".", REQUEST_KEYS);
        }
        if (role != Role.SESSION) {
            commonHeaders();
        }
        String method = text(node, "method").orElse("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw fail(key + ".method", "'" + method + "' is not one of " + new java.util.TreeSet<>(METHODS));
        }
        boolean absolute = node.has("url");
        if (absolute && (node.has("path") || node.has("host"))) {
            throw fail(key + ".url", "a request has a path (on a host) or a whole url, not both");
        }
        String path;
        if (absolute) {
            path = secret(key + ".url", text(node, "url").orElseThrow(() -> fail(key + ".url", "must be a text")));
            names(key + ".url", path);
            if (!path.startsWith("#{") && !path.matches("(?i)https?://.+")) {
                throw fail(key + ".url", "'" + path + "' must be an http(s) URL or a captured one, such as '#{manifestUrl}'");
            }
        } else {
            path = secret(key + ".path", text(node, "path").orElseThrow(() -> fail(key + ".path", "is required (or url:)")));
            if (!path.startsWith("/")) {
                throw fail(key + ".path", "'" + path + "' must start with / (or give a whole url:)");
            }
            names(key + ".path", path);
        }
        Optional<String> body = text(node, "body").map(b -> secret(key + ".body", b));
        if (node.has("json")) {
            if (body.isPresent()) {
                throw fail(key + ".json", "a request sends a body, json or a form: one of them");
            }
            try {
                body = Optional.of(secret(key + ".json", node.get("json").isTextual() ? node.get("json").asText()
                        : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(node.get("json"))));
            } catch (JsonProcessingException e) {
                throw fail(key + ".json", "cannot be written as JSON: " + e.getOriginalMessage());
            }
        }
        body.ifPresent(b -> names(key + ".body", b));
        Map<String, String> form = form(node.get("form"), key + ".form");
        if (body.isPresent() && !form.isEmpty()) {
            throw fail(key + ".form", "a step sends a JSON body or a form, not both");
        }
        Map<String, String> callHeaders = new LinkedHashMap<>();
        JsonNode headerNode = legacy ? null : node.get("headers");
        if (headerNode != null && !headerNode.isNull()) {
            if (!headerNode.isObject()) {
                throw fail(key + ".headers", "must map header names to values");
            }
            for (Map.Entry<String, JsonNode> e : headerNode.properties()) {
                String k = key + ".headers." + e.getKey();
                String v = value(e.getValue(), k).orElseThrow(() -> fail(k, "must be a text value"));
                names(k, v);
                callHeaders.put(e.getKey(), secret(k, v));
            }
        }
        Set<Integer> ok = okNode != null && !okNode.isNull() ? statuses(okNode, okKey) : defaultOk;
        Map<String, String> save = new LinkedHashMap<>();
        Map<String, Capture> captures = new LinkedHashMap<>();
        if (saves != null && !saves.isNull()) {
            if (!saves.isObject()) {
                throw fail(savesKey, "must map session names to JMESPath expressions or {json|header|cookie|regex: ...}");
            }
            for (Map.Entry<String, JsonNode> e : saves.properties()) {
                String k = savesKey + "." + e.getKey();
                if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw fail(k, "a session name must be letters, digits or _ (not starting with a digit)");
                }
                if (e.getValue().isObject()) {
                    capture(k, e.getValue()).ifPresentOrElse(c -> captures.put(e.getKey(), c),
                            () -> save.put(e.getKey(), jsonSave(k, e.getValue().get("json"))));
                } else {
                    save.put(e.getKey(), jsonSave(k, e.getValue()));
                }
            }
        }
        known.addAll(save.keySet());
        known.addAll(captures.keySet());
        Optional<String> host = text(node, "host");
        if (host.isPresent() && !host.get().equals(TargetProfile.TARGET_HOST) && !hosts.containsKey(host.get())) {
            throw fail(key + ".host", "'" + host.get() + "' is not a host of this profile (hosts: " + hosts.keySet()
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
            throw fail(key, "must map form fields to values, such as { user: '#{username}' }");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw fail(key + "." + e.getKey(), "must be a text value");
            }
            String value = secret(key + "." + e.getKey(), e.getValue().asText());
            names(key + "." + e.getKey(), value);
            form.put(e.getKey(), value);
        }
        return form;
    }

    /** A JMESPath save: text that compiles, whose {@code #{name}}s are known. */
    private String jsonSave(String key, JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw fail(key, "must be a JMESPath expression (text)");
        }
        names(key, value.asText());
        jmesPath(key, value.asText());
        return value.asText();
    }

    /**
     * {@code {header: NAME}}, {@code {cookie: NAME}}, {@code {regex: RE, all: true}} as a capture;
     * empty for {@code {json: PATH}}, which is a JMESPath save.
     */
    private Optional<Capture> capture(String key, JsonNode node) {
        onlyKeys(node, key + ".", List.of("json", "header", "cookie", "regex", "all"));
        List<String> kinds = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals("all")) {
                kinds.add(k);
            }
        });
        if (kinds.size() != 1) {
            throw fail(key, "needs exactly one of json, header, cookie, regex (found " + kinds + ")");
        }
        String kind = kinds.get(0);
        boolean all = node.has("all") && node.get("all").asBoolean(false);
        if (node.has("all") && !(kind.equals("regex") && node.get("all").isBoolean())) {
            throw fail(key + ".all", "is true or false, and only beside regex");
        }
        if (kind.equals("json")) {
            return Optional.empty();
        }
        String value = text(node, kind).filter(t -> !t.isBlank()).orElseThrow(() -> fail(key + "." + kind, "must be a non-empty text"));
        switch (kind) {
            case "header" -> {
                if (!value.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw fail(key + ".header", "'" + value + "' is not an HTTP header name");
                }
                return Optional.of(new Capture(Capture.Kind.HEADER, value, false));
            }
            case "cookie" -> {
                if (!value.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw fail(key + ".cookie", "'" + value + "' is not a cookie name");
                }
                return Optional.of(new Capture(Capture.Kind.COOKIE, value, false));
            }
            default -> {
                try {
                    java.util.regex.Pattern.compile(value);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw fail(key + ".regex", "'" + value + "' does not compile: " + e.getDescription());
                }
                return Optional.of(new Capture(Capture.Kind.REGEX, value, all));
            }
        }
    }

    /**
     * The common headers, sent on every step but the session: read when the first such step is, so
     * that they may use what the session saved and nothing saved later.
     */
    private Map<String, String> commonHeaders() {
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
            throw fail("headers", "must map header names to values");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = "headers." + e.getKey();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw fail(key, "must be a text value");
            }
            names(key, e.getValue().asText());
            headers.put(e.getKey(), secret(key, e.getValue().asText()));
        }
        return headers;
    }

    /**
     * {@code hosts: { cdn: https://cdn.example.internal }}: named base URLs, http or https, without
     * a query; {@code api} is {@code -Dtarget}'s and is replaced by it.
     */
    private void hosts(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw fail("hosts", "must map host names to base URLs, such as { cdn: https://cdn.example.internal }");
        }
        node.fieldNames().forEachRemaining(name -> {
            String key = "hosts." + name;
            if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw fail(key, "a host's name is letters, digits, _ or -");
            }
            String text = secret(key, value(node.get(name), key).orElseThrow(() -> fail(key, "must be a base URL")));
            java.net.URI uri;
            try {
                uri = new java.net.URI(text);
            } catch (java.net.URISyntaxException e) {
                throw fail(key, "'" + text + "' is not a URL: " + e.getReason());
            }
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null
                    || uri.getQuery() != null) {
                throw fail(key, "'" + text + "' must be an http or https base URL with a host and no query");
            }
            if (!name.equals(TargetProfile.TARGET_HOST)) {
                hosts.put(name, uri);
            }
        });
    }

    /** {@code accounts: { csv: FILE, strategy: queue }}, the file relative to the profile's folder. */
    private Optional<Accounts> accounts(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw fail("accounts", "must be a mapping with the keys [csv, strategy]");
        }
        onlyKeys(node, "accounts.", List.of("csv", "strategy"));
        String csv = text(node, "csv").orElseThrow(() -> fail("accounts.csv", "is required: the CSV file of accounts,"
                + " one row per viewer, its header the session names"));
        String strategyText = text(node, "strategy").orElse(Accounts.Strategy.QUEUE.label());
        Accounts.Strategy strategy = Accounts.Strategy.of(strategyText).orElseThrow(() -> fail("accounts.strategy",
                "'" + strategyText + "' is not one of queue, circular, random"));
        return Optional.of(Accounts.read(source, "accounts.csv", folder.resolve(csv), strategy,
                List.of(TargetProfile.USER_ID, TargetProfile.EPISODE_ID)));
    }

    private Optional<Locked> locked(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw fail(key, "must be a mapping with the keys [status, bodyContains, json]");
        }
        onlyKeys(node, key + ".", List.of("status", "bodyContains", "json"));
        JsonNode status = node.get("status");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
            throw fail(key + ".status", "is required: the HTTP status of a locked episode, such as 403");
        }
        return Optional.of(new Locked(httpStatus(key + ".status", status.asInt()),
                text(node, "bodyContains").map(t -> secret(key + ".bodyContains", t)),
                text(node, "json").map(e -> predicate(key + ".json", e))));
    }

    /**
     * {@code errorPage: { bodyContains, statuses, header, json }}, or the same criteria as a list
     * {@code errorPage: { any: [ {status: [..]}, {json: ..}, ... ] }}, one entry per kind.
     */
    private ErrorPageSpec errorPage(JsonNode node) {
        if (node == null || node.isNull()) {
            return ErrorPageSpec.NONE;
        }
        List<String> kinds = List.of("bodyContains", "statuses", "status", "header", "json");
        if (!node.isObject()) {
            throw fail("errorPage", "must be a mapping with the keys [bodyContains, statuses, header, json] or [any]");
        }
        Map<String, JsonNode> criteria = new LinkedHashMap<>();
        if (node.has("any")) {
            onlyKeys(node, "errorPage.", List.of("any"));
            JsonNode any = node.get("any");
            if (!any.isArray() || any.isEmpty()) {
                throw fail("errorPage.any", "must be a list of criteria, such as [ {status: [503]}, {json: 'errors[0]'} ]");
            }
            for (int i = 0; i < any.size(); i++) {
                String key = "errorPage.any[" + i + "]";
                JsonNode entry = any.get(i);
                if (!entry.isObject() || entry.size() != 1) {
                    throw fail(key, "must be one criterion: one of " + kinds);
                }
                onlyKeys(entry, key + ".", kinds);
                String kind = entry.fieldNames().next();
                String normal = kind.equals("status") ? "statuses" : kind;
                if (criteria.putIfAbsent(normal, entry.get(kind)) != null) {
                    throw fail(key, "a second " + kind + ": give each kind once (statuses as one list)");
                }
            }
        } else {
            onlyKeys(node, "errorPage.", List.of("bodyContains", "statuses", "header", "json"));
            node.properties().forEach(e -> criteria.put(e.getKey(), e.getValue()));
        }
        JsonNode statusNode = criteria.get("statuses");
        ErrorPageSpec spec = new ErrorPageSpec(
                value(criteria.get("bodyContains"), "errorPage.bodyContains").map(t -> secret("errorPage.bodyContains", t)),
                statusNode == null ? Set.of() : statuses(statusNode.isArray() ? statusNode
                        : YAML.createArrayNode().add(statusNode), "errorPage.statuses"),
                value(criteria.get("header"), "errorPage.header").map(t -> secret("errorPage.header", t)),
                value(criteria.get("json"), "errorPage.json").map(e -> predicate("errorPage.json", e)));
        if (spec.equals(ErrorPageSpec.NONE)) {
            throw fail("errorPage", "needs at least one of bodyContains, statuses, header, json (or leave errorPage out)");
        }
        return spec;
    }

    /** A scalar as text; empty when absent or null; anything else is one line naming {@code key}. */
    private Optional<String> value(JsonNode v, String key) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw fail(key, "must be a text value");
        }
        return Optional.of(v.asText());
    }

    /** A JMESPath predicate on a JSON answer: compiles, and uses no session name (it reads the answer only). */
    private String predicate(String key, String expression) {
        if (!Expressions.referencedNames(expression).isEmpty()) {
            throw fail(key, "reads the answer only: no #{name} here");
        }
        jmesPath(key, expression);
        return expression;
    }

    private Set<Integer> statuses(JsonNode node, String key) {
        if (!node.isArray() || node.isEmpty()) {
            throw fail(key, "must be a list of HTTP statuses, such as [200, 204]");
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode s : node) {
            if (!s.isIntegralNumber()) {
                throw fail(key, "'" + s.asText() + "' is not an HTTP status");
            }
            out.add(httpStatus(key, s.asInt()));
        }
        return out;
    }

    private int httpStatus(String key, int status) {
        if (status < 100 || status > 599) {
            throw fail(key, status + " is not an HTTP status (100 to 599)");
        }
        return status;
    }

    private Duration duration(String key, String text) {
        try {
            Duration d = Durations.parse(key, text);
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw fail(key, "'" + text + "' must be at least 1s");
            }
            return d;
        } catch (ConfigException e) {
            throw fail(key, "'" + text + "' must be a duration such as 60s or 1m");
        }
    }

    /** Every {@code #{name}} in {@code text} must be a built-in or saved by an earlier step. */
    private void names(String key, String text) {
        for (String name : Expressions.referencedNames(text)) {
            if (!known.contains(name)) {
                throw fail(key, "#{" + name + "} is not saved by an earlier step (known here: " + known + ")"
                        + (name.equals(TargetProfile.EPISODE_ID) ? episodeHint : ""));
            }
        }
    }

    private void jmesPath(String key, String expression) {
        Optional<String> error = Expressions.compileError(expression);
        if (error.isPresent()) {
            throw fail(key, "JMESPath '" + expression + "' does not compile: " + error.get());
        }
    }

    private void onlyKeys(JsonNode node, String prefix, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw fail(prefix + k, "unknown key (allowed here: " + allowed + ")");
            }
        }
    }

    /** The value at {@code key} of {@code node} (a mapping, or null), read as {@link #value} reads one. */
    private Optional<String> text(JsonNode node, String key) {
        return value(node == null ? null : node.get(key), key);
    }

    /** {@code text} with its {@code ${env:NAME}} secrets resolved (TargetProfile keeps the file's text as written). */
    private String secret(String key, String text) {
        return secrets.resolve(source, key, text);
    }

    private ProfileException fail(String key, String rule) {
        return new ProfileException(source, key, rule);
    }
}
