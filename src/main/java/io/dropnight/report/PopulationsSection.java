package io.dropnight.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * The "Populations" section of a run's page (issue 23), from run.json's {@code populations}: what
 * each population of the night does (behaviour, journey, refresh behaviour, patience) and what its
 * viewers saw (viewers, streams started, error pages, refreshes, gave up, time to play). Every
 * value is escaped.
 */
final class PopulationsSection {
    private PopulationsSection() {
    }

    /** The section, or an empty string for a run folder without populations (older runs). */
    static String render(JsonNode runInfo) {
        JsonNode list = runInfo.path("populations");
        if (!list.isArray() || list.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("<section class=\"populations\"><h2>Populations</h2><p>Each population of the night ")
                .append(runInfo.hasNonNull("nightFile") ? "(" + Html.esc(runInfo.path("nightFile").asText()) + ") " : "")
                .append("with its own behaviour and journey, and what its viewers saw. Time to play is from the intent to play to a"
                        + " started stream, refreshes and pauses included, in milliseconds (HdrHistogram, 3 significant digits).");
        JsonNode audience = runInfo.path("audience");
        if (audience.hasNonNull("fullSize")) {
            s.append(String.format(Locale.ROOT, " The rehearsal planned %,d viewers of a real night of %,d: 1 in %,.0f.",
                    audience.path("rehearsalViewers").asLong(), audience.path("fullSize").asLong(), audience.path("oneIn").asDouble()));
        }
        s.append("</p><table class=\"populations\"><thead><tr><th>population</th><th>behaviour</th><th>journey</th><th>on the error page</th>"
                + "<th>planned (share)</th><th>viewers</th><th>streams started</th><th>error pages</th><th>refreshes</th><th>gave up</th>"
                + "<th>time to play p50 / p95 / p99</th></tr></thead><tbody>");
        for (JsonNode p : list) {
            JsonNode f = p.path("figures");
            s.append("<tr><th scope=\"row\">").append(Html.esc(p.path("name").asText())).append("</th><td>")
                    .append(Html.esc(p.path("behaviour").asText())).append("</td><td>").append(Html.esc(p.path("journey").asText()))
                    .append("</td><td>").append(Html.esc(p.path("refresh").asText())).append(", gives up after ")
                    .append(Html.esc(p.path("givesUpAfter").asText())).append("</td>").append("<td class=\"num\">")
                    .append(Html.esc(String.format(Locale.ROOT, "%,d (%.0f %%)", p.path("plannedArrivals").asLong(),
                            p.path("shareOfAudiencePercent").asDouble()))).append("</td>");
            if (f.isObject()) {
                s.append(num(f.path("viewers"))).append(num(f.path("playbackStarts")))
                        .append("<td class=\"num\">").append(Html.esc(String.format(Locale.ROOT, "%,d (%.3f %%)",
                                f.path("errorPages").asLong(), f.path("errorPageRatePercent").asDouble()))).append("</td>")
                        .append(num(f.path("refreshes"))).append(num(f.path("gaveUp")))
                        .append("<td class=\"num\">").append(Html.esc(String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f",
                                f.path("timeToPlayP50Ms").asDouble(), f.path("timeToPlayP95Ms").asDouble(),
                                f.path("timeToPlayP99Ms").asDouble()))).append("</td>");
            } else {
                s.append("<td colspan=\"6\" class=\"missing\">no figures (the night did not end)</td>");
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table></section>").toString();
    }

    private static String num(JsonNode v) {
        return "<td class=\"num\">" + Html.esc(String.format(Locale.ROOT, "%,d", v.asLong())) + "</td>";
    }
}
