package io.dropnight.simulations.run;

import io.dropnight.runfolder.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.simulations.client.ClientMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run's folder, reports/&lt;runId&gt;/, shared with the service (server.hlog) and the report
 * generator: run.json, client.hlog, client-summary.json, slo.json, slo-junit.xml and gatling/.
 * Not thread-safe; owned by the simulation.
 */
public final class RunFolder {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final String runId;
    private final Path dir;

    private RunFolder(String runId, Path dir) {
        this.runId = runId;
        this.dir = dir;
    }

    /** Creates {@code reportsDir/<yyyyMMdd-HHmmss>-<night>} (UTC), suffixed if it already exists. */
    public static RunFolder create(Path reportsDir, String night, Instant now) throws IOException {
        String base = ID.format(now) + "-" + night;
        String id = base;
        for (int i = 2; Files.exists(reportsDir.resolve(id)); i++) {
            id = base + "-" + i;
        }
        Path dir = Files.createDirectories(reportsDir.resolve(id)).toAbsolutePath();
        return new RunFolder(id, dir);
    }

    public String runId() {
        return runId;
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    public void writeRunJson(ObjectNode runJson) throws IOException {
        AtomicFiles.write(resolve(RunFiles.RUN_INFO), JSON.writeValueAsString(runJson) + "\n");
    }

    public static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    public static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    /**
     * After the night: client-summary.json, slo.json and slo-junit.xml, and the verdict with its
     * reasons in run.json (rewritten).
     */
    public void writeResults(String night, ClientMetrics.Counts counts, long injectorErrors, Optional<String> firstInjectorError,
                             SloReport verdict, ObjectNode runJson) throws IOException {
        writeClientSummary(night, counts, injectorErrors, firstInjectorError);
        SloFiles.writeJson(resolve(RunFiles.SLO_RESULTS), verdict);
        SloFiles.writeJUnit(resolve(RunFiles.SLO_JUNIT), "dropnight.slo." + night, verdict);
        runJson.put("verdict", verdict.verdict().jsonName());
        verdict.reasons().forEach(runJson.withArray("verdictReasons")::add);
        writeRunJson(runJson);
    }

    /**
     * client-summary.json: the viewers' side of the night, and the harness's own errors counted apart
     * ({@code injectorErrors}, the first one's line in {@code firstInjectorError}).
     */
    public void writeClientSummary(String night, ClientMetrics.Counts c, long injectorErrors, Optional<String> firstInjectorError)
            throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("night", night).put("errorPagesSeen", c.errorPages()).put("refreshes", c.refreshes())
                .put("abandonments", c.abandonments()).put("playbackStarts", c.playbackStarts()).put("users", c.users())
                .put("requests", c.requests()).put("failedRequests", c.failures())
                .put("errorPageRatePercent", c.errorPageRatePercent()).put("abandonmentPercent", c.abandonmentPercent())
                .put("injectorErrors", injectorErrors);
        firstInjectorError.ifPresent(line -> o.put("firstInjectorError", line));
        AtomicFiles.write(resolve(RunFiles.CLIENT_SUMMARY), JSON.writeValueAsString(o) + "\n");
    }

    /**
     * Copies the newest Gatling report for {@code simulationId} (written after {@code notBefore})
     * into gatling/. Gatling writes its HTML report after {@code after()}, so this runs from a
     * shutdown hook (Gatling's main exits the JVM right after the report).
     *
     * @return the copied report, if one was found
     */
    public Optional<Path> copyGatlingReport(Path resultsDir, String simulationId, Instant notBefore) throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        Optional<Path> newest;
        try (Stream<Path> runs = Files.list(resultsDir)) {
            newest = runs.filter(p -> p.getFileName().toString().startsWith(simulationId + "-"))
                    .filter(p -> Files.isRegularFile(p.resolve(RunFiles.INDEX_PAGE)))
                    .filter(p -> modified(p).compareTo(notBefore) >= 0)
                    .max(Comparator.comparing(RunFolder::modified));
        }
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Path target = resolve(RunFiles.GATLING_DIR);
        copyTree(newest.get(), target);
        return Optional.of(target);
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
