package io.dropnight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run page shows each population apart, from run.json's populations, every value escaped. */
class PopulationsSectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachPopulationIsARowOfWhatItDidAndWhatItsViewersSaw() throws Exception {
        JsonNode info = JSON.readTree("""
                {"nightFile": "my-premiere.yml", "audience": {"rehearsalViewers": 840, "fullSize": 4200000, "oneIn": 5000.0},
                 "populations": [
                  {"name": "my-premiere/tv", "behaviour": "wait-for-drop", "journey": "tv-app", "refresh": "backoff", "givesUpAfter": 2,
                   "plannedArrivals": 200, "shareOfAudiencePercent": 23.8, "figures": {"viewers": 200, "requests": 1400, "errorPages": 14, "errorPageRatePercent": 1.0,
                   "refreshes": 9, "gaveUp": 1, "playbackStarts": 199, "timeToPlayP50Ms": 212.5, "timeToPlayP95Ms": 1840.0,
                   "timeToPlayP99Ms": 2990.0}},
                  {"name": "my-premiere/<web>", "behaviour": "play-now", "journey": "dropnight", "refresh": "refresh", "givesUpAfter": 5,
                   "plannedArrivals": 640}
                 ]}
                """);
        String html = PopulationsSection.render(info);
        assertTrue(html.contains("<th scope=\"row\">my-premiere/tv</th><td>wait-for-drop</td><td>tv-app</td><td>backoff, gives up after 2</td>"
                + "<td class=\"num\">200 (24 %)</td><td class=\"num\">200</td><td class=\"num\">199</td><td class=\"num\">14 (1.000 %)</td>"
                + "<td class=\"num\">9</td><td class=\"num\">1</td><td class=\"num\">213 / 1,840 / 2,990</td>"), html);
        assertTrue(html.contains("my-premiere/&lt;web&gt;"), "escaped");
        assertTrue(html.contains("no figures (the night did not end)"), html);
        assertTrue(html.contains("The rehearsal planned 840 viewers of a real night of 4,200,000: 1 in 5,000."), html);
        assertFalse(html.contains("<web>"));
        assertEquals("", PopulationsSection.render(JSON.readTree("{}")), "older run folders have no populations");
    }

    @Test
    void theComparisonAlignsPopulationsByNameAcrossRuns() throws Exception {
        java.util.function.Function<String, RunModel> run = json -> {
            try {
                return new RunModel(new RunData(java.nio.file.Path.of("."), json.substring(0, 5), JSON.readTree(json.substring(5)),
                        io.dropnight.runfolder.IntervalLog.EMPTY, io.dropnight.runfolder.IntervalLog.EMPTY, JSON.createObjectNode(),
                        java.util.Optional.empty(), java.util.Optional.empty()), java.util.List.of(), java.util.OptionalDouble.empty());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String matrix = ComparisonPage.populationMatrix(java.util.List.of(
                run.apply("run-a{\"populations\": [{\"name\": \"n/tv\", \"figures\": {\"errorPageRatePercent\": 2.5, \"gaveUp\": 3,"
                        + " \"timeToPlayP95Ms\": 1500}}, {\"name\": \"n/web\", \"figures\": {\"errorPageRatePercent\": 0.1, \"gaveUp\": 0,"
                        + " \"timeToPlayP95Ms\": 700}}]}"),
                run.apply("run-b{\"populations\": [{\"name\": \"n/web\", \"figures\": {\"errorPageRatePercent\": 0.2, \"gaveUp\": 1,"
                        + " \"timeToPlayP95Ms\": 900}}]}")));
        assertTrue(matrix.contains("<th scope=\"row\">n/tv</th><td class=\"num\">2.500 % error pages, 3 gave up, p95 1,500 ms</td>"
                + "<td class=\"num\">\u2013</td>"), matrix);
        assertTrue(matrix.contains("<th scope=\"row\">n/web</th><td class=\"num\">0.100 % error pages, 0 gave up, p95 700 ms</td>"
                + "<td class=\"num\">0.200 % error pages, 1 gave up, p95 900 ms</td>"), matrix);
        assertEquals("", ComparisonPage.populationMatrix(java.util.List.of(run.apply("run-c{}"))));
    }
}
