package io.dropnight.learn.night;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A learned night as night files (docs/NIGHTS.md), as text: the fitted one (gather, until: drop,
 * ramp, tail) and the measured one ({@code perSecond}), each with a header of comments naming the
 * log, its time range, the lines read and skipped, the viewer key and its cost, the fit's error,
 * the audience and the error statuses seen, and beside each population what its viewers called.
 * NightReader in the simulations stays the one reader of the format; {@code LearnedNightPlanTest}
 * reads what this writes. Every comment is one line without control characters. Stateless.
 */
public final class NightFileWriter {
    /** Endpoints listed in a population's comment; the page lists them all. */
    private static final int LISTED = 16;
    /** Numbers on one line of a perSecond curve. */
    private static final int PER_LINE = 20;

    private NightFileWriter() {
    }

    /** The fitted night, naming its measured sibling and the page. */
    public static String fitted(LearnedNight night, String measuredFile, String pageFile) {
        return write(night, night.name(), false, "this file: the night fitted into gather, until: drop, ramp and tail;"
                + " the measured curve, second by second: " + measuredFile + "; the page: " + pageFile);
    }

    /** The measured night, its name the fitted one's with {@code -measured}. */
    public static String measured(LearnedNight night, String fittedFile, String pageFile) {
        return write(night, night.name() + "-measured", true, "this file: the arrivals as measured, second by second"
                + " (perSecond); the fitted night: " + fittedFile + "; the page: " + pageFile);
    }

    private static String write(LearnedNight n, String name, boolean measured, String files) {
        StringBuilder y = new StringBuilder();
        LearnedNight.Source s = n.source();
        comment(y, "", "Learned by dropnight learn night from " + s.log() + " (" + s.format() + (s.gzip() ? ", gzip" : "") + ")");
        comment(y, "", fmt("lines: %,d read; %,d skipped as not %s%s; %,d without a viewer key%s", s.lines(), s.unparsable(),
                s.format(), s.unparsable() > 0 ? " (the first, " + s.firstUnparsable() + ")" : "", s.noViewer(),
                s.noViewer() > 0 ? " (the first, " + s.firstNoViewer() + ")" : ""));
        comment(y, "", "the log runs from " + s.first() + " to " + s.last() + "; the drop: " + n.drop());
        comment(y, "", fmt("window: %+d s to %+d s from the drop; %,d viewers arrived in it (a viewer arrives at its first request)",
                n.windowFrom(), n.windowTo(), n.audience().logViewers()));
        comment(y, "", "viewer key (--viewer " + s.viewerKey() + "): " + s.viewerSaid() + "; " + s.viewerCost());
        LearnedNight.Fit f = n.fit();
        comment(y, "", fmt("fit: the largest difference per 10-s window is %.1f %% of the busiest window (%,d viewers from %+d s);"
                + " the measured night replays the log's seconds exactly", 100 * f.error(), f.peakWindow(), f.peakWindowStart()));
        comment(y, "", files);
        comment(y, "", n.audience().written() == n.audience().logViewers() ? "audience: the log's (--audience N rescales every count)"
                : fmt("audience: %,d, every count multiplied by %.4f from the log's %,d", n.audience().written(),
                n.audience().factor(), n.audience().logViewers()));
        comment(y, "", statuses(n));
        y.append("name: ").append(name).append('\n');
        y.append("drop: ").append(seconds(n.dropSeconds())).append('\n');
        y.append("audience: ").append(n.audience().written()).append('\n');
        y.append("populations:\n");
        for (LearnedNight.LearnedPopulation p : n.populations()) {
            population(y, p, measured ? p.measured() : p.fitted(), n.drop().toString());
        }
        return y.toString();
    }

    private static void population(StringBuilder y, LearnedNight.LearnedPopulation p, List<Entry> entries, String drop) {
        comment(y, "  ", fmt("%s: %,d viewers arrived %s the drop", p.name(), p.viewers(), p.name().startsWith("before") ? "before" : "at or after")
                + (p.name().startsWith("before") ? fmt("; %.1f %% of them asked again at or after it (%s)", pct(p.stayedForDrop(), p.viewers()),
                p.behaviour().equals("wait-for-drop") ? "they waited for it" : "most did not wait for it") : ""));
        comment(y, "  ", fmt("an error status reached %.1f %% of them; %.1f %% asked the same endpoint again right after one (refreshed);"
                + " %.1f %% ended on one (gave up)", pct(p.sawError(), p.viewers()), pct(p.refreshed(), p.viewers()), pct(p.gaveUp(), p.viewers())));
        comment(y, "  ", "requests per viewer, by endpoint (answers with an error status among them):");
        for (int i = 0; i < Math.min(LISTED, p.mix().size()); i++) {
            LearnedNight.EndpointMix m = p.mix().get(i);
            comment(y, "  ", fmt("  %-40s %8.2f  (%,d requests%s)", m.endpoint(), m.perViewer(), m.requests(),
                    m.errorAnswers() > 0 ? fmt(", %.1f %% error statuses", pct(m.errorAnswers(), m.requests())) : ""));
        }
        if (p.mix().size() > LISTED) {
            comment(y, "  ", fmt("  ... %d endpoints more on the page", p.mix().size() - LISTED));
        }
        y.append("  - name: ").append(p.name()).append('\n');
        y.append("    behaviour: ").append(p.behaviour()).append('\n');
        y.append("    arrivals:\n");
        for (Entry e : entries) {
            entry(y, e);
        }
    }

    private static void entry(StringBuilder y, Entry e) {
        String named = e.name().isEmpty() ? "" : "name: " + e.name() + ", ";
        switch (e.kind()) {
            case GATHER -> y.append(fmt("      - { %sgather: %d }\n", named, e.viewers()));
            case UNTIL_DROP -> y.append("      - { until: drop }\n");
            case RAMP -> y.append(fmt("      - { %sramp: %d, over: %s }\n", named, e.viewers(), seconds(e.seconds())));
            case TAIL -> y.append(fmt("      - { %stail: %d, halvings: %d, every: %s }   # a half-life of %s\n", named, e.viewers(),
                    e.halvings(), seconds(e.seconds()), seconds(e.seconds())));
            case PER_SECOND -> {
                y.append("      - name: ").append(e.name()).append('\n').append("        perSecond: [");
                long[] counts = e.perSecond();
                for (int i = 0; i < counts.length; i++) {
                    y.append(i == 0 ? "" : i % PER_LINE == 0 ? ",\n          " : ", ").append(counts[i]);
                }
                y.append("]\n");
            }
        }
    }

    private static String statuses(LearnedNight n) {
        boolean[] error = LearnSettings.errorPredicate(n.source().errorStatuses());
        StringBuilder errors = new StringBuilder();
        StringBuilder others = new StringBuilder();
        for (LearnedNight.StatusSeen st : n.statuses()) {
            StringBuilder b = error[st.status()] ? errors : others;
            b.append(b.length() == 0 ? "" : "; ").append(fmt("%d x %,d", st.status(), st.count()));
            if (error[st.status()]) {
                b.append(fmt(" from %+d s to %+d s", st.firstSecond(), st.lastSecond()));
            }
        }
        return "error statuses (" + n.source().errorStatuses() + ") seen: " + (errors.length() == 0 ? "none" : errors)
                + "; other statuses: " + (others.length() == 0 ? "none" : others);
    }

    private static String seconds(int s) {
        return io.dropnight.core.Durations.format(Duration.ofSeconds(s));
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static void comment(StringBuilder y, String indent, String text) {
        y.append(indent).append("# ").append(text.replaceAll("\\p{Cntrl}", "?")).append('\n');
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
