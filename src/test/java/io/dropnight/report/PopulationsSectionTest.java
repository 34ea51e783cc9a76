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
                   "plannedArrivals": 200, "figures": {"viewers": 200, "requests": 1400, "errorPages": 14, "errorPageRatePercent": 1.0,
                   "refreshes": 9, "gaveUp": 1, "playbackStarts": 199, "timeToPlayP50Ms": 212.5, "timeToPlayP95Ms": 1840.0,
                   "timeToPlayP99Ms": 2990.0}},
                  {"name": "my-premiere/<web>", "behaviour": "play-now", "journey": "dropnight", "refresh": "refresh", "givesUpAfter": 5,
                   "plannedArrivals": 640}
                 ]}
                """);
        String html = PopulationsSection.render(info);
        assertTrue(html.contains("<th scope=\"row\">my-premiere/tv</th><td>wait-for-drop</td><td>tv-app</td><td>backoff, gives up after 2</td>"
                + "<td class=\"num\">200</td><td class=\"num\">200</td><td class=\"num\">199</td><td class=\"num\">14 (1.000 %)</td>"
                + "<td class=\"num\">9</td><td class=\"num\">1</td><td class=\"num\">213 / 1,840 / 2,990</td>"), html);
        assertTrue(html.contains("my-premiere/&lt;web&gt;"), "escaped");
        assertTrue(html.contains("no figures (the night did not end)"), html);
        assertTrue(html.contains("The rehearsal planned 840 viewers of a real night of 4,200,000: 1 in 5,000."), html);
        assertFalse(html.contains("<web>"));
        assertEquals("", PopulationsSection.render(JSON.readTree("{}")), "older run folders have no populations");
    }
}
