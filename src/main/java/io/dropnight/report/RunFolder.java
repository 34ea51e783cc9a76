package io.dropnight.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of a run folder (a contract shared with the server and the simulations) and how they are
 * read. Every file is optional, but a folder with none of run.json, server.hlog and client.hlog is
 * not a run. Reading never writes.
 */
public final class RunFolder {
    public static final String RUN_INFO = "run.json";
    public static final String SERVER_LOG = "server.hlog";
    public static final String CLIENT_LOG = "client.hlog";
    public static final String CLIENT_SUMMARY = "client-summary.json";
    public static final String SLO_RESULTS = "slo.json";
    public static final String GATLING_REPORT = "gatling/index.html";
    public static final String REPORT_PAGE = "index.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolder() {
    }

    /**
     * Reads and validates a run folder.
     *
     * @throws ReportInputException with one line naming the folder or file at fault
     */
    public static RunData read(Path dir) throws ReportInputException {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": no such run folder");
        }
        if (!Files.exists(dir.resolve(RUN_INFO)) && !Files.exists(dir.resolve(SERVER_LOG))
                && !Files.exists(dir.resolve(CLIENT_LOG))) {
            throw new ReportInputException(dir + ": not a run folder (none of run.json, server.hlog, client.hlog)");
        }
        JsonNode runInfo = readObject(dir.resolve(RUN_INFO));
        String fallbackId = dir.toAbsolutePath().normalize().getFileName().toString();
        String runId = runInfo.path("runId").asText(fallbackId);
        IntervalLog server = readLog(dir.resolve(SERVER_LOG));
        IntervalLog client = readLog(dir.resolve(CLIENT_LOG));
        JsonNode clientSummary = readObject(dir.resolve(CLIENT_SUMMARY));
        Path sloFile = dir.resolve(SLO_RESULTS);
        List<SloResult> slos = readSlos(sloFile);
        Optional<String> gatling = Files.isRegularFile(dir.resolve(GATLING_REPORT))
                ? Optional.of(GATLING_REPORT) : Optional.empty();
        return new RunData(dir, runId.isBlank() ? fallbackId : runId, runInfo, server, client, clientSummary,
                slos, Files.exists(sloFile), gatling);
    }

    private static IntervalLog readLog(Path file) throws ReportInputException {
        return Files.exists(file) ? IntervalLog.read(file) : IntervalLog.EMPTY;
    }

    private static JsonNode readObject(Path file) throws ReportInputException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ReportInputException(file + ": must hold a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ReportInputException(file + ": is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static List<SloResult> readSlos(Path file) throws ReportInputException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<SloResult> slos = JSON.readValue(file.toFile(), new TypeReference<List<SloResult>>() { });
            return slos == null ? List.of() : slos;
        } catch (IOException e) {
            throw new ReportInputException(file + ": is not a JSON list of SLO results ("
                    + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
