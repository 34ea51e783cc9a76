package io.dropnight.report;

import io.dropnight.learn.night.Entry;
import io.dropnight.learn.night.LearnedNight;

import java.util.ArrayList;
import java.util.List;

/**
 * The page {@code learn night} writes beside the night files, self-contained like the run pages:
 * the log's new viewers per second against the fitted night's planned arrivals, the fit's error
 * as a number, the requests and error statuses per second, what each population called and every
 * status seen. Everything from the log is escaped; numbers use {@link java.util.Locale#ROOT}.
 * Stateless.
 */
public final class LearnPage {
    private LearnPage() {
    }

    /** The page's HTML, naming the two night files written beside it. */
    public static String render(LearnedNight n, String fittedFile, String measuredFile) {
        LearnedNight.Source s = n.source();
        HtmlPage page = new HtmlPage("Learned night " + n.name());
        page.raw("<h1>Learned night: " + Html.esc(n.name()) + "</h1>");
        page.raw("<p class=\"lede\">From <code>" + Html.esc(s.log()) + "</code> (" + Html.esc(s.format()) + (s.gzip() ? ", gzip" : "")
                + Html.fmt("): %,d lines read, %,d skipped as not %s, %,d without a viewer key.", s.lines(), s.unparsable(),
                Html.esc(s.format()), s.noViewer()) + skipped("first skipped", s.firstUnparsable())
                + skipped("first without a viewer key", s.firstNoViewer()) + "</p>");
        page.raw("<p class=\"lede\">The log runs from " + Html.esc(s.first().toString()) + " to " + Html.esc(s.last().toString())
                + "; the drop: <strong>" + Html.esc(n.drop().toString()) + "</strong>; the window: "
                + Html.fmt("%+d s to %+d s from the drop, %,d viewers arrived in it", n.windowFrom(), n.windowTo(), n.audience().logViewers())
                + " (a viewer arrives at its first request).</p>");
        page.raw("<p class=\"lede\">Viewer key <code>--viewer " + Html.esc(s.viewerKey()) + "</code>: " + Html.esc(s.viewerSaid())
                + ". What it costs: " + Html.esc(s.viewerCost()) + "."
                + (s.busiestViewerShare() > 0.05 ? Html.fmt(" <strong>One key made %.1f %% of the requests.</strong>", 100 * s.busiestViewerShare()) : "")
                + "</p>");
        page.raw("<p class=\"lede\">Written: <code>" + Html.esc(fittedFile) + "</code> (fitted) and <code>" + Html.esc(measuredFile)
                + "</code> (measured, second by second), " + audience(n) + "</p>");
        fit(page, n);
        page.raw("<div class=\"grid\">");
        page.chart(perSecond(page.nextChartId(), n));
        page.chart(perWindow(page.nextChartId(), n));
        page.chart(requests(page.nextChartId(), n));
        page.raw("</div>");
        page.raw("<h2>Populations</h2>").raw(LearnTables.populations(n));
        for (LearnedNight.LearnedPopulation p : n.populations()) {
            page.raw("<h3>" + Html.esc(p.name()) + ": what its viewers called</h3>").raw(LearnTables.mix(p));
        }
        page.raw("<h2>Statuses</h2>").raw(LearnTables.statuses(n));
        return page.render();
    }

    private static String skipped(String what, String line) {
        return line.isEmpty() ? "" : " The " + Html.esc(what) + ": <code>" + Html.esc(line) + "</code>.";
    }

    private static String audience(LearnedNight n) {
        LearnedNight.Audience a = n.audience();
        return a.written() == a.logViewers() ? Html.fmt("for the log's audience of %,d viewers.", a.written())
                : Html.fmt("for an audience of %,d viewers: every count multiplied by %.4f (this page shows the log's).", a.written(), a.factor());
    }

    private static void fit(HtmlPage page, LearnedNight n) {
        LearnedNight.Fit f = n.fit();
        long measuredWorst = largestWindowDifference(n.arrivals(), f.measuredPlanned(), n.windowFrom());
        page.raw("<h2>Fit</h2>");
        page.raw(Html.fmt("<p><strong id=\"fit-error\">Fit error: %.1f %%</strong>: the largest difference per 10-second window"
                        + " (aligned on the drop) between the log's new viewers and the fitted night's planned arrivals is %,d viewers,"
                        + " in the window from %+d s, against the log's busiest window of %,d viewers, from %+d s. The measured night's"
                        + " largest difference is %,d viewers: it replays the log's seconds.</p>", 100 * f.error(), f.largestDifference(),
                f.worstWindowStart(), f.peakWindow(), f.peakWindowStart(), measuredWorst));
    }

    static long largestWindowDifference(long[] log, long[] planned, int from) {
        long worst = 0;
        long window = 0;
        for (int i = 0; i < log.length; i++) {
            window += log[i] - planned[i];
            if (Math.floorMod(from + i, 10) == 9 || i == log.length - 1) {
                worst = Math.max(worst, Math.abs(window));
                window = 0;
            }
        }
        return worst;
    }

    private static ChartSpec perSecond(String id, LearnedNight n) {
        return new ChartSpec(id, ChartSpec.TIMELINE_FROM_DROP, "New viewers per second: the log against the fitted night",
                "viewers per second", List.of(series("the log's new viewers", 0, false, n.arrivals(), n.windowFrom(), 1),
                series("the fitted night's planned arrivals", 3, true, n.fit().planned(), n.windowFrom(), 1)), 0.0);
    }

    private static ChartSpec perWindow(String id, LearnedNight n) {
        return new ChartSpec(id, ChartSpec.TIMELINE_FROM_DROP, "New viewers per 10-second window (the fit's error is judged here)",
                "viewers per 10 s", List.of(windows("the log's new viewers", 0, false, n.arrivals(), n.windowFrom()),
                windows("the fitted night's planned arrivals", 3, true, n.fit().planned(), n.windowFrom())), 0.0);
    }

    private static ChartSpec requests(String id, LearnedNight n) {
        return new ChartSpec(id, ChartSpec.TIMELINE_FROM_DROP, "Requests and error statuses per second", "requests per second",
                List.of(series("requests", 0, false, n.requests(), n.windowFrom(), 1),
                        series("answered with an error status (" + n.source().errorStatuses() + ")", 3, true, n.errors(), n.windowFrom(), 1)),
                0.0);
    }

    private static ChartSpec.Series series(String label, int colour, boolean dashed, long[] counts, int from, int step) {
        List<double[]> points = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            points.add(new double[] {from + (double) i * step, counts[i]});
        }
        return new ChartSpec.Series(label, colour, dashed, points);
    }

    /** Sums over the windows aligned on the drop, each drawn at its start. */
    private static ChartSpec.Series windows(String label, int colour, boolean dashed, long[] counts, int from) {
        int first = Math.floorDiv(from, 10);
        int last = Math.floorDiv(from + counts.length - 1, 10);
        long[] sums = new long[last - first + 1];
        for (int i = 0; i < counts.length; i++) {
            sums[Math.floorDiv(from + i, 10) - first] += counts[i];
        }
        return series(label, colour, dashed, sums, first * 10, 10);
    }

    /** One entry as the night file writes it, for the populations' table. */
    static String entry(Entry e) {
        return switch (e.kind()) {
            case GATHER -> Html.fmt("gather: %d", e.viewers());
            case UNTIL_DROP -> "until: drop";
            case RAMP -> Html.fmt("ramp: %d, over: %ds (%s)", e.viewers(), e.seconds(), e.name());
            case TAIL -> Html.fmt("tail: %d, halvings: %d, every: %ds", e.viewers(), e.halvings(), e.seconds());
            case PER_SECOND -> Html.fmt("perSecond: %d seconds, %d viewers", e.perSecond().length, e.viewers());
        };
    }
}
