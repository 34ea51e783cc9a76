package io.dropnight.simulations.live;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectorCollectorTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    private static String scrape(NightView view, boolean openMetrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new InjectorCollector(view));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (openMetrics) {
            OpenMetricsTextFormatWriter.create().write(out, registry.scrape());
        } else {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** name{labels} → value, every sample of the text format. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> out = new HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            out.put(m.group(1) + "{" + m.group(2) + "}", Double.parseDouble(m.group(3)));
        }
        return out;
    }

    @Test
    void servesEveryFamilyItNamesWhenTheNightHasEveryFigure() throws IOException {
        String text = scrape(new FakeNightView(), false);
        for (String name : InjectorCollector.NAMES) {
            assertTrue(text.contains("# TYPE " + name + " ") || text.contains("# TYPE " + name + "_total "),
                    name + " missing from:\n" + text);
        }
    }

    @Test
    void countsRequestsPerEndpointAndOutcomeAsTheNightRecordedThem() throws IOException {
        Map<String, Double> s = samples(scrape(new FakeNightView(), false));
        assertEquals(600.0, s.get("dropnight_requests_total{endpoint=\"home\",night=\"finale-drop\",outcome=\"ok\"}"));
        assertEquals(12.0, s.get("dropnight_requests_total{endpoint=\"home\",night=\"finale-drop\",outcome=\"error-page\"}"));
        assertEquals(3.0, s.get("dropnight_request_duration_seconds_count{endpoint=\"playback-start\",night=\"finale-drop\","
                + "outcome=\"failed\"}"));
        // buckets are cumulative on the wire: 30 s is within 30 s, not within 10 s
        assertEquals(0.0, s.get("dropnight_request_duration_seconds_bucket{endpoint=\"playback-start\",night=\"finale-drop\","
                + "outcome=\"failed\",le=\"10.0\"}"));
        assertEquals(3.0, s.get("dropnight_request_duration_seconds_bucket{endpoint=\"playback-start\",night=\"finale-drop\","
                + "outcome=\"failed\",le=\"30.0\"}"));
        assertEquals(12.0, s.get("dropnight_error_pages_total{night=\"finale-drop\"}"));
        assertEquals(3.0, s.get("dropnight_unclassified_answers_total{endpoint=\"playback-start\",night=\"finale-drop\",status=\"418\"}"));
        assertEquals(125.0, s.get("dropnight_viewers_planned_total{night=\"finale-drop\"}"));
        assertEquals(90.0, s.get("dropnight_population_playback_starts_total{night=\"finale-drop\",population=\"finale/waiting\"}"));
        assertEquals(-3.5, s.get("dropnight_seconds_to_drop{night=\"finale-drop\"}"));
        assertEquals(0.55, s.get("dropnight_injector_cpu_ratio{night=\"finale-drop\"}"), 1e-9);
        assertEquals(5.0, s.get("dropnight_injector_lag_viewers{night=\"finale-drop\"}"));
        assertEquals(1.333, s.get("dropnight_slo_ratio{night=\"finale-drop\",slo=\"errorPageRate\"}"), 1e-9);
        assertEquals(0.0, s.get("dropnight_slo_met{night=\"finale-drop\",slo=\"errorPageRate\"}"));
    }

    @Test
    void theVerdictIsOneStateOfThree() throws IOException {
        FakeNightView view = new FakeNightView();
        view.verdict = "inconclusive";
        view.ended = true;
        Map<String, Double> s = samples(scrape(view, false));
        assertEquals(1.0, s.get("dropnight_verdict{night=\"finale-drop\",dropnight_verdict=\"inconclusive\"}"));
        assertEquals(0.0, s.get("dropnight_verdict{night=\"finale-drop\",dropnight_verdict=\"pass\"}"));
        assertEquals(0.0, s.get("dropnight_verdict{night=\"finale-drop\",dropnight_verdict=\"fail\"}"));
        assertEquals(1.0, s.get("dropnight_night_ended{night=\"finale-drop\"}"));
    }

    @Test
    void leavesOutWhatTheNightDoesNotKnow() throws IOException {
        FakeNightView view = new FakeNightView();
        view.secondsToDrop = java.util.OptionalDouble.empty();
        view.populations.clear();
        view.requests.clear();
        String text = scrape(view, false);
        assertFalse(text.contains("dropnight_seconds_to_drop"));
        assertFalse(text.contains("dropnight_population_"));
        assertFalse(text.contains("dropnight_requests_total"));
    }

    @Test
    void openMetricsEndsWithEof() throws IOException {
        String text = scrape(new FakeNightView(), true);
        assertTrue(text.endsWith("# EOF\n"), text);
        assertTrue(text.contains("# TYPE dropnight_verdict stateset"), text);
    }
}
