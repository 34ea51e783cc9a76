package io.dropnight.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropnight.core.Endpoint;
import io.dropnight.metrics.IntervalLogWriter;
import io.dropnight.metrics.RequestOutcome;
import io.dropnight.metrics.ScenarioLabels;
import io.dropnight.metrics.ServerMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Generates the saved run-folder fixtures under src/test/resources/fixtures/runs once, from fixed
 * seeds: {@code mvn test-compile} then run {@code main} with the project root as working directory.
 * Two 30-second rehearsals of the "premiere" night with the drop 10 s in: one with policy
 * {@code none} (latency climbs, no rejections), one with {@code priority} (search and home shed).
 * The tests read the committed files, never this generator.
 */
public final class ReportFixtures {
    static final Path ROOT = Path.of("src/test/resources/fixtures/runs");
    static final long START_MILLIS = Instant.parse("2026-11-24T01:59:50Z").toEpochMilli();
    static final int SECONDS = 30;
    static final int DROP_SECOND = 10;

    private record Traffic(Endpoint endpoint, int baseRate, double medianMillis, boolean shedFirst) {
    }

    private static final List<Traffic> TRAFFIC = List.of(
            new Traffic(Endpoint.HOME, 40, 12, true),
            new Traffic(Endpoint.TITLE, 30, 18, false),
            new Traffic(Endpoint.SEARCH, 10, 25, true),
            new Traffic(Endpoint.PLAYBACK_START, 15, 40, false));

    private ReportFixtures() {
    }

    public static void main(String[] args) throws IOException {
        writeRun("20261124-015950-premiere-none", "none", 42L);
        writeRun("20261124-015950-premiere-priority", "priority", 43L);
    }

    private static void writeRun(String runId, String policy, long seed) throws IOException {
        Path dir = Files.createDirectories(ROOT.resolve(runId));
        SplittableRandom random = new SplittableRandom(seed);
        AtomicLong clock = new AtomicLong(START_MILLIS);
        ServerMetrics metrics = new ServerMetrics(new ScenarioLabels(), clock::get);
        boolean shed = policy.equals("priority");
        Histogram timeToPlay = new Histogram(3);
        Histogram clientPlayback = new Histogram(3);
        try (IntervalLogWriter server = IntervalLogWriter.open(metrics, dir, clock::get);
             PrintStream clientOut = new PrintStream(Files.newOutputStream(dir.resolve("client.hlog")), true,
                     StandardCharsets.UTF_8)) {
            HistogramLogWriter client = clientHeader(clientOut);
            for (int second = 0; second < SECONDS; second++) {
                double surge = second < DROP_SECOND ? 1.0 : 6.0 * Math.exp(-(second - DROP_SECOND) / 12.0) + 1.0;
                Histogram ttp = new Histogram(3);
                Histogram play = new Histogram(3);
                for (Traffic t : TRAFFIC) {
                    recordSecond(metrics, t, surge, shed, random, t.endpoint() == Endpoint.PLAYBACK_START ? play : null);
                }
                play.recordedValues().forEach(v -> ttp.recordValueWithCount(
                        v.getValueIteratedTo() + 150_000 + random.nextLong(50_000), v.getCountAtValueIteratedTo()));
                clock.addAndGet(1_000);
                server.writeInterval();
                writeClient(client, second, "premiere/playback-start", play, clientPlayback);
                writeClient(client, second, "premiere/time-to-play", ttp, timeToPlay);
            }
        }
        writeJson(dir.resolve("run.json"), runInfo(runId, policy, seed));
        writeJson(dir.resolve("client-summary.json"), Map.of("night", "premiere", "errorPagesSeen", shed ? 1290 : 0,
                "refreshes", shed ? 410 : 0, "abandonments", shed ? 37 : 112, "playbackStarts", clientPlayback.getTotalCount(),
                "users", 1200));
        writeJson(dir.resolve("slo.json"), slos(timeToPlay, shed));
    }

    private static void recordSecond(ServerMetrics metrics, Traffic t, double surge, boolean shed,
                                     SplittableRandom random, Histogram clientSide) {
        int offered = (int) Math.round(t.baseRate() * surge);
        int capacity = 90;
        double queueFactor = shed ? 1.3 : Math.max(1.0, surge * surge / 1.5);
        for (int i = 0; i < offered; i++) {
            boolean rejected = shed && t.shedFirst() && surge > 2.0 && random.nextInt(100) < 60;
            long micros = rejected ? 200 + random.nextLong(400)
                    : Math.round(t.medianMillis() * 1000 * queueFactor * Math.exp(0.6 * gaussian(random)));
            RequestOutcome outcome = rejected ? RequestOutcome.REJECTED
                    : (offered > capacity && !shed && random.nextInt(200) == 0) ? RequestOutcome.ERROR_PAGE
                    : random.nextInt(100) == 0 ? RequestOutcome.CLIENT_ERROR : RequestOutcome.OK;
            metrics.record("premiere", t.endpoint(), outcome, micros * 1_000L);
            if (clientSide != null && outcome == RequestOutcome.OK) {
                clientSide.recordValue(micros + 300 + random.nextLong(700));
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static HistogramLogWriter clientHeader(PrintStream out) {
        HistogramLogWriter w = new HistogramLogWriter(out);
        w.outputLogFormatVersion();
        w.outputComment("[Dropnight client latency: microseconds; fixture generated by ReportFixtures]");
        w.outputStartTime(START_MILLIS);
        w.outputBaseTime(START_MILLIS);
        w.outputLegend();
        return w;
    }

    private static void writeClient(HistogramLogWriter w, int second, String tag, Histogram h, Histogram total) {
        total.add(h);
        if (h.getTotalCount() > 0) {
            h.setTag(tag);
            w.outputIntervalHistogram(second, second + 1.0, h, 1000.0);
        }
    }

    private static Map<String, Object> runInfo(String runId, String policy, long seed) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", runId);
        run.put("night", "premiere");
        run.put("startedAt", Instant.ofEpochMilli(START_MILLIS).toString());
        run.put("dropAt", Instant.ofEpochMilli(START_MILLIS + DROP_SECOND * 1000L).toString());
        run.put("target", "http://127.0.0.1:8080");
        run.put("embedded", true);
        run.put("parameters", Map.of("users", 1200, "rampSeconds", 10, "durationSeconds", SECONDS));
        run.put("capacity", Map.of("slots", 64, "queue", 256));
        run.put("policy", policy);
        run.put("seed", seed);
        run.put("versions", Map.of("dropnight", "0.1.0-SNAPSHOT", "gatling", "3.15.1", "java", "17.0.15"));
        run.put("machine", Map.of("cores", 2, "jvm", "OpenJDK 64-Bit Server VM 17.0.15", "os", "Linux amd64"));
        return run;
    }

    private static List<Map<String, Object>> slos(Histogram timeToPlay, boolean shed) {
        double p99Millis = timeToPlay.getValueAtPercentile(99.0) / 1000.0;
        return List.of(
                slo("time to play p99 under 2 s", "premiere/time-to-play p99", "<=", 2000, p99Millis, "ms"),
                slo("error pages under 5 % of requests", "premiere error-page rate", "<=", 5, shed ? 18.4 : 0.3, "%"));
    }

    private static Map<String, Object> slo(String name, String metric, String comparator, double threshold,
                                           double actual, String unit) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("metric", metric);
        s.put("comparator", comparator);
        s.put("threshold", threshold);
        s.put("actual", Math.round(actual * 1000) / 1000.0);
        s.put("unit", unit);
        s.put("passed", actual <= threshold);
        return s;
    }

    private static void writeJson(Path file, Object value) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValue(file.toFile(), value);
    }
}
