package io.dropnight.report;

import io.dropnight.learn.night.Entry;
import io.dropnight.learn.night.LearnedNight;

/** The learn page's tables: populations, each one's endpoint mix, the statuses. Every value escaped. Stateless. */
final class LearnTables {
    private LearnTables() {
    }

    static String populations(LearnedNight n) {
        StringBuilder t = new StringBuilder("<table class=\"populations\"><thead><tr><th>population</th><th>behaviour</th>"
                + "<th>viewers (log)</th><th>an error status</th><th>refreshed after one</th><th>gave up on one</th>"
                + "<th>asked at or after the drop</th><th>fitted arrivals</th></tr></thead><tbody>");
        for (LearnedNight.LearnedPopulation p : n.populations()) {
            StringBuilder entries = new StringBuilder();
            for (Entry e : p.fitted()) {
                entries.append(entries.length() == 0 ? "" : "<br>").append("<code>").append(Html.esc(LearnPage.entry(e))).append("</code>");
            }
            t.append("<tr><td>").append(Html.esc(p.name())).append("</td><td>").append(Html.esc(p.behaviour()))
                    .append(Html.fmt("</td><td class=\"num\">%,d</td>", p.viewers()))
                    .append(share(p.sawError(), p.viewers())).append(share(p.refreshed(), p.viewers()))
                    .append(share(p.gaveUp(), p.viewers()))
                    .append(p.name().equals("before-drop") ? share(p.stayedForDrop(), p.viewers()) : "<td class=\"missing\">arrived at or after it</td>")
                    .append("<td>").append(entries).append("</td></tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    static String mix(LearnedNight.LearnedPopulation p) {
        StringBuilder t = new StringBuilder("<table class=\"mix\"><thead><tr><th>endpoint</th><th>requests</th><th>per viewer</th>"
                + "<th>error statuses</th><th>p50 (ms)</th><th>p99 (ms)</th></tr></thead><tbody>");
        for (LearnedNight.EndpointMix m : p.mix()) {
            t.append("<tr><td><code>").append(Html.esc(m.endpoint())).append("</code></td>")
                    .append(Html.fmt("<td class=\"num\">%,d</td><td class=\"num\">%.2f</td><td class=\"num\">%,d</td>",
                            m.requests(), m.perViewer(), m.errorAnswers()))
                    .append(millis(m.p50Micros())).append(millis(m.p99Micros())).append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    static String statuses(LearnedNight n) {
        StringBuilder t = new StringBuilder("<table class=\"statuses\"><thead><tr><th>status</th><th>answers</th>"
                + "<th>first seen</th><th>last seen</th></tr></thead><tbody>");
        for (LearnedNight.StatusSeen s : n.statuses()) {
            t.append(Html.fmt("<tr><td>%d</td><td class=\"num\">%,d</td><td class=\"num\">%+d s</td><td class=\"num\">%+d s</td></tr>",
                    s.status(), s.count(), s.firstSecond(), s.lastSecond()));
        }
        return t.append("</tbody></table><p class=\"lede\">Seconds from the drop. Error statuses, for the refreshes and"
                + " the viewers who gave up: " + Html.esc(n.source().errorStatuses()) + ".</p>").toString();
    }

    private static String share(long part, long whole) {
        return Html.fmt("<td class=\"num\">%.1f %%</td>", whole == 0 ? 0 : 100.0 * part / whole);
    }

    private static String millis(long micros) {
        return micros < 0 ? "<td class=\"missing\">not logged</td>" : "<td class=\"num\">" + Html.millis(micros) + "</td>";
    }
}
