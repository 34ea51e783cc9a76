package io.dropnight.simulations.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a run's slo.json into a verdict. Two shapes are read: today's top-level array of SLOs,
 * and an object whose {@code slos} array sits beside a top-level {@code verdict}
 * ({@code pass}, {@code fail} or {@code inconclusive}) with its {@code reasons} (the honest
 * verdicts of issue 9). Without a {@code verdict}, the run passes when every SLO passed.
 */
public final class SloFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run's slo.json says. */
    public record Reading(Verdict verdict, List<String> reasons, List<SloValue> slos) {
        public Reading {
            reasons = List.copyOf(reasons);
            slos = List.copyOf(slos);
        }
    }

    private SloFile() {
    }

    /** @throws IOException when the file is missing or is not slo.json, with one line naming the file */
    public static Reading read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": missing (the night wrote no SLO results)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + e.getClass().getSimpleName() + ")", e);
        }
        JsonNode array = root.isArray() ? root : root.path("slos");
        if (!array.isArray()) {
            throw new IOException(file + ": expected an array of SLOs, or an object with a \"slos\" array");
        }
        List<SloValue> slos = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.path("name").isTextual() || !n.path("passed").isBoolean()) {
                throw new IOException(file + ": every SLO needs a name and passed");
            }
            JsonNode actual = n.path("actual");
            slos.add(new SloValue(n.get("name").asText(), actual.isNumber() ? actual.asDouble() : Double.NaN,
                    n.path("threshold").asDouble(Double.NaN), n.path("unit").asText(""), n.get("passed").asBoolean()));
        }
        List<String> reasons = new ArrayList<>();
        root.path("reasons").forEach(r -> reasons.add(r.isTextual() ? r.asText() : r.toString()));
        JsonNode verdict = root.path("verdict");
        if (verdict.isTextual()) {
            return new Reading(parseVerdict(file, verdict.asText()), reasons, slos);
        }
        boolean allPassed = slos.stream().allMatch(SloValue::passed);
        return new Reading(allPassed ? Verdict.PASS : Verdict.FAIL, reasons, slos);
    }

    private static Verdict parseVerdict(Path file, String text) throws IOException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "pass" -> Verdict.PASS;
            case "fail" -> Verdict.FAIL;
            case "inconclusive" -> Verdict.INCONCLUSIVE;
            default -> throw new IOException(file + ": verdict = " + text + ": must be pass, fail or inconclusive");
        };
    }
}
