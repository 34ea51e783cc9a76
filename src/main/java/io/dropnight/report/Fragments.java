package io.dropnight.report;

import io.dropnight.runfolder.SloResult;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.metrics.Percentiles;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/** Markup shared by the run, comparison and index pages; every piece of data is escaped here. */
final class Fragments {
    private Fragments() {
    }

    /** A verdict with colour, an icon and a word, so colour is never the only cue. */
    static String verdict(String verdict) {
        String css = switch (verdict) {
            case "PASS" -> "pass";
            case "FAIL" -> "fail";
            case "INCONCLUSIVE" -> "inconclusive";
            default -> "none";
        };
        String icon = switch (verdict) {
            case "PASS" -> "\u2714";
            case "FAIL" -> "\u2718";
            case "INCONCLUSIVE" -> "?";
            default -> "\u2013";
        };
        return "<span class=\"verdict " + css + "\"><span aria-hidden=\"true\">" + icon + "</span> "
                + Html.esc(verdict) + "</span>";
    }

    static String passed(boolean passed) {
        return verdict(passed ? "PASS" : "FAIL");
    }

    static String sloTable(List<SloResult> slos) {
        StringBuilder t = new StringBuilder("<table class=\"slo\"><thead><tr><th>objective</th><th>metric</th>"
                + "<th>target</th><th>actual</th><th>result</th></tr></thead><tbody>");
        for (SloResult s : slos) {
            t.append("<tr class=\"").append(s.passed() ? "pass" : "fail").append("\"><td>").append(Html.esc(s.name()))
                    .append("</td><td><code>").append(Html.esc(s.metric())).append("</code></td><td class=\"num\">")
                    .append(Html.esc(s.comparator())).append(' ').append(number(s.threshold())).append(' ')
                    .append(Html.esc(s.unit())).append("</td><td class=\"num\">").append(number(s.actual()))
                    .append(' ').append(Html.esc(s.unit())).append("</td><td>").append(passed(s.passed()))
                    .append("</td></tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /** Header of a percentile table; latency columns in milliseconds. */
    static String percentileHeader(String firstColumn) {
        StringBuilder h = new StringBuilder("<table class=\"percentiles\"><thead><tr><th>")
                .append(Html.esc(firstColumn)).append("</th><th>source</th><th>count</th>");
        for (Percentiles.Percentile p : Percentiles.REPORTED) {
            h.append("<th>").append(Html.esc(p.label())).append(" (ms)</th>");
        }
        return h.append("<th>max (ms)</th><th>error pages</th><th>rejected</th></tr></thead><tbody>").toString();
    }

    /** One row; {@code errorPages} and {@code rejected} below zero print as a dash (not measured). */
    static String percentileRow(String name, String source, AbstractHistogram micros, long errorPages, long rejected) {
        StringBuilder r = new StringBuilder("<tr><th scope=\"row\">").append(Html.esc(name)).append("</th><td>")
                .append(Html.esc(source)).append("</td><td class=\"num\">").append(micros.getTotalCount()).append("</td>");
        Map<String, Long> summary = Percentiles.summarise(micros);
        for (Long micros1 : summary.values()) {
            r.append("<td class=\"num\">").append(Html.millis(micros1)).append("</td>");
        }
        r.append("<td class=\"num\">").append(errorPages < 0 ? "\u2013" : Long.toString(errorPages)).append("</td>");
        r.append("<td class=\"num\">").append(rejected < 0 ? "\u2013" : Long.toString(rejected)).append("</td>");
        return r.append("</tr>").toString();
    }

    /** A JSON object as a two-column table, nested fields flattened with dots. */
    static String keyValues(JsonNode node) {
        StringBuilder t = new StringBuilder("<table class=\"kv\"><tbody>");
        flatten("", node, t);
        return t.append("</tbody></table>").toString();
    }

    private static void flatten(String prefix, JsonNode node, StringBuilder t) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), t);
            }
        } else {
            t.append("<tr><th scope=\"row\">").append(Html.esc(prefix)).append("</th><td>")
                    .append(Html.esc(cell(node))).append("</td></tr>");
        }
    }

    /** Fractions with three decimals at most (a rate of 5.5945033 % reads 5.595); other values as written. */
    private static String cell(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return number(node.doubleValue());
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** A number with up to three decimals and no trailing zeros, for example {@code 2}, {@code 0.25}. */
    static String number(double value) {
        String s = Html.fmt("%.3f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
