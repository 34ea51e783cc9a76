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
            List.of("name", "hosts", "accounts", "session", "headers", "home", "title", "play", "heartbeat", "errorPage");
    private static final List<String> CALL_KEYS = List.of("method", "host", "path", "body", "form", "save", "ok");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final String source;
    /** Where a file the profile names (its accounts) is found: the profile's own folder. */
    private final Path folder;
    private final Secrets secrets;
    /** The profile's named hosts, read before its steps. */
    private final Map<String, java.net.URI> hosts = new LinkedHashMap<>();
    /** Names a step may use: built-ins and what earlier steps saved. */
    private final Set<String> known = new LinkedHashSet<>(List.of(TargetProfile.USER_ID));

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
        onlyKeys(root, "", TOP_KEYS);
        String name = text(root, "name").orElseThrow(() -> fail("name", "is required (shown in the report)"));
        hosts(root.get("hosts"));
        Optional<Accounts> accounts = accounts(root.get("accounts"));
        accounts.ifPresent(a -> known.addAll(a.columns()));
        Optional<CallSpec> session = optionalCall(root, "session", Set.of(200), List.of());
        Map<String, String> headers = headers(root);
        CallSpec home = call(root, "home", Set.of(200), List.of());
        CallSpec title = call(root, "title", Set.of(200), List.of("finalAvailable"));
        Optional<String> finalAvailable = text(root.get("title"), "finalAvailable").map(e -> {
            names("title.finalAvailable", e);
            jmesPath("title.finalAvailable", e);
            return e;
        });
        known.add(TargetProfile.EPISODE_ID);
        CallSpec play = call(root, "play", Set.of(200), List.of("locked"));
        Optional<Locked> locked = locked(root.get("play"));
        Optional<CallSpec> heartbeat = optionalCall(root, "heartbeat", Set.of(200, 204), List.of("every"));
        Duration every = heartbeat.isEmpty() ? TargetProfile.CALIBRATED_HEARTBEAT
                : text(root.get("heartbeat"), "every").map(t -> duration("heartbeat.every", t))
                        .orElse(TargetProfile.CALIBRATED_HEARTBEAT);
        if (needsEpisodeChoice(play, heartbeat) && !saved(session, home, title).contains(TargetProfile.FINAL_EPISODE_ID)) {
            throw fail("play.path", "uses #{episodeId}, which the journey picks from a saved finalEpisodeId:"
                    + " save finalEpisodeId in home or title");
        }
        return new TargetProfile(name, source, text, session, headers, home, title, finalAvailable, play, locked,
                heartbeat, every, errorPage(root.get("errorPage")), secrets, accounts, hosts);
    }

    private Optional<CallSpec> optionalCall(JsonNode root, String step, Set<Integer> ok, List<String> extra) {
        return root.has(step) && !root.get(step).isNull() ? Optional.of(call(root, step, ok, extra)) : Optional.empty();
    }

    private CallSpec call(JsonNode root, String step, Set<Integer> defaultOk, List<String> extraKeys) {
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
        String method = text(node, "method").orElse("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw fail(step + ".method", "'" + method + "' is not one of " + new java.util.TreeSet<>(METHODS));
        }
        String path = secret(step + ".path", text(node, "path").orElseThrow(() -> fail(step + ".path", "is required")));
        if (!path.startsWith("/")) {
            throw fail(step + ".path", "'" + path + "' must start with /");
        }
        names(step + ".path", path);
        Optional<String> body = text(node, "body").map(b -> secret(step + ".body", b));
        body.ifPresent(b -> names(step + ".body", b));
        Map<String, String> form = form(node.get("form"), step + ".form");
        if (body.isPresent() && !form.isEmpty()) {
            throw fail(step + ".form", "a step sends a JSON body or a form, not both");
        }
        Set<Integer> ok = node.has("ok") ? statuses(node.get("ok"), step + ".ok") : defaultOk;
        Map<String, String> save = new LinkedHashMap<>();
        Map<String, Capture> captures = new LinkedHashMap<>();
        JsonNode saves = node.get("save");
        if (saves != null && !saves.isNull()) {
            if (!saves.isObject()) {
                throw fail(step + ".save", "must map session names to JMESPath expressions or {header|cookie|regex: ...}");
            }
            for (Map.Entry<String, JsonNode> e : saves.properties()) {
                String key = step + ".save." + e.getKey();
                if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw fail(key, "a session name must be letters, digits or _ (not starting with a digit)");
                }
                if (e.getValue().isObject()) {
                    capture(key, e.getValue()).ifPresentOrElse(c -> captures.put(e.getKey(), c),
                            () -> save.put(e.getKey(), jsonSave(key, e.getValue().get("json"))));
                } else {
                    save.put(e.getKey(), jsonSave(key, e.getValue()));
                }
            }
        }
        known.addAll(save.keySet());
        known.addAll(captures.keySet());
        Optional<String> host = text(node, "host");
        if (host.isPresent() && !host.get().equals(TargetProfile.TARGET_HOST) && !hosts.containsKey(host.get())) {
            throw fail(step + ".host", "'" + host.get() + "' is not a host of this profile (hosts: " + hosts.keySet()
                    + ", and api: -Dtarget)");
        }
        return new CallSpec(step, method, path, body, form, save, captures, ok, host);
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

    private Map<String, String> headers(JsonNode root) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode node = root.get("headers");
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

    private Optional<Locked> locked(JsonNode play) {
        JsonNode node = play.get("locked");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw fail("play.locked", "must be a mapping with the keys [status, bodyContains, json]");
        }
        onlyKeys(node, "play.locked.", List.of("status", "bodyContains", "json"));
        JsonNode status = node.get("status");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
            throw fail("play.locked.status", "is required: the HTTP status of a locked episode, such as 403");
        }
        return Optional.of(new Locked(httpStatus("play.locked.status", status.asInt()),
                text(node, "bodyContains").map(t -> secret("play.locked.bodyContains", t)),
                text(node, "json").map(e -> predicate("play.locked.json", e))));
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
                throw fail(key, "#{" + name + "} is not saved by an earlier step (known here: " + known + ")");
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

    private static boolean needsEpisodeChoice(CallSpec play, Optional<CallSpec> heartbeat) {
        String episode = TargetProfile.EPISODE_ID;
        return Expressions.referencedNames(play.path() + play.body().orElse("")).contains(episode)
                || heartbeat.map(h -> Expressions.referencedNames(h.path() + h.body().orElse("")).contains(episode))
                        .orElse(false);
    }

    @SafeVarargs
    private static Set<String> saved(Optional<CallSpec> session, CallSpec... calls) {
        Set<String> names = new HashSet<>();
        session.ifPresent(s -> names.addAll(s.savedNames()));
        for (CallSpec c : calls) {
            names.addAll(c.savedNames());
        }
        return names;
    }

    /** {@code text} with its {@code ${env:NAME}} secrets resolved (TargetProfile keeps the file's text as written). */
    private String secret(String key, String text) {
        return secrets.resolve(source, key, text);
    }

    private ProfileException fail(String key, String rule) {
        return new ProfileException(source, key, rule);
    }
}
