package io.dropnight.learn.night;

import io.dropnight.learn.log.LogFileException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The night made of a window's arrivals: who arrived before the drop ({@code before-drop}, a
 * gathering: {@code gather}, or a ramp over the whole time before the drop when that fits better) and who at or after it ({@code after-drop}: until the drop, then the fitted step,
 * tail and steady rate), each also as its measured curve; both planned back over the window to
 * state the fit's error; then written at the audience asked for. Stateless.
 */
final class NightShape {
    /** A night file's limit on the viewers of one entry (and of one second of a curve). */
    static final long MAX_ENTRY = 100_000_000;
    /** A viewer who arrived before the drop waited for it when most did: the population then waits for the drop. */
    private static final double WAITED = 0.5;

    private NightShape() {
    }

    static LearnedNight of(LearnSettings s, LearnedNight.Source source, LogFacts facts, NightLearner.Tally tally, int windowFrom,
                           long[] arrivals) {
        int firstIndex = 0;
        while (arrivals[firstIndex] == 0) {
            firstIndex++;
        }
        int lastIndex = arrivals.length - 1;
        while (arrivals[lastIndex] == 0) {
            lastIndex--;
        }
        int firstArrival = windowFrom + firstIndex;
        // The night starts at its first arrival; a night whose first viewer comes at the drop still has a 1 s drop.
        int nightStart = Math.min(firstArrival, -1);
        int dropSeconds = -nightStart;
        long[] before = firstArrival < 0 ? Arrays.copyOfRange(arrivals, firstIndex, -windowFrom) : new long[0];
        long[] after = windowFrom + lastIndex >= 0 ? Arrays.copyOfRange(arrivals, Math.max(0, -windowFrom), lastIndex + 1) : new long[0];
        long logViewers = NightLearner.sum(arrivals);
        long written = s.audience().orElse(logViewers);
        double factor = (double) written / logViewers;

        List<List<Entry>> fitted = new ArrayList<>();
        List<List<Entry>> measured = new ArrayList<>();
        List<LearnedNight.LearnedPopulation> populations = new ArrayList<>();
        long[] plannedFit = new long[arrivals.length];
        long[] plannedMeasured = new long[arrivals.length];
        Mix mix = new Mix(facts);
        for (int p = 0; p < 2; p++) {
            long[] curve = p == 0 ? before : after;
            if (NightLearner.sum(curve) == 0) {
                continue;
            }
            List<Entry> fit = p == 0 ? gathering(curve, dropSeconds) : withUntilDrop(ArrivalFit.afterDrop(curve));
            List<Entry> asMeasured = p == 0 ? List.of(Entry.perSecond("measured", curve))
                    : withUntilDrop(List.of(Entry.perSecond("measured", curve)));
            addPlan(plannedFit, PlannedCurve.of(fit, dropSeconds), nightStart - windowFrom);
            addPlan(plannedMeasured, PlannedCurve.of(asMeasured, dropSeconds), nightStart - windowFrom);
            long viewers = tally.viewers()[p];
            boolean waited = p == 0 && tally.askedAfterDrop()[p] >= WAITED * viewers;
            populations.add(new LearnedNight.LearnedPopulation(p == 0 ? "before-drop" : "after-drop",
                    p == 1 || !waited ? "play-now" : "wait-for-drop", viewers, tally.sawError()[p], tally.refreshed()[p],
                    tally.gaveUp()[p], tally.askedAfterDrop()[p], scaled(fit, factor, s), scaled(asMeasured, factor, s),
                    mix.of(p, viewers)));
        }
        return new LearnedNight(s.name(), source, s.drop(), windowFrom, arrivals, facts.series().requests(windowFrom, windowFrom + arrivals.length),
                facts.series().errors(windowFrom, windowFrom + arrivals.length), nightStart, dropSeconds, populations,
                fit(arrivals, plannedFit, plannedMeasured, windowFrom), new LearnedNight.Audience(logViewers, written),
                facts.statuses().seen());
    }

    /**
     * The gathering before the drop: {@code gather}, which stretches with a drop a target moves but
     * leaves the last 5 s before it calm, unless a ramp over the whole time before the drop fits
     * the 10-second windows better (viewers who kept arriving until the drop).
     */
    static List<Entry> gathering(long[] before, int dropSeconds) {
        long viewers = NightLearner.sum(before);
        List<Entry> gather = List.of(Entry.gather(viewers));
        List<Entry> ramp = List.of(Entry.ramp("gathering", viewers, dropSeconds));
        long[] log = Curves.windows(before, -dropSeconds);
        return worstWindow(log, PlannedCurve.of(ramp, dropSeconds), dropSeconds)
                < worstWindow(log, PlannedCurve.of(gather, dropSeconds), dropSeconds) ? ramp : gather;
    }

    private static long worstWindow(long[] log, long[] planned, int dropSeconds) {
        long[] plan = Curves.windows(Arrays.copyOf(planned, dropSeconds), -dropSeconds);
        long worst = 0;
        for (int w = 0; w < log.length; w++) {
            worst = Math.max(worst, Math.abs(log[w] - plan[w]));
        }
        return worst;
    }

    private static List<Entry> withUntilDrop(List<Entry> entries) {
        List<Entry> out = new ArrayList<>();
        out.add(Entry.untilDrop());
        out.addAll(entries);
        return out;
    }

    /** Adds a population's plan (from the night's start) to the window's, {@code offset} seconds into it. */
    private static void addPlan(long[] window, long[] plan, int offset) {
        for (int i = 0; i < plan.length; i++) {
            if (offset + i >= 0 && offset + i < window.length) {
                window[offset + i] += plan[i];
            }
        }
    }

    private static LearnedNight.Fit fit(long[] arrivals, long[] planned, long[] measuredPlanned, int windowFrom) {
        long[] log = Curves.windows(arrivals, windowFrom);
        long[] plan = Curves.windows(planned, windowFrom);
        int worst = 0;
        int peak = 0;
        for (int w = 0; w < log.length; w++) {
            worst = Math.abs(log[w] - plan[w]) > Math.abs(log[worst] - plan[worst]) ? w : worst;
            peak = log[w] > log[peak] ? w : peak;
        }
        int start = Curves.firstWindowStart(windowFrom);
        return new LearnedNight.Fit(planned, measuredPlanned, Math.abs(log[worst] - plan[worst]), start + worst * Curves.WINDOW,
                log[peak], start + peak * Curves.WINDOW);
    }

    /** The entries at the written audience, each within a night file's limits. */
    private static List<Entry> scaled(List<Entry> entries, double factor, LearnSettings s) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            Entry scaled = factor == 1 ? e : e.scaled(factor);
            long largest = Math.max(scaled.viewers(), Arrays.stream(scaled.perSecond()).max().orElse(0));
            if (scaled.kind() == Entry.Kind.PER_SECOND ? scaled.viewers() > MAX_ENTRY : largest > MAX_ENTRY) {
                throw new LogFileException(String.format(Locale.ROOT, "--audience %d: the learned night would bring %,d viewers in one"
                        + " entry, over a night file's %,d", s.audience().orElse(0), scaled.viewers(), MAX_ENTRY));
            }
            out.add(scaled);
        }
        return out;
    }
}
