package io.dropnight.simulations.plan;

import io.dropnight.runfolder.AtomicFiles;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Writes plan.json (schema in docs/PLANNING.md), and reads its probes back for plan-check. */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    /**
     * The plan's header: what was asked.
     *
     * @param confidence a capacity plan's {@code -Dplan.confidence} (NaN for a breakpoint)
     */
    public record Header(PlanParameters.Mode mode, String night, double compression, double resolution,
                         Optional<Duration> budget, OptionalLong audience, Instant startedAt, Duration elapsed, double confidence) {

        /** A header without a confidence (a breakpoint plan). */
        public Header(PlanParameters.Mode mode, String night, double compression, double resolution, Optional<Duration> budget,
                      OptionalLong audience, Instant startedAt, Duration elapsed) {
            this(mode, night, compression, resolution, budget, audience, startedAt, elapsed, Double.NaN);
        }
    }

    public static ObjectNode of(Header h, List<PlanEntry> entries, Path planDir) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mode", h.mode().label()).put("night", h.night()).put("compression", h.compression())
                .put("resolution", h.resolution())
                .put("startedAt", h.startedAt().toString()).put("elapsedSeconds", seconds(h.elapsed()));
        put(o, "budgetSeconds", h.budget().isPresent() ? OptionalDouble.of(seconds(h.budget().get())) : OptionalDouble.empty());
        put(o, "confidence", Double.isNaN(h.confidence()) ? OptionalDouble.empty() : OptionalDouble.of(h.confidence()));
        if (h.audience().isPresent()) {
            o.put("audience", h.audience().getAsLong());
        } else {
            o.putNull("audience");
        }
        ArrayNode searches = o.putArray("searches");
        for (PlanEntry e : entries) {
            searches.add(search(e, h.audience(), planDir));
        }
        o.set("scaleCheck", scaleCheck(entries));
        return o;
    }

    public static void write(Path file, ObjectNode plan) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsString(plan) + "\n");
    }

    private static ObjectNode search(PlanEntry e, OptionalLong audience, Path planDir) {
        PlanResult r = e.result();
        ObjectNode s = JSON.createObjectNode();
        s.put("policy", e.policy()).put("scale", e.scale()).put("axis", r.axis().name()).put("outcome", r.outcomeLabel());
        put(s, "answer", r.answer());
        ObjectNode band = s.putObject("band");
        put(band, "low", r.bandLow());
        put(band, "high", r.bandHigh());
        s.put("confirmed", r.confirmed()).put("summary", r.summary()).put("elapsedSeconds", seconds(r.elapsed()));
        ObjectNode per = s.putObject("perThousandViewers");
        put(per, "slots", e.slotsPerThousandViewers());
        put(per, "requestsPerSecondAtPeak", e.requestsPerSecondPerThousandViewers());
        put(per, "fullSizeViewersAtDrop", e.answerViewers());
        if (audience.isPresent() && e.slotsPerThousandViewers().isPresent()) {
            ObjectNode p = s.putObject("projection");
            double n = audience.getAsLong();
            p.put("audience", audience.getAsLong()).put("slots", Math.ceil(e.slotsPerThousandViewers().getAsDouble() * n / 1000));
            put(p, "requestsPerSecondAtPeak", e.requestsPerSecondPerThousandViewers().isPresent()
                    ? OptionalDouble.of(e.requestsPerSecondPerThousandViewers().getAsDouble() * n / 1000) : OptionalDouble.empty());
        } else {
            s.putNull("projection");
        }
        if (r.estimate().isPresent()) {
            s.set("estimate", EstimateJson.of(r.estimate().get(), CurvePrior.DEFAULT));
        } else {
            s.putNull("estimate");
        }
        ArrayNode probes = s.putArray("probes");
        for (ProbeResult pr : r.probes()) {
            ObjectNode p = probes.addObject();
            p.put("value", pr.value()).put("verdict", pr.verdict().jsonName()).put("decidedBy", pr.decidedBy());
            ArrayNode reasons = p.putArray("reasons");
            pr.reasons().forEach(reasons::add);
            ArrayNode slos = p.putArray("slos");
            for (SloResult v : pr.slos()) {
                ObjectNode slo = slos.addObject().put("name", v.name());
                put(slo, "actual", Double.isNaN(v.actual()) ? OptionalDouble.empty() : OptionalDouble.of(v.actual()));
                slo.put("comparator", v.comparator()).put("threshold", v.threshold()).put("unit", v.unit()).put("passed", v.passed());
            }
            if (pr.runFolder().isPresent()) {
                Path run = pr.runFolder().get();
                p.put("runFolder", planDir.toAbsolutePath().relativize(run.toAbsolutePath()).toString().replace('\\', '/'));
                ProbeFigures f = e.figures().get(run);
                if (f != null) {
                    put(p, "arrivals", f.arrivals().isPresent() ? OptionalDouble.of(f.arrivals().getAsLong()) : OptionalDouble.empty());
                    put(p, "peakRequestsPerSecond", f.peakPerSecond());
                }
            } else {
                p.putNull("runFolder");
            }
            p.put("elapsedSeconds", seconds(pr.elapsed()));
        }
        return s;
    }

    /**
     * One search's probes as {@link #of} wrote them: value, verdict, reasons and SLO figures (no run
     * folder, no length). An SLO written before its comparator was (plan.json of 7 December 2026
     * and earlier) is an upper bound when its figure, bound and pass agree on it, a lower bound
     * otherwise. A probe whose verdict cannot be read is left out.
     */
    static List<ProbeResult> probes(JsonNode search) {
        List<ProbeResult> out = new ArrayList<>();
        for (JsonNode p : search.path("probes")) {
            Optional<RunVerdict> verdict = RunVerdict.parse(p.path("verdict").asText());
            if (verdict.isEmpty() || !p.path("value").isNumber()) {
                continue;
            }
            List<SloResult> slos = new ArrayList<>();
            for (JsonNode s : p.path("slos")) {
                double actual = s.path("actual").isNumber() ? s.path("actual").asDouble() : Double.NaN;
                double bound = s.path("threshold").asDouble();
                boolean passed = s.path("passed").asBoolean();
                String comparator = s.path("comparator").isTextual() ? s.path("comparator").asText()
                        : (actual <= bound) == passed ? "<=" : ">=";
                slos.add(new SloResult(s.path("name").asText(), s.path("name").asText(), comparator, bound, actual,
                        s.path("unit").asText(), passed));
            }
            List<String> reasons = new ArrayList<>();
            p.path("reasons").forEach(r -> reasons.add(r.asText()));
            out.add(new ProbeResult(p.path("value").asDouble(), verdict.get(), reasons, slos, Optional.empty(), Duration.ZERO));
        }
        return out;
    }

    /** Per policy, the per-1,000 slots at the smallest and largest scale answered, and their ratio. */
    private static ArrayNode scaleCheck(List<PlanEntry> entries) {
        ArrayNode out = JSON.createArrayNode();
        entries.stream().map(PlanEntry::policy).distinct().forEach(policy -> {
            List<PlanEntry> answered = entries.stream().filter(e -> e.policy().equals(policy)
                    && e.slotsPerThousandViewers().isPresent()).sorted((a, b) -> Double.compare(a.scale(), b.scale())).toList();
            if (answered.size() < 2) {
                return;
            }
            PlanEntry small = answered.get(0);
            PlanEntry large = answered.get(answered.size() - 1);
            double a = small.slotsPerThousandViewers().getAsDouble();
            double b = large.slotsPerThousandViewers().getAsDouble();
            out.addObject().put("policy", policy).put("smallScale", small.scale()).put("largeScale", large.scale())
                    .put("slotsPerThousandAtSmall", a).put("slotsPerThousandAtLarge", b).put("ratio", a / b);
        });
        return out;
    }

    private static void put(ObjectNode o, String key, OptionalDouble v) {
        if (v.isPresent()) {
            o.put(key, v.getAsDouble());
        } else {
            o.putNull(key);
        }
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
