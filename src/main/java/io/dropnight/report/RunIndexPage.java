package io.dropnight.report;

import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.RunFiles;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders reports/index.html: every run folder under the reports root, newest first, with its
 * pass/fail verdict; every plan folder ({@code plan-*} holding plan.json), newest first, with each
 * search's outcome and answer; and the comparison pages, whatever their name. Reads only run.json and slo.json of each
 * run and plan.json of each plan; a run or plan whose files cannot be read is listed as unreadable
 * rather than hiding the others.
 */
final class RunIndexPage {
    private static final Logger LOG = LoggerFactory.getLogger(RunIndexPage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Entry(String folder, String runId, String night, String policy, Instant startedAt, String verdict) {
    }

    /** A plan folder: {@code searches} empty and {@code unreadable} set when plan.json could not be read. */
    record Plan(String folder, String mode, String night, Instant startedAt, List<Search> searches, boolean unreadable) {
    }

    /** One search of a plan as plan.json gives it; {@code answer} null when plan.json's is. */
    record Search(String policy, String scale, String axis, String outcome, String answer) {
    }

    static final String PLAN_PREFIX = RunFiles.PLAN_PREFIX;
    static final String PLAN_JSON = RunFiles.PLAN_JSON;
    static final String PLAN_PAGE = RunFiles.PLAN_PAGE;

    private RunIndexPage() {
    }

    static String render(Path reportsRoot) throws IOException {
        List<Entry> runs = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        List<String> comparisons = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(reportsRoot)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child) && name.startsWith(PLAN_PREFIX) && Files.exists(child.resolve(PLAN_JSON))) {
                    plans.add(plan(child));
                } else if (Files.isDirectory(child) && isRun(child)) {
                    runs.add(entry(child));
                } else if (name.endsWith(".html") && (name.startsWith("compare-") || isComparisonPage(child))) {
                    comparisons.add(name);
                }
            }
        }
        runs.sort(Comparator.comparing(Entry::startedAt).reversed().thenComparing(Entry::folder));
        plans.sort(Comparator.comparing(Plan::startedAt).reversed().thenComparing(Plan::folder));
        comparisons.sort(Comparator.reverseOrder());
        return page(runs, plans, comparisons).render();
    }

    private static String plans(List<Plan> plans) {
        StringBuilder t = new StringBuilder("<h2 id=\"plans\">Plans</h2><table class=\"plans\"><thead><tr><th>plan</th>"
                + "<th>started</th><th>mode</th><th>night</th><th>searches: outcome, answer</th></tr></thead><tbody>");
        for (Plan p : plans) {
            t.append("<tr><td><a href=\"").append(Html.esc(p.folder())).append('/').append(PLAN_PAGE).append("\">")
                    .append(Html.esc(p.folder())).append("</a></td><td>")
                    .append(p.startedAt().equals(Instant.EPOCH) ? "?" : Html.esc(p.startedAt().toString()))
                    .append("</td><td>").append(Html.esc(p.mode())).append("</td><td>").append(Html.esc(p.night()))
                    .append("</td><td>");
            if (p.unreadable()) {
                t.append(Fragments.verdict("UNREADABLE"));
            } else if (p.searches().isEmpty()) {
                t.append("no search finished yet");
            }
            for (Search s : p.searches()) {
                t.append("<div class=\"search\">policy ").append(Html.esc(s.policy())).append(", scale ")
                        .append(Html.esc(s.scale())).append(": <span class=\"outcome\">").append(Html.esc(s.outcome()))
                        .append("</span>, ").append(s.answer() == null ? "no answer"
                                : "answer <span class=\"answer\">" + Html.esc(s.answer()) + "</span> " + Html.esc(s.axis()))
                        .append("</div>");
            }
            t.append("</td></tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    private static HtmlPage page(List<Entry> runs, List<Plan> plans, List<String> comparisons) {
        HtmlPage page = new HtmlPage("Dropnight runs");
        page.raw("<header><h1>Dropnight runs</h1><p class=\"lede\">" + runs.size() + " runs"
                + (plans.isEmpty() ? "" : " and " + plans.size() + " plans") + ", newest first.</p></header>");
        StringBuilder t = new StringBuilder("<table><thead><tr><th>run</th><th>started</th><th>night</th>"
                + "<th>policy</th><th>SLOs</th></tr></thead><tbody>");
        for (Entry e : runs) {
            t.append("<tr><td><a href=\"").append(Html.esc(e.folder())).append("/index.html\">")
                    .append(Html.esc(e.runId())).append("</a></td><td>")
                    .append(e.startedAt().equals(Instant.EPOCH) ? "?" : Html.esc(e.startedAt().toString()))
                    .append("</td><td>").append(Html.esc(e.night())).append("</td><td>").append(Html.esc(e.policy()))
                    .append("</td><td>").append(Fragments.verdict(e.verdict())).append("</td></tr>");
        }
        page.raw(t.append("</tbody></table>").toString());
        if (!plans.isEmpty()) {
            page.raw(plans(plans));
        }
        if (!comparisons.isEmpty()) {
            page.raw("<h2>Comparisons</h2><ul>");
            comparisons.forEach(c -> page.raw("<li><a href=\"" + Html.esc(c) + "\">" + Html.esc(c) + "</a></li>"));
            page.raw("</ul>");
        }
        return page;
    }

    /**
     * A comparison page written under another name ({@code report --out}): told by its title, which
     * {@link ComparisonPage} writes within the page's first few hundred bytes.
     */
    private static boolean isComparisonPage(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.equals(RunFiles.INDEX_PAGE) || !Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[1024];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return new String(head, 0, n, java.nio.charset.StandardCharsets.UTF_8).contains("<title>" + ComparisonPage.TITLE);
        } catch (IOException e) {
            LOG.warn("not listing {}: {}", file, e.toString());
            return false;
        }
    }

    private static boolean isRun(Path dir) {
        return Files.exists(dir.resolve(RunFiles.RUN_INFO)) || Files.exists(dir.resolve(RunFiles.SERVER_LOG))
                || Files.exists(dir.resolve(RunFiles.CLIENT_LOG));
    }

    private static Entry entry(Path dir) {
        String folder = dir.getFileName().toString();
        try {
            JsonNode run = Files.exists(dir.resolve(RunFiles.RUN_INFO))
                    ? JSON.readTree(dir.resolve(RunFiles.RUN_INFO).toFile()) : JSON.createObjectNode();
            String verdict = verdict(dir.resolve(RunFiles.SLO_RESULTS));
            return new Entry(folder, run.path("runId").asText(folder), run.path("night").asText("?"),
                    // An external target has no stub policy: the index says what it was instead.
                    run.path("policy").asText(run.path("targetKind").asText("?")), startedAt(run, dir), verdict);
        } catch (IOException | RuntimeException e) {
            LOG.warn("listing {} as unreadable: {}", dir, e.toString());
            return new Entry(folder, folder, "?", "?", Instant.EPOCH, "UNREADABLE");
        }
    }

    /** Reads plan.json (schema: README, "Plan capacity"); anything it cannot read makes the plan unreadable. */
    private static Plan plan(Path dir) {
        String folder = dir.getFileName().toString();
        try {
            JsonNode plan = JSON.readTree(dir.resolve(PLAN_JSON).toFile());
            if (plan == null || !plan.isObject() || !plan.path("searches").isArray()) {
                throw new IOException("not a plan: no searches[]");
            }
            List<Search> searches = new ArrayList<>();
            for (JsonNode s : plan.path("searches")) {
                JsonNode answer = s.path("answer");
                if (!answer.isNull() && !answer.isNumber()) {
                    throw new IOException("search " + searches.size() + ": answer is neither a number nor null");
                }
                searches.add(new Search(s.path("policy").asText("?"), number(s.path("scale")), s.path("axis").asText(""),
                        s.path("outcome").asText("?"), answer.isNumber() ? number(answer) : null));
            }
            return new Plan(folder, plan.path("mode").asText("?"), plan.path("night").asText("?"),
                    startedAt(plan, dir), List.copyOf(searches), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("listing {} as unreadable: {}", dir, e.toString());
            return new Plan(folder, "?", "?", Instant.EPOCH, List.of(), true);
        }
    }

    /** A number of plan.json to at most 3 decimals, without a trailing {@code .0}: 96, 0.25, 1.414. */
    private static String number(JsonNode n) {
        if (!n.isNumber()) {
            return "?";
        }
        return n.decimalValue().setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String verdict(Path sloFile) throws IOException {
        if (!Files.exists(sloFile)) {
            return "NO SLOS";
        }
        SloReport r = SloFiles.read(sloFile);
        if (r.slos().isEmpty() && r.verdict() != RunVerdict.INCONCLUSIVE) {
            return "NO SLOS";
        }
        return r.verdict().label();
    }

    private static Instant startedAt(JsonNode run, Path dir) throws IOException {
        try {
            return Instant.parse(run.path("startedAt").asText(""));
        } catch (DateTimeParseException e) {
            // Runs without a usable startedAt sort by when their folder last changed.
            return Files.getLastModifiedTime(dir).toInstant();
        }
    }
}
