package io.dropnight.runfolder;

import io.dropnight.core.HtmlEscape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes SLO results as slo.json (the run-folder contract) and slo-junit.xml, a JUnit XML report
 * (one test case per SLO) so that CI systems show them: Gatling 3.14+ no longer writes one.
 * Used by the simulations for one run and by {@code merge-runs} for a merged one. Stateless.
 *
 * <p>slo.json is an object: {@code {"verdict": "pass|fail|inconclusive", "reasons": [...], "slos": [...]}}.
 * {@link #read} also reads the older shape, a bare array of SLOs, whose verdict follows from them.
 * In slo-junit.xml an inconclusive run adds one test case with an {@code <error>} (not a
 * {@code <failure>}), so that CI systems show it apart from a breached SLO; a night stopped early
 * ({@code -Dslo.abortOnFail}) adds the test case {@value #STOPPED_EARLY}, failed with the stop's
 * reason (only its output when the run is inconclusive).
 */
public final class SloFiles {
    /** slo-junit.xml's test case of a night stopped early. */
    public static final String STOPPED_EARLY = "stoppedEarly";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SloFiles() {
    }

    /** slo.json with the verdict the SLOs alone give (no saturation known). */
    public static void writeJson(Path file, List<SloResult> results) throws IOException {
        writeJson(file, VerdictRules.decide(results, List.of()));
    }

    public static void writeJson(Path file, SloReport report) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", report.verdict().jsonName());
        ArrayNode reasons = root.putArray("reasons");
        report.reasons().forEach(reasons::add);
        ArrayNode array = root.putArray("slos");
        for (SloResult r : report.slos()) {
            ObjectNode o = array.addObject();
            o.put("name", r.name()).put("metric", r.metric()).put("comparator", r.comparator())
                    .put("threshold", r.threshold());
            if (Double.isFinite(r.actual())) {
                o.put("actual", r.actual());
            } else {
                o.putNull("actual"); // no sample: JSON has no infinity
            }
            o.put("unit", r.unit()).put("passed", r.passed());
        }
        AtomicFiles.write(file, JSON.writeValueAsString(root) + "\n");
    }

    /**
     * Reads slo.json, either shape.
     *
     * @throws IOException with one line naming the file when it is not slo.json
     */
    public static SloReport read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": missing (the night wrote no SLO results)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        JsonNode array = root == null ? null : root.isArray() ? root : root.path("slos");
        if (array == null || !array.isArray()) {
            throw new IOException(file + ": is not slo.json (an object with a \"slos\" list, or a list of SLO results)");
        }
        List<SloResult> slos = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.path("name").isTextual() || !n.path("passed").isBoolean()) {
                throw new IOException(file + ": is not a list of SLO results (every SLO needs a name and passed)");
            }
            JsonNode actual = n.path("actual");
            // No sample is written as null (JSON has no infinity) and read back as NaN, never as 0.
            slos.add(new SloResult(n.get("name").asText(), n.path("metric").asText(n.get("name").asText()),
                    n.path("comparator").asText("<="), n.path("threshold").asDouble(Double.NaN),
                    actual.isNumber() ? actual.asDouble() : Double.NaN, n.path("unit").asText(""), n.get("passed").asBoolean()));
        }
        JsonNode verdict = root.path("verdict");
        if (!verdict.isTextual()) {
            return VerdictRules.decide(slos, List.of());
        }
        RunVerdict v = RunVerdict.parse(verdict.asText()).orElseThrow(() -> new IOException(file + ": verdict = "
                + verdict.asText() + ": must be pass, fail or inconclusive"));
        List<String> reasons = new ArrayList<>();
        root.path("reasons").forEach(r -> reasons.add(r.asText()));
        return new SloReport(v, reasons, slos);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** slo-junit.xml with the verdict the SLOs alone give (no saturation known). */
    public static void writeJUnit(Path file, String suite, List<SloResult> results) throws IOException {
        writeJUnit(file, suite, VerdictRules.decide(results, List.of()));
    }

    /** @param suite the JUnit suite name, such as {@code dropnight.slo.finale-drop} */
    public static void writeJUnit(Path file, String suite, SloReport report) throws IOException {
        List<SloResult> results = report.slos();
        long failures = results.stream().filter(r -> !r.passed()).count();
        boolean inconclusive = report.verdict() == RunVerdict.INCONCLUSIVE;
        Optional<String> stopped = VerdictRules.stopReason(report);
        // a night stopped early fails as a night (its own case); an inconclusive one only says where it stopped
        boolean stopFails = stopped.isPresent() && !inconclusive;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">%n",
                escape(suite), results.size() + (inconclusive ? 1 : 0) + (stopped.isPresent() ? 1 : 0), failures + (stopFails ? 1 : 0),
                inconclusive ? 1 : 0));
        if (inconclusive) {
            String line = "INCONCLUSIVE: " + String.join("; ", report.reasons());
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"loadGenerator\">%n", escape(suite)))
                    .append("    <error message=\"").append(escape(line)).append("\" type=\"Inconclusive\">")
                    .append(escape(line)).append("</error>\n")
                    .append("  </testcase>\n");
        }
        stopped.ifPresent(line -> {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\">%n", escape(suite), STOPPED_EARLY));
            if (stopFails) {
                xml.append("    <failure message=\"").append(escape(line)).append("\" type=\"NightStopped\">")
                        .append(escape(line)).append("</failure>\n");
            }
            xml.append("    <system-out>").append(escape(line)).append("</system-out>\n").append("  </testcase>\n");
        });
        for (SloResult r : results) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\">%n", escape(suite), escape(r.name())));
            String line = describe(r);
            if (!r.passed()) {
                xml.append("    <failure message=\"").append(escape(line)).append("\" type=\"SloBreached\">")
                        .append(escape(line)).append("</failure>\n");
            }
            xml.append("    <system-out>").append(escape(line)).append("</system-out>\n");
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        AtomicFiles.write(file, xml.toString());
    }

    /** One line per SLO, for people: {@code playbackStartP99: finale-drop/playback-start p99 = 812.0 ms, must be <= 800 ms: FAILED}. */
    public static String describe(SloResult r) {
        String actual = Double.isFinite(r.actual()) ? String.format(Locale.ROOT, "%.3f", r.actual()) : "no sample";
        return String.format(Locale.ROOT, "%s: %s = %s %s, must be %s %s %s: %s", r.name(), r.metric(), actual, r.unit(),
                r.comparator(), String.format(Locale.ROOT, "%.3f", r.threshold()), r.unit(), r.passed() ? "passed" : "FAILED");
    }

    /** Escapes {@code s} for slo-junit.xml: {@link HtmlEscape}, the one escaper. */
    public static String escape(String s) {
        return HtmlEscape.escape(s);
    }
}
