package io.dropnight.simulations.nights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link NightFile} from YAML and validates all of it before any load: an unknown key, a
 * population without arrivals, arrivals of a kind its behaviour cannot take, an audience of
 * nobody. The first breach is a {@link NightFileException} naming the file, the key, the value
 * and the rule. Stateless.
 */
public final class NightReader {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> TOP_KEYS = List.of("name", "drop", "episode", "audience", "slos", "populations");
    /** A night file's SLO key, and the -Dslo property (and its unit) it stands beneath. */
    private static final Map<String, String> SLO_KEYS = Map.of("playbackStartP99", "slo.playbackStartP99Ms",
            "timeToPlayP95", "slo.timeToPlayP95Ms", "errorPageRate", "slo.errorPageRatePct", "abandonment", "slo.abandonmentPct");
    /** A night file is a page of YAML; a larger one is refused unread. */
    private static final long MAX_BYTES = 1024 * 1024;
    private static final List<String> POPULATION_KEYS =
            List.of("name", "behaviour", "episodes", "heartbeats", "arrivals", "journey", "refresh", "givesUpAfter", "tries");
    private static final Map<String, Arrival.Kind> KINDS = Map.of("gather", Arrival.Kind.GATHER, "until", Arrival.Kind.UNTIL_DROP,
            "pause", Arrival.Kind.PAUSE, "ramp", Arrival.Kind.RAMP, "peak", Arrival.Kind.PEAK, "tail", Arrival.Kind.TAIL,
            "join", Arrival.Kind.JOIN, "stay", Arrival.Kind.STAY, "perSecond", Arrival.Kind.PER_SECOND);
    /** A measured curve covers at most a day, second by second. */
    private static final int MAX_CURVE_SECONDS = 86_400;
    /** The most viewers one entry brings, in any kind. */
    private static final int MAX_VIEWERS = 100_000_000;
    /** The default name of a phase of each kind, as the nights have always named them. */
    private static final Map<Arrival.Kind, String> DEFAULT_NAMES = Map.of(Arrival.Kind.GATHER, "gathering",
            Arrival.Kind.UNTIL_DROP, "before-drop", Arrival.Kind.PAUSE, "pause", Arrival.Kind.RAMP, "ramp", Arrival.Kind.PEAK, "peak",
            Arrival.Kind.TAIL, "tail", Arrival.Kind.JOIN, "joining", Arrival.Kind.STAY, "staying", Arrival.Kind.PER_SECOND, "measured");

    private final String source;
    /** Where a file the night names (a population's journey) is found: the night file's own folder. */
    private final java.nio.file.Path folder;

    private NightReader(String source, java.nio.file.Path folder) {
        this.source = source;
        this.folder = folder;
    }

    /** A built-in night by its name ({@code finale-drop}), from the classpath. */
    public static NightFile builtIn(String name) {
        String resource = "/nights/" + name + ".yml";
        try (InputStream in = NightReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return parse("built-in " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The night file at {@code file}. */
    public static NightFile read(java.nio.file.Path file) {
        try {
            if (java.nio.file.Files.size(file) > MAX_BYTES) {
                throw new NightFileException(file.toString(), "(file)", "is over 1 MB; a night is a page of YAML");
            }
            java.nio.file.Path folder = file.toAbsolutePath().getParent();
            return parse(file.toString(), folder, java.nio.file.Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NightFileException(file.toString(), "(file)", "cannot be read: " + e.getMessage());
        }
    }

    /** @param source where {@code text} came from, named in every error */
    public static NightFile parse(String source, String text) {
        return parse(source, java.nio.file.Path.of(""), text);
    }

    private static NightFile parse(String source, java.nio.file.Path folder, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NightFileException(source, "(file)", "is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new NightFileException(source, "(file)", "must be a YAML mapping with the keys " + TOP_KEYS);
        }
        return new NightReader(source, folder).night(root);
    }

    private NightFile night(JsonNode root) {
        onlyKeys(root, "", TOP_KEYS);
        String name = text(root, "name", "name");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw fail("name", name, "must be 1 to 40 lower-case letters, digits or - (it tags every request)");
        }
        Duration drop = duration(root.get("drop"), "drop");
        EpisodeChoice episode = EpisodeChoice.FINAL;
        if (root.has("episode")) {
            String e = text(root, "episode", "episode");
            episode = EpisodeChoice.of(e).orElseThrow(() -> fail("episode", e, "is not one of [final, nth-of-last-season, one-of-last-three]"));
        }
        JsonNode list = root.get("populations");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw fail("populations", String.valueOf(list), "must list at least one population { name, behaviour, arrivals }");
        }
        List<NightFile.PopulationSpec> populations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long viewers = 0;
        for (int i = 0; i < list.size(); i++) {
            NightFile.PopulationSpec p = population("populations[" + i + "]", list.get(i));
            if (!names.add(p.name())) {
                throw fail("populations[" + i + "].name", p.name(), "is used twice: each population has its own name");
            }
            populations.add(p);
            viewers += p.arrivals().stream().mapToLong(Arrival::viewersAtScaleOne).sum();
        }
        if (viewers == 0) {
            throw fail("populations", "0 viewers", "an audience of nobody: some arrivals must bring viewers");
        }
        java.util.Optional<Long> audience = java.util.Optional.empty();
        if (root.has("audience")) {
            JsonNode a = root.get("audience");
            if (!a.isIntegralNumber() || a.asLong() < 1) {
                throw fail("audience", a.toString(), "must be the real night's viewers, a whole number of at least 1, such as 6000000");
            }
            audience = java.util.Optional.of(a.asLong());
        }
        if (audience.isEmpty() && populations.stream().anyMatch(p -> p.behaviour() == Journey.RESERVE)) {
            // the service's cinemas are as large against the real night as the rehearsal is against its audience
            throw fail("audience", "(missing)", "is required when viewers reserve: the cinemas scale with the rehearsal"
                    + " against the real night's audience");
        }
        return new NightFile(name, source, drop, populations, episode, audience, slos(root.get("slos")));
    }

    /**
     * {@code slos: { playbackStartP99: 800ms, timeToPlayP95: 3s, errorPageRate: 1%, abandonment: 0.5% }}:
     * a premiere's targets, as the {@code -Dslo.*} properties they stand beneath.
     */
    private Map<String, String> slos(JsonNode node) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw fail("slos", node.toString(), "must map SLOs to thresholds, such as { errorPageRate: 1%, playbackStartP99: 800ms }");
        }
        onlyKeys(node, "slos.", new ArrayList<>(new java.util.TreeSet<>(SLO_KEYS.keySet())));
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = "slos." + e.getKey();
            String text = e.getValue().asText().trim();
            if (SLO_KEYS.get(e.getKey()).endsWith("Ms")) {
                long ms = duration(e.getValue(), key).toMillis();
                if (ms > 3_600_000) {
                    throw fail(key, text, "must be at most 1h");
                }
                out.put(SLO_KEYS.get(e.getKey()), Long.toString(ms));
            } else {
                String number = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
                double pct;
                try {
                    pct = Double.parseDouble(number);
                } catch (NumberFormatException ex) {
                    pct = -1;
                }
                if (!(pct >= 0 && pct <= 100)) {
                    throw fail(key, text, "must be a percentage from 0% to 100%, such as 1%");
                }
                out.put(SLO_KEYS.get(e.getKey()), number);
            }
        }
        return out;
    }

    private NightFile.PopulationSpec population(String key, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw fail(key, String.valueOf(node), "must be a mapping with the keys " + POPULATION_KEYS);
        }
        onlyKeys(node, key + ".", POPULATION_KEYS);
        String name = text(node, "name", key + ".name");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw fail(key + ".name", name, "must be 1 to 40 lower-case letters, digits or -");
        }
        String at = key + " (" + name + ")";
        String behaviourText = text(node, "behaviour", at + ".behaviour");
        Journey behaviour = Journey.of(behaviourText)
                .orElseThrow(() -> fail(at + ".behaviour", behaviourText, "is not one of " + Journey.labels()));
        reserveKeys(node, at, behaviour);
        int episodes = node.has("episodes") ? whole(node.get("episodes"), at + ".episodes", 1, 20) : 1;
        int heartbeats = 0;
        Duration every = Duration.ofSeconds(60);
        JsonNode beats = node.get("heartbeats");
        if (beats != null && !beats.isNull()) {
            if (!beats.isObject()) {
                throw fail(at + ".heartbeats", beats.toString(), "must be { count: N, every: 60s }");
            }
            onlyKeys(beats, at + ".heartbeats.", List.of("count", "every"));
            heartbeats = beats.has("count") ? whole(beats.get("count"), at + ".heartbeats.count", 0, 1000) : 0;
            if (beats.has("every")) {
                every = duration(beats.get("every"), at + ".heartbeats.every");
            }
        }
        JsonNode list = node.get("arrivals");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw fail(at + ".arrivals", String.valueOf(list), "must list when its viewers arrive, such as [ { ramp: 4800, over: 80s } ]");
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (int j = 0; j < list.size(); j++) {
            Arrival a = arrival(at + ".arrivals[" + j + "]", list.get(j));
            boolean closedNight = behaviour == Journey.LIVE;
            boolean quiet = a.kind() == Arrival.Kind.PAUSE || a.kind() == Arrival.Kind.UNTIL_DROP;
            if (!quiet && a.closed() != closedNight) {
                throw fail(at + ".arrivals[" + j + "]", keyOf(a.kind()), closedNight
                        ? "a live audience is a concurrency: join and stay"
                        : "arriving viewers are counted as arrivals (gather, ramp, peak, tail); join and stay are for a live audience");
            }
            arrivals.add(a);
        }
        java.util.Optional<java.nio.file.Path> journey = java.util.Optional.empty();
        if (node.has("journey")) {
            String j = text(node, "journey", at + ".journey");
            java.nio.file.Path path = folder.resolve(j);
            if (!java.nio.file.Files.isRegularFile(path)) {
                throw fail(at + ".journey", j, "is not a journey file (resolved against the night file's folder: " + path + ")");
            }
            journey = java.util.Optional.of(path);
        }
        java.util.Optional<io.dropnight.simulations.params.RefreshPolicy> refresh = java.util.Optional.empty();
        if (node.has("refresh")) {
            String r = text(node, "refresh", at + ".refresh");
            refresh = java.util.Optional.of(io.dropnight.simulations.params.RefreshPolicy.of(r)
                    .orElseThrow(() -> fail(at + ".refresh", r, "is not one of [refresh, backoff]")));
        }
        java.util.Optional<Integer> givesUp = node.has("givesUpAfter")
                ? java.util.Optional.of(whole(node.get("givesUpAfter"), at + ".givesUpAfter", 0, 50)) : java.util.Optional.empty();
        int tries = node.has("tries") ? whole(node.get("tries"), at + ".tries", 1, NightFile.PopulationSpec.MAX_TRIES)
                : NightFile.PopulationSpec.DEFAULT_TRIES;
        return new NightFile.PopulationSpec(name, behaviour, episodes, heartbeats, every, arrivals, journey, refresh, givesUp, tries);
    }

    /**
     * {@code tries} is a reserving viewer's alone; a reserving viewer watches nothing, so it takes no
     * episodes, heartbeats or journey file (its calls are the reservation routes, journey.ReservationCalls).
     */
    private void reserveKeys(JsonNode node, String at, Journey behaviour) {
        if (behaviour != Journey.RESERVE) {
            if (node.has("tries")) {
                throw fail(at + ".tries", node.get("tries").toString(), "is for viewers who reserve (behaviour: reserve):"
                        + " the screenings they try");
            }
            return;
        }
        for (String watching : List.of("episodes", "heartbeats", "journey")) {
            if (node.has(watching)) {
                throw fail(at + "." + watching, node.get(watching).toString(), "is for viewers who watch; a reserve viewer"
                        + " books seats (its only own keys: tries, refresh, givesUpAfter)");
            }
        }
    }

    private Arrival arrival(String key, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw fail(key, String.valueOf(node), "must be one of " + new java.util.TreeSet<>(KINDS.keySet()) + ", such as { ramp: 4800, over: 80s }");
        }
        List<String> kinds = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (KINDS.containsKey(k)) {
                kinds.add(k);
            }
        });
        if (kinds.size() != 1) {
            throw fail(key, abbreviated(node), "needs exactly one of " + new java.util.TreeSet<>(KINDS.keySet()));
        }
        String k = kinds.get(0);
        Arrival.Kind kind = KINDS.get(k);
        List<String> allowed = new ArrayList<>(List.of("name", k));
        switch (kind) {
            case RAMP, PEAK, JOIN, STAY -> allowed.add("over");
            case TAIL -> allowed.addAll(List.of("halvings", "every"));
            default -> {
            }
        }
        onlyKeys(node, key + ".", allowed);
        String name = node.has("name") ? text(node, "name", key + ".name") : DEFAULT_NAMES.get(kind);
        return switch (kind) {
            case GATHER -> new Arrival(kind, name, whole(node.get(k), key + ".gather", 1, MAX_VIEWERS), Duration.ZERO, 0);
            case UNTIL_DROP -> {
                if (!"drop".equals(node.get(k).asText())) {
                    throw fail(key + ".until", node.get(k).asText(), "is drop: { until: drop } leaves a pause until the drop");
                }
                yield new Arrival(kind, name, 0, Duration.ZERO, 0);
            }
            case PAUSE -> new Arrival(kind, name, 0, duration(node.get(k), key + ".pause"), 0);
            case PER_SECOND -> Arrival.perSecond(name, curve(node.get(k), key + ".perSecond"));
            case TAIL -> new Arrival(kind, name, whole(node.get(k), key + ".tail", 1, MAX_VIEWERS),
                    duration(required(node, "every", key), key + ".every"), whole(required(node, "halvings", key), key + ".halvings", 1, 20));
            default -> new Arrival(kind, name, whole(node.get(k), key + "." + k, 1, MAX_VIEWERS),
                    duration(required(node, "over", key), key + ".over"), 0);
        };
    }

    /** {@code perSecond: [n0, n1, ...]}: whole numbers, at most a day of them, bringing someone and at most the entry's limit. */
    private List<Integer> curve(JsonNode v, String key) {
        if (v == null || !v.isArray() || v.isEmpty() || v.size() > MAX_CURVE_SECONDS) {
            throw fail(key, v == null ? "(missing)" : abbreviated(v), "must list the viewers arriving in each second, 1 to "
                    + MAX_CURVE_SECONDS + " whole numbers, such as [0, 3, 12, 40]");
        }
        List<Integer> seconds = new ArrayList<>(v.size());
        long total = 0;
        for (int i = 0; i < v.size(); i++) {
            seconds.add(whole(v.get(i), key + "[" + i + "]", 0, MAX_VIEWERS));
            total += seconds.get(i);
        }
        if (total < 1 || total > MAX_VIEWERS) {
            throw fail(key, total + " viewers", "must bring from 1 to " + MAX_VIEWERS + " viewers in all (a quiet time is a pause)");
        }
        return seconds;
    }

    /** The key a night file writes for {@code kind}, such as {@code perSecond}. */
    private static String keyOf(Arrival.Kind kind) {
        return KINDS.entrySet().stream().filter(e -> e.getValue() == kind).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** A long list named in an error by its start. */
    private static String abbreviated(JsonNode v) {
        String text = v.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private JsonNode required(JsonNode node, String field, String key) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw fail(key + "." + field, "(missing)", "is required here");
        }
        return v;
    }

    private int whole(JsonNode v, String key, int min, int max) {
        if (v == null || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw fail(key, String.valueOf(v), "must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    private Duration duration(JsonNode v, String key) {
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw fail(key, String.valueOf(v), "is required: a duration such as 80s or 15m");
        }
        try {
            Duration d = Durations.parse(key, v.asText());
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw fail(key, v.asText(), "must be at least 1s");
            }
            return d;
        } catch (ConfigException e) {
            throw fail(key, v.asText(), "must be a duration such as 80s or 15m");
        }
    }

    private String text(JsonNode node, String field, String key) {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw fail(key, String.valueOf(v), "is required: a text value");
        }
        return v.asText();
    }

    private void onlyKeys(JsonNode node, String prefix, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw fail(prefix + k, node.get(k).toString(), "unknown key (allowed here: " + allowed + ")");
            }
        }
    }

    private NightFileException fail(String key, String value, String rule) {
        return new NightFileException(source, key, "'" + value + "' " + rule);
    }
}
