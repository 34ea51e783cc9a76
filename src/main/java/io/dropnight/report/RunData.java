package io.dropnight.report;

import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.IntervalLog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from one run folder; absent files are empty values, never null.
 *
 * @param dir            the run folder
 * @param runId          run.json's {@code runId}, else the folder's name
 * @param runInfo        run.json (an empty object when absent)
 * @param server         server.hlog
 * @param client         client.hlog
 * @param clientSummary  client-summary.json (an empty object when absent)
 * @param sloReport      slo.json (verdict, reasons, SLO results), empty when absent
 * @param gatlingReport  gatling/index.html relative to the run folder, when present
 */
public record RunData(Path dir, String runId, JsonNode runInfo, IntervalLog server, IntervalLog client,
                      JsonNode clientSummary, Optional<SloReport> sloReport,
                      Optional<String> gatlingReport) {

    /** The SLO results, empty without slo.json. */
    public List<SloResult> slos() {
        return sloReport.map(SloReport::slos).orElse(List.of());
    }

    /**
     * slo.json's verdict ({@code PASS}, {@code FAIL}, {@code INCONCLUSIVE}); {@code NO SLOS} without
     * slo.json, or with neither SLOs nor a saturation in it.
     */
    public String verdict() {
        if (sloReport.isEmpty()) {
            return "NO SLOS";
        }
        SloReport r = sloReport.get();
        if (r.slos().isEmpty() && r.verdict() != RunVerdict.INCONCLUSIVE) {
            return "NO SLOS";
        }
        return r.verdict().label();
    }

    /** Why the run got its verdict, one sentence each; empty without slo.json. */
    public List<String> verdictReasons() {
        return sloReport.map(SloReport::reasons).orElse(List.of());
    }

    /** A text field of run.json, or {@code fallback}. */
    public String info(String field, String fallback) {
        JsonNode n = runInfo.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }
}
