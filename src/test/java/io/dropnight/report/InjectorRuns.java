package io.dropnight.report;

import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloEvaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Run folders of sharded injectors, written as the simulations write them (client.hlog with one
 * interval per second and tag in microseconds, client-summary.json, run.json, slo.json), from seeded
 * random values; every value recorded is also added to {@link #all} histograms, one per tag, so tests
 * can compare a merge with one recorder of everything.
 */
final class InjectorRuns {
    static final String NIGHT = "finale-drop";
    static final String PLAYBACK_START = NIGHT + "/playback-start";
    static final String TIME_TO_PLAY = NIGHT + "/time-to-play";
    static final Instant DROP = Instant.parse("2026-11-26T02:00:00.123456789Z");
    static final String TARGET = "http://staging.example.internal:8080";
    static final SloEvaluation.Thresholds THRESHOLDS = new SloEvaluation.Thresholds(800, 3000, 1, 0.5);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Histogram allPlaybackStart = new Histogram(3_600_000_000L, 3);
    final Histogram allTimeToPlay = new Histogram(3_600_000_000L, 3);

    /**
     * Writes injector {@code index} of {@code count} under {@code reports}.
     *
     * @param skewMs where its surge started against the drop
     */
    Path write(Path reports, int index, int count, long seed, long skewMs) throws IOException {
        Path dir = Files.createDirectories(reports.resolve("20261126-015930-" + NIGHT + "-injector-" + index));
        SplittableRandom random = new SplittableRandom(seed);
        Histogram ps = new Histogram(3_600_000_000L, 3);
        Histogram ttp = new Histogram(3_600_000_000L, 3);
        long startMillis = DROP.toEpochMilli() - 20_000 + index * 137L;
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("client.hlog")), true, StandardCharsets.US_ASCII)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(startMillis);
            w.setBaseTime(startMillis);
            w.outputBaseTime(startMillis);
            w.outputLegend();
            for (int second = 0; second < 40; second++) {
                Histogram psSecond = new Histogram(3_600_000_000L, 3);
                Histogram ttpSecond = new Histogram(3_600_000_000L, 3);
                int n = second >= 20 && second < 25 ? 400 : 40;
                for (int v = 0; v < n; v++) {
                    long micros = 20_000 + (long) (60_000 * -Math.log(1 - random.nextDouble())) * (second >= 20 ? 3 : 1);
                    psSecond.recordValue(micros);
                    ttpSecond.recordValue(micros + 150_000 + random.nextLong(2_000_000));
                }
                interval(w, startMillis, second, PLAYBACK_START, psSecond, ps, allPlaybackStart);
                interval(w, startMillis, second, TIME_TO_PLAY, ttpSecond, ttp, allTimeToPlay);
            }
        }
        long requests = 3_000 + random.nextInt(500);
        SloEvaluation.Counts counts = new SloEvaluation.Counts(requests, random.nextInt(40), random.nextInt(5), ps.getTotalCount());
        ObjectNode summary = JSON.createObjectNode().put("night", NIGHT).put("errorPagesSeen", counts.errorPages())
                .put("refreshes", counts.errorPages()).put("abandonments", counts.abandonments())
                .put("playbackStarts", counts.playbackStarts()).put("users", counts.playbackStarts() + counts.abandonments())
                .put("requests", counts.requests()).put("failedRequests", 0)
                .put("errorPageRatePercent", counts.errorPageRatePercent()).put("abandonmentPercent", counts.abandonmentPercent());
        Files.writeString(dir.resolve("client-summary.json"), JSON.writeValueAsString(summary));
        Files.writeString(dir.resolve("run.json"), JSON.writeValueAsString(runInfo(dir, index, count, skewMs, counts)));
        SloFiles.writeJson(dir.resolve("slo.json"), SloEvaluation.evaluate(NIGHT, THRESHOLDS, ps, ttp, counts));
        return dir;
    }

    private static void interval(HistogramLogWriter w, long startMillis, int second, String tag, Histogram h,
                                 Histogram run, Histogram all) {
        h.setTag(tag);
        h.setStartTimeStamp(startMillis + second * 1000L);
        h.setEndTimeStamp(startMillis + (second + 1) * 1000L);
        w.outputIntervalHistogram(second, second + 1.0, h, 1000.0);
        run.add(h);
        all.add(h);
    }

    private static ObjectNode runInfo(Path dir, int index, int count, long skewMs, SloEvaluation.Counts counts) {
        ObjectNode o = JSON.createObjectNode().put("runId", dir.getFileName().toString()).put("night", NIGHT)
                .put("startedAt", DROP.minusSeconds(30).toString()).put("dropAt", DROP.toString()).put("embedded", false)
                .put("policy", "fixed").put("seed", 42).put("target", TARGET);
        ObjectNode p = o.putObject("parameters").put("scale", 0.5).put("arrivals", counts.playbackStarts() + counts.abandonments());
        p.putObject("slo").put("playbackStartP99Ms", THRESHOLDS.playbackStartP99Ms()).put("timeToPlayP95Ms", THRESHOLDS.timeToPlayP95Ms())
                .put("errorPageRatePct", THRESHOLDS.errorPageRatePct()).put("abandonmentPct", THRESHOLDS.abandonmentPct());
        if (count > 0) {
            o.putObject("injector").put("index", index).put("count", count).put("nightArrivals", 9_999)
                    .put("surgeAt", DROP.plusMillis(skewMs).toString()).put("skewMs", skewMs);
        }
        return o;
    }

    /** Rewrites one field of a run's run.json. */
    static void set(Path run, String field, String value) throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(run.resolve("run.json").toFile());
        o.put(field, value);
        Files.writeString(run.resolve("run.json"), JSON.writeValueAsString(o));
    }
}
