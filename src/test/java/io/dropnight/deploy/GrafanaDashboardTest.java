package io.dropnight.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropnight.simulations.live.InjectorCollector;
import io.dropnight.testing.ExternalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/grafana/dropnight-night.json asks only for what the injectors and the service serve: every
 * query of every panel and template variable is read for its metric and label names, and each is
 * looked up in real scrapes ({@link LiveScrape}: {@link InjectorCollector} and the service's
 * {@code ServiceExposition}, written by client_java's text format writer). A renamed metric, a
 * counter without {@code _total}, a label that is not there: the test names the panel and the name.
 */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of("deploy/grafana/dropnight-night.json");
    /** Labels Prometheus adds to every series of a target (plain config, kubernetes_sd or the Operator's PodMonitor). */
    static final Set<String> TARGET_LABELS = Set.of("instance", "job", "namespace", "pod", "container", "endpoint");
    private static final Set<String> PANEL_TYPES = Set.of("row", "stat", "timeseries", "bargauge");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([a-zA-Z_][a-zA-Z0-9_]*)}|([a-zA-Z_][a-zA-Z0-9_]*))");
    private static final String DATASOURCE = "${datasource}";

    private static JsonNode dashboard;
    private static LiveScrape injector;
    /** The injector's and the service's, as one Prometheus scraping both holds them. */
    private static LiveScrape scrape;

    @BeforeAll
    static void read() throws IOException {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        injector = LiveScrape.ofAnInjector();
        scrape = injector.and(LiveScrape.ofTheService());
    }

    @Test
    void theScrapeHoldsEveryFamilyTheCollectorServes() {
        // Otherwise a query could pass or fail for want of a figure in the fake night, not of a name.
        for (String family : InjectorCollector.NAMES) {
            assertTrue(injector.labelsBySample.keySet().stream().anyMatch(s -> s.equals(family) || s.startsWith(family + "_")),
                    family + " is missing from the scrape:\n" + injector.text);
        }
    }

    @Test
    void everyQueryOfEveryPanelNamesMetricsAndLabelsThatAnInjectorServes() {
        assertEquals(List.of(), problems(dashboard));
    }

    @Test
    void everyPanelHasATitleAndThePrometheusDatasourceVariable() {
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.path("title").asText("");
            assertFalse(title.isBlank(), "a panel without a title: " + panel);
            assertTrue(ids.add(panel.path("id").asInt(-1)), title + ": its id is taken or missing");
            assertTrue(PANEL_TYPES.contains(panel.path("type").asText()), title + ": type " + panel.path("type"));
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("w").asInt(0) > 0 && grid.path("x").asInt(-1) >= 0
                    && grid.path("x").asInt() + grid.path("w").asInt() <= 24, title + ": gridPos " + grid);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertPrometheusVariable(title, panel.path("datasource"));
            assertTrue(panel.path("targets").size() > 0, title + " has no query");
            for (JsonNode target : panel.path("targets")) {
                if (target.has("datasource")) {
                    assertPrometheusVariable(title, target.path("datasource"));
                }
                queries++;
            }
        }
        assertTrue(queries >= 20, "the dashboard's queries: " + queries);
    }

    @Test
    void theNightVariableListsTheNightsOfTheRequestsCounter() {
        JsonNode night = variable("night");
        assertEquals("query", night.path("type").asText());
        assertEquals("label_values(dropnight_requests_total, night)", variableQuery(night));
        assertPrometheusVariable("variable night", night.path("datasource"));
        JsonNode datasource = variable("datasource");
        assertEquals("datasource", datasource.path("type").asText());
        assertEquals("prometheus", datasource.path("query").asText());
        assertTrue(dashboard.path("schemaVersion").asInt() >= 39, "schemaVersion of a current Grafana (11 or later)");
        assertFalse(dashboard.path("uid").asText("").isBlank());
    }

    /**
     * Every query parses as PromQL: promtool (Prometheus' own parser) checks them as recording rules,
     * with each Grafana variable replaced by a value of its kind. A variable the dashboard does not
     * define is an error here too.
     */
    @Test
    void everyQueryParsesAsPromQl(@TempDir Path dir) throws Exception {
        Path promtool = ExternalTool.require("prometheus", "promtool");
        List<Map<String, String>> rules = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                rules.add(Map.of("record", "dashboard:panel_" + panel.path("id").asInt() + "_" + target.path("refId").asText(),
                        "expr", withVariablesReplaced(target.path("expr").asText())));
            }
        }
        Path file = dir.resolve("dashboard-rules.yml");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(),
                Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("SUCCESS: " + rules.size() + " rules found"), output);
    }

    @Test
    void aQueryThatDoesNotParseFailsPromtool(@TempDir Path dir) throws Exception {
        Path promtool = ExternalTool.require("prometheus", "promtool");
        Path file = dir.resolve("bad-rules.yml");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "bad", "rules",
                List.of(Map.of("record", "bad:rule", "expr", "sum by (le (rate(dropnight_requests_total[10s]))"))))));
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertTrue(p.exitValue() != 0, output);
    }

    /** {@code $night}, {@code ${window}} as Grafana would send them: a night's name, the window's current value. */
    private static String withVariablesReplaced(String expr) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (name) {
                case "__rate_interval", "__interval", "__range" -> "1m";
                default -> {
                    JsonNode v = variable(name);
                    yield v.path("type").asText().equals("interval") ? v.path("current").path("value").asText() : "finale-drop";
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Each one is a mistake the dashboard could make; each must be reported. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sum(rate(dropnight_request_total{night=\"$night\"}[$window]))          | | dropnight_request_total",
            "sum(rate(dropnight_requests{night=\"$night\"}[$window]))               | | dropnight_requests",
            "sum(dropnight_viewers_active_total{night=\"$night\"})                  | | dropnight_viewers_active_total",
            "histogram_quantile(0.9, sum by (le) (rate(dropnight_request_duration_seconds{night=\"$night\"}[1m]))) | | dropnight_request_duration_seconds",
            "sum by (outcomes) (rate(dropnight_requests_total{night=\"$night\"}[$window])) | | outcomes",
            "max by (slo) (dropnight_slo_ratio{nigth=\"$night\"})                   | {{slo}} | nigth",
            "sum(dropnight_viewers_playing{night=\"$night\"})                        | {{night}} | {{night}}",
            "sum by (population) (dropnight_population_requests_total{night=\"$night\"}) | {{endpoint}} | {{endpoint}}",
    })
    void aQueryNamingWhatAnInjectorDoesNotServeIsReported(String expr, String legend, String named) {
        List<String> found = problems("a panel", expr, legend == null ? "" : legend);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains(named) && found.get(0).startsWith("a panel: "), found.get(0));
    }

    @Test
    void aDashboardWithOneBadQueryFailsNamingItsPanel() {
        JsonNode broken = dashboard.deepCopy();
        JsonNode first = panels(broken).stream().filter(p -> p.path("targets").size() > 0).findFirst().orElseThrow();
        ((ObjectNode) first.path("targets").get(0)).put("expr", "sum(dropnight_viewers_waiting{night=\"$night\"})");
        List<String> found = problems(broken);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith(first.path("title").asText() + ": ") && found.get(0).contains("dropnight_viewers_waiting"),
                found.get(0));
    }

    /** Everything wrong with a dashboard's queries, one line each naming the panel or variable. */
    static List<String> problems(JsonNode dash) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : panels(dash)) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (expr.isBlank()) {
                    out.add(panel.path("title").asText() + ": a query without expr");
                } else {
                    out.addAll(problems(panel.path("title").asText(), expr, target.path("legendFormat").asText("")));
                }
            }
        }
        for (JsonNode v : dash.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                out.addAll(variableProblems(v));
            }
        }
        return out;
    }

    /** What is wrong with one query: metrics not served, labels not on them, legend labels the query does not keep. */
    static List<String> problems(String where, String expr, String legend) {
        List<String> out = new ArrayList<>();
        PromQlNames names;
        try {
            names = PromQlNames.of(expr);
        } catch (IllegalArgumentException e) {
            return List.of(where + ": " + e.getMessage());
        }
        if (names.metrics().isEmpty()) {
            out.add(where + ": names no metric: " + expr);
        }
        Set<String> available = new LinkedHashSet<>(TARGET_LABELS);
        for (String metric : names.metrics()) {
            Set<String> labels = scrape.labelsBySample.get(metric);
            if (labels == null) {
                out.add(where + ": " + metric + " is not served by an injector or the service (" + expr + ")");
            } else {
                available.addAll(labels);
            }
        }
        names.selectorLabels().forEach((metric, labels) -> {
            Set<String> served = scrape.labelsBySample.get(metric);
            for (String label : labels) {
                if (served != null && !served.contains(label) && !TARGET_LABELS.contains(label)) {
                    out.add(where + ": " + metric + " has no label " + label + " (" + expr + ")");
                }
            }
        });
        boolean allServed = names.metrics().stream().allMatch(scrape.labelsBySample::containsKey);
        for (String label : allServed ? names.groupingLabels() : Set.<String>of()) {
            if (!available.contains(label)) {
                out.add(where + ": groups by " + label + ", which none of its metrics has (" + expr + ")");
            }
        }
        // An aggregation keeps only the labels it groups by; without one, the series keep theirs.
        boolean aggregates = expr.matches("(?s).*\\b(sum|max|min|avg|count|topk|bottomk|quantile)\\s*(\\(|by|without).*");
        Set<String> kept = aggregates ? names.groupingLabels() : available;
        Matcher m = LEGEND_LABEL.matcher(legend);
        while (m.find()) {
            if (!kept.contains(m.group(1))) {
                out.add(where + ": its legend shows {{" + m.group(1) + "}}, which the query does not keep (" + expr + ")");
            }
        }
        return out;
    }

    private static List<String> variableProblems(JsonNode v) {
        String where = "variable " + v.path("name").asText();
        Matcher m = LABEL_VALUES.matcher(variableQuery(v));
        if (!m.matches()) {
            return List.of(where + ": not a label_values(metric, label) query: " + variableQuery(v));
        }
        Set<String> labels = scrape.labelsBySample.get(m.group(1));
        if (labels == null) {
            return List.of(where + ": " + m.group(1) + " is not served by an injector or the service");
        }
        return labels.contains(m.group(2)) ? List.of() : List.of(where + ": " + m.group(1) + " has no label " + m.group(2));
    }

    /** Grafana keeps a variable's query as a string, or (its Prometheus editor) as an object holding one. */
    private static String variableQuery(JsonNode v) {
        JsonNode q = v.path("query");
        return (q.isObject() ? q.path("query") : q).asText("").trim();
    }

    private static JsonNode variable(String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no template variable " + name);
    }

    /** Every panel, those inside collapsed rows included. */
    static List<JsonNode> panels(JsonNode dash) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dash.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    private static void assertPrometheusVariable(String where, JsonNode datasource) {
        assertEquals("prometheus", datasource.path("type").asText(), where + ": datasource " + datasource);
        assertEquals(DATASOURCE, datasource.path("uid").asText(), where + ": datasource " + datasource);
    }
}
