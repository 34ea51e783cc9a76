package io.dropnight.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes SLO results as slo.json (the run-folder contract) and slo-junit.xml, a JUnit XML report
 * (one test case per SLO) so that CI systems show them: Gatling 3.14+ no longer writes one.
 * Used by the simulations for one run and by {@code merge-runs} for a merged one. Stateless.
 */
public final class SloFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SloFiles() {
    }

    public static void writeJson(Path file, List<SloResult> results) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        for (SloResult r : results) {
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
        Files.writeString(file, JSON.writeValueAsString(array) + "\n", StandardCharsets.UTF_8);
    }

    /** @param suite the JUnit suite name, such as {@code dropnight.slo.finale-drop} */
    public static void writeJUnit(Path file, String suite, List<SloResult> results) throws IOException {
        long failures = results.stream().filter(r -> !r.passed()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%n",
                escape(suite), results.size(), failures));
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
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    /** One line per SLO, for people: {@code playbackStartP99: finale-drop/playback-start p99 = 812.0 ms, must be <= 800 ms: FAILED}. */
    public static String describe(SloResult r) {
        String actual = Double.isFinite(r.actual()) ? String.format(Locale.ROOT, "%.3f", r.actual()) : "no sample";
        return String.format(Locale.ROOT, "%s: %s = %s %s, must be %s %s %s: %s", r.name(), r.metric(), actual, r.unit(),
                r.comparator(), String.format(Locale.ROOT, "%.3f", r.threshold()), r.unit(), r.passed() ? "passed" : "FAILED");
    }

    /** XML-escapes {@code s}; control characters other than newline and tab become spaces. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
