package io.dropnight.report;

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
 * @param slos           slo.json, empty when absent
 * @param hasSlos        whether slo.json was present
 * @param gatlingReport  gatling/index.html relative to the run folder, when present
 */
public record RunData(Path dir, String runId, JsonNode runInfo, IntervalLog server, IntervalLog client,
                      JsonNode clientSummary, List<SloResult> slos, boolean hasSlos,
                      Optional<String> gatlingReport) {

    public RunData {
        slos = List.copyOf(slos);
    }

    /** {@code PASS} when every SLO passed, {@code FAIL} when one did not, {@code NO SLOS} without slo.json. */
    public String verdict() {
        if (!hasSlos || slos.isEmpty()) {
            return "NO SLOS";
        }
        return slos.stream().allMatch(SloResult::passed) ? "PASS" : "FAIL";
    }

    /** A text field of run.json, or {@code fallback}. */
    public String info(String field, String fallback) {
        JsonNode n = runInfo.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }
}
