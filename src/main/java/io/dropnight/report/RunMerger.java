package io.dropnight.report;

import io.dropnight.runfolder.ClientTags;

import io.dropnight.runfolder.AtomicFiles;

import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloEvaluation;
import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.RunFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.runfolder.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Merges the run folders of several injectors of one night (and the server logs of several service
 * instances) into one run folder with the usual files: client.hlog and server.hlog added per tag and
 * second ({@link HistogramLogMerger}, exact), client-summary.json summed, slo.json and slo-junit.xml
 * evaluated on the merged histograms ({@link SloEvaluation}), run.json listing the injectors, and the
 * report page. Every input is read and checked before anything is written. Stateless.
 */
public final class RunMerger {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long ONE_SECOND_MILLIS = 1_000;
    /** client-summary.json counters, summed across injectors, in the simulations' order. */
    private static final List<String> COUNTERS = List.of("errorPagesSeen", "refreshes", "abandonments",
            "playbackStarts", "users", "requests", "failedRequests", "injectorErrors");

    private RunMerger() {
    }

    /**
     * What a merge did, for the command's summary.
     *
     * @param out          the merged run folder
     * @param injectors    what run.json's {@code injectors} lists
     * @param slos         the SLOs evaluated on the merged histograms (empty without thresholds)
     * @param clientValues values in the merged client.hlog
     */
    public record Result(Path out, Injectors injectors, List<SloResult> slos, long clientValues) {
    }

    /**
     * @param runDirs    the injectors' run folders, at least one
     * @param out        the merged run folder to create; must not hold a run already
     * @param serverLogs server.hlog files of the service instances (added to those in the run folders)
     * @throws RunFileException when an input is missing or corrupt, the runs are not one night, or
     *                              {@code out} already holds a run; nothing is written then
     */
    public static Result merge(List<Path> runDirs, Path out, List<Path> serverLogs) throws RunFileException, IOException {
        Objects.requireNonNull(out, "out");
        if (runDirs.isEmpty()) {
            throw new RunFileException("merge-runs: give at least one run folder");
        }
        List<RunData> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            if (dir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new RunFileException(out + ": is one of the runs to merge; choose another --out");
            }
            runs.add(RunReader.read(dir));
        }
        NightIdentity.check(runs);
        List<Path> servers = new ArrayList<>(serverLogs);
        for (RunData run : runs) {
            Path log = run.dir().resolve(RunFiles.SERVER_LOG);
            if (Files.isRegularFile(log)) {
                servers.add(log);
            }
        }
        for (Path log : servers) {
            IntervalLog.read(log); // validated before anything is written
        }
        if (Files.exists(out.resolve(RunFiles.RUN_INFO)) || Files.exists(out.resolve(RunFiles.CLIENT_LOG))) {
            throw new RunFileException(out + ": already holds a run; choose another --out");
        }
        Files.createDirectories(out);
        List<Path> clients = runs.stream().map(r -> r.dir().resolve(RunFiles.CLIENT_LOG)).filter(Files::isRegularFile).toList();
        long clientValues = clients.isEmpty() ? 0
                : HistogramLogMerger.merge(clients, out.resolve(RunFiles.CLIENT_LOG), ONE_SECOND_MILLIS).totalCount();
        if (!servers.isEmpty()) {
            HistogramLogMerger.merge(servers, out.resolve(RunFiles.SERVER_LOG), ONE_SECOND_MILLIS);
        }
        String night = runs.get(0).info("night", "");
        ObjectNode summary = summedCounts(runs, night);
        write(out.resolve(RunFiles.CLIENT_SUMMARY), summary);
        List<SloResult> slos = evaluate(runs, night, out, summary);
        Injectors injectors = Injectors.of(runs);
        write(out.resolve(RunFiles.RUN_INFO), runInfo(runs, out, injectors));
        ReportGenerator.generate(out);
        return new Result(out, injectors, slos, clientValues);
    }

    private static ObjectNode summedCounts(List<RunData> runs, String night) {
        ObjectNode o = JSON.createObjectNode();
        o.put("night", night);
        for (String counter : COUNTERS) {
            // A counter no run recorded (injectorErrors, before runs counted them) is left out, not made 0.
            if (runs.stream().anyMatch(r -> r.clientSummary().has(counter))) {
                o.put(counter, runs.stream().mapToLong(r -> r.clientSummary().path(counter).asLong(0)).sum());
            }
        }
        SloEvaluation.Counts c = counts(o);
        o.put("errorPageRatePercent", c.errorPageRatePercent()).put("abandonmentPercent", c.abandonmentPercent());
        return o;
    }

    private static SloEvaluation.Counts counts(JsonNode summary) {
        return new SloEvaluation.Counts(summary.path("requests").asLong(), summary.path("errorPagesSeen").asLong(),
                summary.path("abandonments").asLong(), summary.path("playbackStarts").asLong());
    }

    /** The SLOs on the merged client histograms, with the thresholds the runs recorded (all equal). */
    private static List<SloResult> evaluate(List<RunData> runs, String night, Path out, JsonNode summary)
            throws RunFileException, IOException {
        RunData first = runs.get(0);
        Optional<SloEvaluation.Thresholds> thresholds = thresholds(first.runInfo().path("parameters").path("slo"));
        if (thresholds.isEmpty()) {
            return List.of();
        }
        Path client = out.resolve(RunFiles.CLIENT_LOG);
        Map<String, Histogram> byTag = Files.isRegularFile(client) ? IntervalLog.read(client).mergedByTag() : Map.of();
        Histogram empty = RunModel.empty();
        List<SloResult> results = SloEvaluation.evaluate(night, thresholds.get(),
                byTag.getOrDefault(ClientTags.playbackStart(night), empty), byTag.getOrDefault(ClientTags.timeToPlay(night), empty),
                counts(summary));
        // Inconclusive when any injector was: a saturated injector's share of the night was not the planned one.
        List<VerdictRules.Part> parts = runs.stream().filter(r -> r.sloReport().isPresent())
                .map(r -> new VerdictRules.Part(r.runId(), r.sloReport().get())).toList();
        SloReport report = VerdictRules.merge(results, parts);
        SloFiles.writeJson(out.resolve(RunFiles.SLO_RESULTS), report);
        SloFiles.writeJUnit(out.resolve(RunFiles.SLO_JUNIT), "dropnight.slo." + night, report);
        return results;
    }

    static Optional<SloEvaluation.Thresholds> thresholds(JsonNode slo) {
        List<String> fields = List.of("playbackStartP99Ms", "timeToPlayP95Ms", "errorPageRatePct", "abandonmentPct");
        if (!fields.stream().allMatch(f -> slo.path(f).isNumber())) {
            return Optional.empty();
        }
        return Optional.of(new SloEvaluation.Thresholds(slo.get(fields.get(0)).asDouble(), slo.get(fields.get(1)).asDouble(),
                slo.get(fields.get(2)).asDouble(), slo.get(fields.get(3)).asDouble()));
    }

    /** The first run's description (night, parameters, capacity, versions), with the injectors' sums and list. */
    private static ObjectNode runInfo(List<RunData> runs, Path out, Injectors injectors) {
        ObjectNode o = runs.get(0).runInfo().isObject() ? ((ObjectNode) runs.get(0).runInfo()).deepCopy() : JSON.createObjectNode();
        o.put("runId", out.toAbsolutePath().normalize().getFileName().toString());
        o.remove("injector");
        JsonNode parameters = o.path("parameters");
        if (parameters.isObject() && parameters.has("arrivals")) {
            ((ObjectNode) parameters).put("arrivals",
                    runs.stream().mapToLong(r -> r.runInfo().path("parameters").path("arrivals").asLong(0)).sum());
        }
        o.set("merged", injectors.toJson(JSON));
        return o;
    }

    private static void write(Path file, JsonNode node) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsString(node) + "\n");
    }
}
