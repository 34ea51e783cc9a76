package io.dropnight.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds one self-contained HTML page: body fragments appended in order, charts registered with a
 * canvas each, and at render time the CSS, Chart.js, the chart data and the drawing script inlined.
 * The page's script sets {@code data-charts-rendered} on {@code <body>} to the number of charts it
 * drew. Not thread-safe; one builder per page.
 */
final class HtmlPage {
    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final List<ChartSpec> charts = new ArrayList<>();

    HtmlPage(String title) {
        this.title = title;
    }

    /** Appends markup; the caller has escaped every piece of data in it. */
    HtmlPage raw(String html) {
        body.append(html).append('\n');
        return this;
    }

    /** Appends an element with escaped text, for example {@code text("h2", night)}. */
    HtmlPage text(String tag, String text) {
        return raw("<" + tag + ">" + Html.esc(text) + "</" + tag + ">");
    }

    /** The id the next chart will get. */
    String nextChartId() {
        return "chart-" + (charts.size() + 1);
    }

    /** Appends a canvas for the chart, described for screen readers by its title. */
    HtmlPage chart(ChartSpec spec) {
        charts.add(spec);
        return raw("<figure class=\"chart\"><div class=\"canvas-box\"><canvas id=\"" + Html.esc(spec.id())
                + "\" role=\"img\" aria-label=\"" + Html.esc(spec.title()) + "\"></canvas></div></figure>");
    }

    int chartCount() {
        return charts.size();
    }

    String render() {
        PageAssets assets = PageAssets.get();
        StringBuilder out = new StringBuilder(assets.chartJs.length() + body.length() + 16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.esc(title)).append("</title>\n")
                .append("<style>\n").append(assets.css).append("\n</style>\n</head>\n")
                .append("<body data-charts-expected=\"").append(charts.size()).append("\">\n")
                .append("<main>\n").append(body).append("</main>\n");
        if (!charts.isEmpty()) { // a page without charts (the run index) need not carry Chart.js
            out.append("<script type=\"application/json\" id=\"report-data\">")
                    .append(Html.scriptJson(Map.of("charts", charts))).append("</script>\n")
                    .append("<script>\n").append(Html.scriptText(assets.chartJs)).append("\n</script>\n")
                    .append("<script>\n").append(Html.scriptText(assets.reportJs)).append("\n</script>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }
}
