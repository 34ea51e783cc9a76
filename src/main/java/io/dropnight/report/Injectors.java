package io.dropnight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The injectors of a merged run, as run.json's {@code merged} records them: each run, its shard, where
 * its surge landed against the drop (start skew) and its verdict; the injectors whose verdict was
 * inconclusive; and any injector of the night missing from the merge. Immutable.
 *
 * @param runs          one line per merged run, in the order given
 * @param count         how many injectors shared the night (run.json's {@code injector.count}), 0 when unknown
 * @param missing       indices of that night's injectors with no run here
 * @param nightArrivals the unsharded night's planned arrivals, -1 when unrecorded
 */
public record Injectors(List<Injector> runs, int count, List<Integer> missing, long nightArrivals) {

    public Injectors {
        runs = List.copyOf(runs);
        missing = List.copyOf(missing);
    }

    /**
     * One merged run.
     *
     * @param runId    its run id
     * @param index    its 0-based injector index, -1 when unsharded
     * @param arrivals its planned arrivals (its share), -1 when unrecorded
     * @param surgeAt  when its surge started, as recorded, or empty text
     * @param skewMs   its surge's start after the drop in ms (negative: early), empty when unrecorded
     * @param verdict  its own verdict: run.json's {@code verdict} when recorded, else its SLOs' PASS/FAIL/NO SLOS
     */
    public record Injector(String runId, int index, long arrivals, String surgeAt, OptionalLong skewMs, String verdict) {

        public boolean inconclusive() {
            return verdict.toLowerCase(Locale.ROOT).startsWith("inconclusive");
        }
    }

    static Injectors of(List<RunData> data) {
        List<Injector> runs = new ArrayList<>();
        int count = 0;
        long nightArrivals = -1;
        TreeSet<Integer> present = new TreeSet<>();
        for (RunData d : data) {
            JsonNode i = d.runInfo().path("injector");
            int index = i.path("index").isInt() && i.path("count").asInt(1) > 1 ? i.path("index").asInt() : -1;
            count = Math.max(count, i.path("count").asInt(0));
            nightArrivals = i.path("nightArrivals").isNumber() ? i.path("nightArrivals").asLong() : nightArrivals;
            if (index >= 0) {
                present.add(index);
            }
            JsonNode skew = i.path("skewMs");
            runs.add(new Injector(d.runId(), index, d.runInfo().path("parameters").path("arrivals").asLong(-1),
                    i.path("surgeAt").asText(""), skew.isNumber() ? OptionalLong.of(skew.asLong()) : OptionalLong.empty(),
                    verdict(d)));
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; count > 1 && k < count; k++) {
            if (!present.contains(k)) {
                missing.add(k);
            }
        }
        return new Injectors(runs, count, missing, nightArrivals);
    }

    /**
     * run.json's verdict when the run recorded one (a word, or an object with a {@code status}),
     * else the verdict of its SLOs. A field a later run.json adds; its absence is the usual case.
     */
    static String verdict(RunData d) {
        JsonNode v = d.runInfo().path("verdict");
        if (v.isTextual() && !v.asText().isBlank()) {
            return v.asText();
        }
        for (String field : List.of("status", "verdict", "result")) {
            if (v.path(field).isTextual()) {
                return v.path(field).asText();
            }
        }
        return d.verdict();
    }

    /** The injectors whose verdict was inconclusive. */
    public List<String> inconclusive() {
        return runs.stream().filter(Injector::inconclusive).map(Injector::runId).toList();
    }

    /** Latest minus earliest surge start, ms; empty when fewer than two were recorded. */
    public OptionalLong skewSpreadMs() {
        long[] skews = runs.stream().map(Injector::skewMs).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).toArray();
        if (skews.length < 2) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(java.util.Arrays.stream(skews).max().getAsLong() - java.util.Arrays.stream(skews).min().getAsLong());
    }

    /** Planned arrivals of the merged runs, summed (-1 when one is unrecorded). */
    public long arrivals() {
        return runs.stream().anyMatch(r -> r.arrivals() < 0) ? -1 : runs.stream().mapToLong(Injector::arrivals).sum();
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode o = json.createObjectNode();
        o.put("count", count);
        ArrayNode list = o.putArray("injectors");
        for (Injector r : runs) {
            ObjectNode line = list.addObject().put("runId", r.runId()).put("index", r.index()).put("arrivals", r.arrivals())
                    .put("surgeAt", r.surgeAt()).put("verdict", r.verdict());
            r.skewMs().ifPresentOrElse(s -> line.put("skewMs", s), () -> line.putNull("skewMs"));
        }
        skewSpreadMs().ifPresentOrElse(s -> o.put("startSkewSpreadMs", s), () -> o.putNull("startSkewSpreadMs"));
        inconclusive().forEach(o.putArray("inconclusive")::add);
        missing.forEach(o.putArray("missingInjectors")::add);
        o.put("arrivals", arrivals()).put("nightArrivals", nightArrivals);
        return o;
    }
}
