package io.dropnight.report;

import com.fasterxml.jackson.databind.JsonNode;

/** The "Injectors" section of a merged run's page, from run.json's {@code merged}; every value is escaped. */
final class InjectorsSection {
    private InjectorsSection() {
    }

    /** The section, or an empty string for a run of one injector. */
    static String render(JsonNode runInfo) {
        JsonNode merged = runInfo.path("merged");
        if (!merged.isObject()) {
            return "";
        }
        JsonNode runs = merged.path("injectors");
        StringBuilder s = new StringBuilder("<section class=\"injectors\"><h2>Injectors</h2><p>")
                .append(runs.size()).append(" injector runs merged. Their client histograms were added per tag and second,"
                        + " so every percentile here is the one a single recorder of all their values would report;"
                        + " the SLOs were evaluated on those merged histograms, not on averages of percentiles.");
        JsonNode spread = merged.path("startSkewSpreadMs");
        if (spread.isNumber()) {
            s.append(" Their surges started within <strong>").append(spread.asLong()).append(" ms</strong> of each other.");
        }
        s.append("</p>");
        list(s, merged.path("inconclusive"), "Injectors whose verdict was inconclusive: ");
        list(s, merged.path("missingInjectors"), "Injectors of this night missing from the merge (the night is incomplete): ");
        s.append("<table class=\"injectors\"><thead><tr><th>run</th><th>injector</th><th>arrivals</th><th>surge at</th>"
                + "<th>skew at the drop (ms)</th><th>verdict</th></tr></thead><tbody>");
        for (JsonNode r : runs) {
            s.append("<tr><th scope=\"row\">").append(Html.esc(r.path("runId").asText())).append("</th><td class=\"num\">")
                    .append(r.path("index").asInt(-1) < 0 ? "\u2013" : Html.esc(r.path("index").asText()))
                    .append("</td><td class=\"num\">").append(Html.esc(r.path("arrivals").asText()))
                    .append("</td><td>").append(Html.esc(r.path("surgeAt").asText("")))
                    .append("</td><td class=\"num\">").append(r.path("skewMs").isNumber() ? Html.esc(r.path("skewMs").asText()) : "\u2013")
                    .append("</td><td>").append(Fragments.verdict(r.path("verdict").asText(""))).append("</td></tr>");
        }
        return s.append("</tbody></table></section>").toString();
    }

    private static void list(StringBuilder s, JsonNode items, String lead) {
        if (items.isArray() && !items.isEmpty()) {
            StringBuilder names = new StringBuilder();
            items.forEach(n -> names.append(names.length() == 0 ? "" : ", ").append(n.asText()));
            s.append("<p class=\"missing\">").append(Html.esc(lead + names)).append("</p>");
        }
    }
}
