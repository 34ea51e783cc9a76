package io.dropnight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.core.RunFiles;
import java.io.IOException;
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
 * pass/fail verdict, and the comparison pages. Reads only run.json and slo.json of each run; a run
 * whose files cannot be read is listed as unreadable rather than hiding the others.
 */
final class RunIndexPage {
    private static final Logger LOG = LoggerFactory.getLogger(RunIndexPage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Entry(String folder, String runId, String night, String policy, Instant startedAt, String verdict) {
    }

    private RunIndexPage() {
    }

    static String render(Path reportsRoot) throws IOException {
        List<Entry> runs = new ArrayList<>();
        List<String> comparisons = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(reportsRoot)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child) && isRun(child)) {
                    runs.add(entry(child));
                } else if (name.startsWith("compare-") && name.endsWith(".html")) {
                    comparisons.add(name);
                }
            }
        }
        runs.sort(Comparator.comparing(Entry::startedAt).reversed().thenComparing(Entry::folder));
        comparisons.sort(Comparator.reverseOrder());
        return page(runs, comparisons).render();
    }

    private static HtmlPage page(List<Entry> runs, List<String> comparisons) {
        HtmlPage page = new HtmlPage("Dropnight runs");
        page.raw("<header><h1>Dropnight runs</h1><p class=\"lede\">" + runs.size()
                + " runs, newest first.</p></header>");
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
        if (!comparisons.isEmpty()) {
            page.raw("<h2>Comparisons</h2><ul>");
            comparisons.forEach(c -> page.raw("<li><a href=\"" + Html.esc(c) + "\">" + Html.esc(c) + "</a></li>"));
            page.raw("</ul>");
        }
        return page;
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
