package io.dropnight.report;

import io.dropnight.runfolder.JsonObjects;

import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.RunFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a run folder (its file names are {@link RunFiles}, a contract shared with the service and
 * the simulations). Every file is optional, but a folder with none of run.json, server.hlog and
 * client.hlog is not a run. Reading never writes.
 */
public final class RunReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReader() {
    }

    /**
     * Reads and validates a run folder.
     *
     * @throws RunFileException with one line naming the folder or file at fault
     */
    public static RunData read(Path dir) throws RunFileException {
        if (!Files.isDirectory(dir)) {
            throw new RunFileException(dir + ": no such run folder");
        }
        if (!Files.exists(dir.resolve(RunFiles.RUN_INFO)) && !Files.exists(dir.resolve(RunFiles.SERVER_LOG))
                && !Files.exists(dir.resolve(RunFiles.CLIENT_LOG))) {
            throw new RunFileException(dir + ": not a run folder (none of run.json, server.hlog, client.hlog)");
        }
        JsonNode runInfo = JsonObjects.read(dir.resolve(RunFiles.RUN_INFO));
        String fallbackId = dir.toAbsolutePath().normalize().getFileName().toString();
        String runId = runInfo.path("runId").asText(fallbackId);
        IntervalLog server = readLog(dir.resolve(RunFiles.SERVER_LOG));
        IntervalLog client = readLog(dir.resolve(RunFiles.CLIENT_LOG));
        JsonNode clientSummary = JsonObjects.read(dir.resolve(RunFiles.CLIENT_SUMMARY));
        Path sloFile = dir.resolve(RunFiles.SLO_RESULTS);
        Optional<SloReport> slos = readSlos(sloFile);
        Optional<String> gatling = Files.isRegularFile(dir.resolve(RunFiles.GATLING_REPORT))
                ? Optional.of(RunFiles.GATLING_REPORT) : Optional.empty();
        return new RunData(dir, runId.isBlank() ? fallbackId : runId, runInfo, server, client, clientSummary,
                slos, gatling);
    }

    private static IntervalLog readLog(Path file) throws RunFileException {
        return Files.exists(file) ? IntervalLog.read(file) : IntervalLog.EMPTY;
    }

    private static Optional<SloReport> readSlos(Path file) throws RunFileException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SloFiles.read(file));
        } catch (IOException e) {
            throw new RunFileException(firstLine(e.getMessage()), e);
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
