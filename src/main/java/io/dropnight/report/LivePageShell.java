package io.dropnight.report;

import io.dropnight.runfolder.RunFiles;

import java.util.List;

/**
 * A night's live page ({@code live.html}) as written once when the night starts: the report's styles
 * and Chart.js inlined, a countdown, figures, an SLO table and six charts, all empty; its script
 * ({@code live-page.js}) fills them from {@link RunFiles#LIVE_DATA}, read again every second, and
 * replaces the page with the run's report once the data names it. Only the night's label comes
 * from outside, escaped. Stateless.
 */
final class LivePageShell {
    /** The figures at the top: element id, label. */
    private static final List<String[]> TILES = List.of(
            new String[] {"live-viewers", "viewers arrived / planned"},
            new String[] {"live-active", "in their journeys / playing"},
            new String[] {"live-requests", "requests sent"},
            new String[] {"live-error-rate", "error pages so far"},
            new String[] {"live-starts", "streams started"},
            new String[] {"live-gave-up", "viewers who gave up"},
            new String[] {"live-p99", "p99 of the last seconds"},
            new String[] {"live-cpu", "injector CPU"},
            new String[] {"live-files", "injector open files"},
            new String[] {"live-lag", "viewers behind the plan"});
    /** The charts: canvas id, title (the script draws each by its id). */
    static final List<String[]> CHARTS = List.of(
            new String[] {"live-chart-arrivals", "Viewers arriving per second, against the plan"},
            new String[] {"live-chart-requests", "Requests finished per second, by outcome"},
            new String[] {"live-chart-errors", "Error pages, percent of requests"},
            new String[] {"live-chart-latency", "Latency of the last seconds, every request"},
            new String[] {"live-chart-viewers", "Viewers in their journeys and playing"},
            new String[] {"live-chart-injector", "The injector's health"});

    private LivePageShell() {
    }

    static String render(String night) {
        PageAssets assets = PageAssets.get();
        StringBuilder out = new StringBuilder(assets.chartJs.length() + 16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.esc("Live: " + night + " (Dropnight)")).append("</title>\n")
                .append("<style>\n").append(assets.css).append('\n').append(assets.liveCss).append("\n</style>\n</head>\n")
                .append("<body class=\"live\" data-live-source=\"").append(Html.esc(RunFiles.LIVE_DATA))
                .append("\" data-live-charts-expected=\"").append(CHARTS.size()).append("\">\n<main>\n")
                .append("<header><p class=\"crumbs\">Dropnight, live: <span id=\"live-status\">waiting for the night's first"
                        + " figures</span></p>\n")
                .append("<h1><span id=\"live-night\">").append(Html.esc(night))
                .append("</span> <span id=\"live-verdict\" class=\"verdict none\">waiting</span></h1>\n")
                .append("<div class=\"countdown\"><span id=\"live-countdown\" class=\"big\">&#8211;</span>"
                        + " <span id=\"live-countdown-label\" class=\"lede\">to the drop</span></div></header>\n");
        out.append("<section class=\"tiles\">\n");
        for (String[] t : TILES) {
            out.append("<div class=\"tile\"><div class=\"value\" id=\"").append(t[0]).append("\">&#8211;</div><div class=\"label\">")
                    .append(Html.esc(t[1])).append("</div></div>\n");
        }
        out.append("</section>\n<h2>Each SLO so far</h2>\n")
                .append("<table id=\"live-slos\"><thead><tr><th>SLO</th><th>measured</th><th>so far</th><th>bound</th>"
                        + "<th>met</th></tr></thead><tbody></tbody></table>\n")
                .append("<h2>The last two minutes</h2>\n<div class=\"grid\">\n");
        for (String[] c : CHARTS) {
            out.append("<figure class=\"chart\"><div class=\"canvas-box\"><canvas id=\"").append(c[0])
                    .append("\" role=\"img\" aria-label=\"").append(Html.esc(c[1])).append("\"></canvas></div></figure>\n");
        }
        out.append("</div>\n<noscript><p class=\"missing\">The live page draws with JavaScript; the night's files are in"
                        + " this folder.</p></noscript>\n</main>\n")
                .append("<script>\n").append(Html.scriptText(assets.chartJs)).append("\n</script>\n")
                .append("<script>\n").append(Html.scriptText(assets.liveJs)).append("\n</script>\n")
                .append("</body>\n</html>\n");
        return out.toString();
    }
}
