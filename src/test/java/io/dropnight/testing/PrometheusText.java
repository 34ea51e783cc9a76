package io.dropnight.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny reader of Prometheus' text formats (0.0.4 and OpenMetrics 1.0) for tests: every sample
 * line as a {@link Sample} (name and labels) and its value. Comments and {@code # EOF} are skipped;
 * timestamps and exemplars are not expected and make a line fail.
 */
public final class PrometheusText {
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One sample's identity: its name and its labels, sorted by name. */
    public record Sample(String name, Map<String, String> labels) {
        public Sample {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        }

        /** {@code name} with labels given as name, value, name, value... */
        public static Sample of(String name, String... labelPairs) {
            Map<String, String> labels = new TreeMap<>();
            for (int i = 0; i < labelPairs.length; i += 2) {
                labels.put(labelPairs[i], labelPairs[i + 1]);
            }
            return new Sample(name, labels);
        }
    }

    private PrometheusText() {
    }

    /**
     * What {@code GET /metrics} says of one outcome of a (scenario, endpoint), given its JSON object
     * there: its {@code errorPages} count rejections too, the exposition's outcomes are disjoint.
     *
     * @param outcome a {@code outcome} label value: ok, client-error, error-page or rejected
     */
    public static long jsonCount(com.fasterxml.jackson.databind.JsonNode endpoint, String outcome) {
        return switch (outcome) {
            case "ok" -> endpoint.get("ok").asLong();
            case "client-error" -> endpoint.get("clientErrors").asLong();
            case "error-page" -> endpoint.get("errorPages").asLong() - endpoint.get("rejected").asLong();
            case "rejected" -> endpoint.get("rejected").asLong();
            default -> throw new IllegalArgumentException("unknown outcome " + outcome);
        };
    }

    /** The value of every sample named {@code name}, by its labels. */
    public static Map<Map<String, String>, Double> family(Map<Sample, Double> samples, String name) {
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        samples.forEach((sample, value) -> {
            if (sample.name().equals(name)) {
                out.put(sample.labels(), value);
            }
        });
        return out;
    }

    /**
     * @throws IllegalArgumentException naming the line that is not a sample, or a sample seen twice
     */
    public static Map<Sample, Double> parse(String body) {
        Map<Sample, Double> samples = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.find() && l.start() == end) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                    end = l.end();
                }
                if (end != m.group(3).length()) {
                    throw new IllegalArgumentException("unreadable labels: " + line);
                }
            }
            Sample sample = new Sample(m.group(1), labels);
            if (samples.put(sample, value(m.group(4))) != null) {
                throw new IllegalArgumentException("sample seen twice: " + line);
            }
        }
        return samples;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
