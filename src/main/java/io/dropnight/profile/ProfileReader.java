package io.dropnight.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** The endpoint of a wait-for-drop step's reloads: its name and this. */
    public static final String POLL_SUFFIX = "-poll";

    private final String source;
    /** Where a file the profile names (its accounts) is found: the profile's own folder. */
    private final Path folder;
    private final Secrets secrets;
    /** The profile's named hosts, read before its steps. */
    private final Map<String, java.net.URI> hosts = new LinkedHashMap<>();
    private static final List<String> PROTOCOL_KEYS = List.of("http2", "trustStore", "trustStorePassword", "trustStoreType");
    /** The file's {@code protocol.trustStore}, once read. */
    private Optional<TrustStore> trustStore = Optional.empty();
    /** The rules every value of the file is read by, and the names known so far. */
    private final FileRules rules;

    private ProfileReader(String source, Path folder, Secrets secrets) {
        this.source = source;
        this.folder = folder;
        this.secrets = secrets;
        this.rules = new FileRules(source, secrets);
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
        rules.onlyKeys(root, "", legacy ? LEGACY_TOP_KEYS : TOP_KEYS);
        String name = rules.text(root, "name").orElseThrow(() -> rules.fail("name", "is required (shown in the report)"));
        hosts(root.get("hosts"));
        boolean http2 = protocol(root.get("protocol"));
        Optional<Accounts> accounts = accounts(root.get("accounts"));
        accounts.ifPresent(a -> rules.known.addAll(a.columns()));
        StepReader steps = new StepReader(rules, hosts, root.get("headers"));
        List<JourneyStep> journey = legacy ? steps.legacySteps(root) : steps.steps(root.get("steps"));
        return new TargetProfile(name, source, text, journey, steps.commonHeaders(), errorPage(root.get("errorPage")), secrets, accounts,
                hosts, http2, trustStore, legacy);
    }

    /**
     * {@code protocol: { http2: true, trustStore: FILE, trustStorePassword: ..., trustStoreType: ... }}:
     * whether HTTP/2 may be spoken, and the certificates the hosts are checked against. Trusting any
     * certificate is not the file's to say: it is the injector's flag, said out loud.
     */
    private boolean protocol(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            throw rules.fail("protocol", "must be a mapping with the keys " + PROTOCOL_KEYS);
        }
        if (node.has("insecure")) {
            throw rules.fail("protocol.insecure", "trusting any certificate is the injector's choice, said on its command line:"
                    + " -Dgatling.ssl.useInsecureTrustManager=true (or give the hosts' trust store as protocol.trustStore)");
        }
        rules.onlyKeys(node, "protocol.", PROTOCOL_KEYS);
        Optional<String> file = rules.text(node, "trustStore");
        if (file.isEmpty() && (node.has("trustStorePassword") || node.has("trustStoreType"))) {
            throw rules.fail("protocol.trustStore", "is required beside trustStorePassword and trustStoreType");
        }
        file.ifPresent(f -> {
            Path path = folder.resolve(rules.secret("protocol.trustStore", f));
            if (!Files.isReadable(path) || Files.isDirectory(path)) {
                throw rules.fail("protocol.trustStore", "'" + f + "' is not a readable file (resolved against the journey's folder: " + path + ")");
            }
            String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            String type = rules.text(node, "trustStoreType").orElse(name.endsWith(".jks") ? "JKS" : "PKCS12").toUpperCase(java.util.Locale.ROOT);
            if (!List.of("PKCS12", "JKS").contains(type)) {
                throw rules.fail("protocol.trustStoreType", "'" + type + "' is not one of [PKCS12, JKS]");
            }
            trustStore = Optional.of(new TrustStore(path, type,
                    rules.text(node, "trustStorePassword").map(pw -> rules.secret("protocol.trustStorePassword", pw)).orElse("")));
        });
        return node.has("http2") && rules.bool(node.get("http2"), "protocol.http2");
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
            throw rules.fail("hosts", "must map host names to base URLs, such as { cdn: https://cdn.example.internal }");
        }
        node.fieldNames().forEachRemaining(name -> {
            String key = "hosts." + name;
            if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw rules.fail(key, "a host's name is letters, digits, _ or -");
            }
            String text = rules.secret(key, rules.value(node.get(name), key).orElseThrow(() -> rules.fail(key, "must be a base URL")));
            java.net.URI uri;
            try {
                uri = new java.net.URI(text);
            } catch (java.net.URISyntaxException e) {
                throw rules.fail(key, "'" + text + "' is not a URL: " + e.getReason());
            }
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null
                    || uri.getQuery() != null) {
                throw rules.fail(key, "'" + text + "' must be an http or https base URL with a host and no query");
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
            throw rules.fail("accounts", "must be a mapping with the keys [csv, strategy]");
        }
        rules.onlyKeys(node, "accounts.", List.of("csv", "strategy"));
        String csv = rules.text(node, "csv").orElseThrow(() -> rules.fail("accounts.csv", "is required: the CSV file of accounts,"
                + " one row per viewer, its header the session names"));
        String strategyText = rules.text(node, "strategy").orElse(Accounts.Strategy.QUEUE.label());
        Accounts.Strategy strategy = Accounts.Strategy.of(strategyText).orElseThrow(() -> rules.fail("accounts.strategy",
                "'" + strategyText + "' is not one of queue, circular, random"));
        return Optional.of(Accounts.read(source, "accounts.csv", folder.resolve(csv), strategy,
                List.of(TargetProfile.USER_ID, TargetProfile.EPISODE_ID)));
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
            throw rules.fail("errorPage", "must be a mapping with the keys [bodyContains, statuses, header, json] or [any]");
        }
        Map<String, JsonNode> criteria = new LinkedHashMap<>();
        if (node.has("any")) {
            rules.onlyKeys(node, "errorPage.", List.of("any"));
            JsonNode any = node.get("any");
            if (!any.isArray() || any.isEmpty()) {
                throw rules.fail("errorPage.any", "must be a list of criteria, such as [ {status: [503]}, {json: 'errors[0]'} ]");
            }
            for (int i = 0; i < any.size(); i++) {
                String key = "errorPage.any[" + i + "]";
                JsonNode entry = any.get(i);
                if (!entry.isObject() || entry.size() != 1) {
                    throw rules.fail(key, "must be one criterion: one of " + kinds);
                }
                rules.onlyKeys(entry, key + ".", kinds);
                String kind = entry.fieldNames().next();
                String normal = kind.equals("status") ? "statuses" : kind;
                if (criteria.putIfAbsent(normal, entry.get(kind)) != null) {
                    throw rules.fail(key, "a second " + kind + ": give each kind once (statuses as one list)");
                }
            }
        } else {
            rules.onlyKeys(node, "errorPage.", List.of("bodyContains", "statuses", "header", "json"));
            node.properties().forEach(e -> criteria.put(e.getKey(), e.getValue()));
        }
        JsonNode statusNode = criteria.get("statuses");
        ErrorPageSpec spec = new ErrorPageSpec(
                rules.value(criteria.get("bodyContains"), "errorPage.bodyContains").map(t -> rules.secret("errorPage.bodyContains", t)),
                statusNode == null ? Set.of() : rules.statuses(statusNode.isArray() ? statusNode
                        : YAML.createArrayNode().add(statusNode), "errorPage.statuses"),
                rules.value(criteria.get("header"), "errorPage.header").map(t -> rules.secret("errorPage.header", t)),
                rules.value(criteria.get("json"), "errorPage.json").map(e -> rules.predicate("errorPage.json", e)));
        if (spec.equals(ErrorPageSpec.NONE)) {
            throw rules.fail("errorPage", "needs at least one of bodyContains, statuses, header, json (or leave errorPage out)");
        }
        return spec;
    }

}
