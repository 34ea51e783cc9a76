package io.dropnight.simulations.plan;

import io.dropnight.runfolder.TaggedInterval;

import io.dropnight.runfolder.RunFileException;

import io.dropnight.runfolder.JsonObjects;

import io.dropnight.runfolder.IntervalLog;

import io.dropnight.runfolder.RunFiles;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a probe's run folder says about its size: viewers who arrived (run.json's
 * {@code parameters.arrivals}) and the busiest second's requests at the service (server.hlog,
 * every tag's counts added per second; only with the embedded service).
 *
 * @param arrivals       viewers the rehearsal injected, at its scale
 * @param peakPerSecond  requests in the busiest second, as rehearsed (compressed time)
 */
public record ProbeFigures(OptionalLong arrivals, OptionalDouble peakPerSecond) {

    /** Reads what the run folder holds (through the run folder's own readers); missing files leave their figure empty. */
    public static ProbeFigures of(Path runFolder) {
        OptionalLong arrivals = OptionalLong.empty();
        try {
            JsonNode a = JsonObjects.read(runFolder.resolve(RunFiles.RUN_INFO)).path("parameters").path("arrivals");
            if (a.isNumber() && a.asLong() > 0) {
                arrivals = OptionalLong.of(a.asLong());
            }
        } catch (RunFileException e) {
            // an unreadable run.json: the figure stays empty and plan.json says so
        }
        return new ProbeFigures(arrivals, peakPerSecond(runFolder.resolve(RunFiles.SERVER_LOG)));
    }

    static OptionalDouble peakPerSecond(Path hlog) {
        if (!Files.isRegularFile(hlog)) {
            return OptionalDouble.empty();
        }
        Map<Long, Long> perSecond = new TreeMap<>();
        try {
            for (TaggedInterval i : IntervalLog.read(hlog).intervals()) {
                perSecond.merge(i.startMillis() / 1000, i.histogram().getTotalCount(), Long::sum);
            }
        } catch (RunFileException | RuntimeException e) {
            return OptionalDouble.empty(); // an unreadable log: no figure rather than a wrong one
        }
        return perSecond.values().stream().mapToLong(Long::longValue).max().stream().mapToDouble(v -> v).findFirst();
    }
}
