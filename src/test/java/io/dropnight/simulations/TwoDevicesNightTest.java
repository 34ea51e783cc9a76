package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A night of the user's own (issue 23) on the embedded service: a TV population that waits on the
 * title page, walking a journey of its own (its steps named apart, polling every 5–8 s) and backing
 * off on the error page, beside a web population that arrives at the drop and refreshes, walking
 * the night's journey. Both run in one night; the run tags it with the file's name, and run.json
 * and the per-endpoint counts tell the two populations apart.
 */
@Tag("night")
class TwoDevicesNightTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTvAndAWebPopulationWalkTheirOwnJourneysInOneNight(@TempDir Path dir) throws Exception {
        String builtIn;
        try (InputStream in = getClass().getResourceAsStream("/profiles/dropnight.yml")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The TV app: the same service, its steps named apart, a slower poll.
        Files.writeString(dir.resolve("tv-app.yml"), builtIn.replace("name: dropnight", "name: tv-app")
                .replace("- name: session", "- name: tv-session").replace("- name: home", "- name: tv-home")
                .replace("- name: title", "- name: tv-title").replace("every: 3-6s", "every: 5-8s")
                .replace("- name: heartbeat", "- name: tv-heartbeat"));
        Path night = Files.writeString(dir.resolve("my-premiere.yml"), """
                name: my-premiere
                drop: 8m
                audience: 4200000
                populations:
                  - name: tv
                    behaviour: wait-for-drop
                    journey: tv-app.yml
                    refresh: backoff
                    givesUpAfter: 2
                    heartbeats: { count: 1, every: 60s }
                    arrivals:
                      - { gather: 1000 }
                  - name: web
                    behaviour: play-now
                    refresh: refresh
                    heartbeats: { count: 2, every: 60s }
                    arrivals:
                      - { until: drop }
                      - { name: surge, ramp: 2000, over: 60s }
                      - { tail: 800, halvings: 2, every: 100s }
                """);
        Path run;
        String log;
        try (GatlingProcess g = GatlingProcess.start(Files.createDirectories(dir.resolve("injector")),
                List.of("-Dnight=" + night, "-Drehearsal=840", "-Dcompression=40", "-Dslo.enforce=false"))) {
            assertEquals(0, g.await(240), g.log());
            log = g.log();
            run = g.onlyRunFolder();
        }
        assertTrue(log.contains("dropnight: population my-premiere/tv walks the journey tv-app ("), log);
        JsonNode info = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals("my-premiere", info.get("night").asText());
        assertEquals(night.toString(), info.get("nightFile").asText());
        assertEquals(840, info.at("/audience/rehearsalViewers").asLong());
        assertEquals(4_200_000, info.at("/audience/fullSize").asLong());
        assertEquals(5_000, Math.round(info.at("/audience/oneIn").asDouble()));
        assertTrue(log.contains("dropnight: audience: the rehearsal plans 840 viewers (scale 0.2 of the night's 4,200 at scale 1);"
                + " the real night has 4,200,000: 1 in 5,000"), log);
        JsonNode tv = info.get("populations").get(0);
        JsonNode web = info.get("populations").get(1);
        assertEquals(List.of("my-premiere/tv", "wait-for-drop", "tv-app", "backoff", "2", "200"), List.of(tv.get("name").asText(),
                tv.get("behaviour").asText(), tv.get("journey").asText(), tv.get("refresh").asText(), tv.get("givesUpAfter").asText(),
                tv.get("plannedArrivals").asText()));
        assertEquals(List.of("my-premiere/web", "play-now", "dropnight", "refresh", "5", "640"), List.of(web.get("name").asText(),
                web.get("behaviour").asText(), web.get("journey").asText(), web.get("refresh").asText(), web.get("givesUpAfter").asText(),
                web.get("plannedArrivals").asText()));

        // Each population's own figures, which together are the night's.
        JsonNode tvFigures = tv.get("figures");
        JsonNode webFigures = web.get("figures");
        assertEquals(200, tvFigures.get("viewers").asLong(), tv.toString());
        assertEquals(640, webFigures.get("viewers").asLong(), web.toString());
        JsonNode night0 = JSON.readTree(run.resolve("client-summary.json").toFile());
        for (String[] k : new String[][] {{"requests", "requests"}, {"errorPages", "errorPagesSeen"}, {"refreshes", "refreshes"},
                {"gaveUp", "abandonments"}, {"playbackStarts", "playbackStarts"}}) {
            assertEquals(night0.get(k[1]).asLong(), tvFigures.get(k[0]).asLong() + webFigures.get(k[0]).asLong(), k[0]);
        }
        assertTrue(tvFigures.get("timeToPlayP95Ms").asDouble() > 0 && webFigures.get("timeToPlayP95Ms").asDouble() > 0, info.toString());
        // Arrivals per second, planned and started: the TV population gathers before the drop, the web one arrives at it.
        long tvStarted = 0;
        for (JsonNode n : tv.at("/arrivalsPerSecond/started")) {
            tvStarted += n.asLong();
        }
        long webPlanned = 0;
        for (JsonNode n : web.at("/arrivalsPerSecond/planned")) {
            webPlanned += n.asLong();
        }
        assertEquals(200, tvStarted, tv.toString());
        assertEquals(640, webPlanned, web.toString());
        String page = Files.readString(run.resolve("index.html"));
        assertTrue(page.contains("<h2>Arrivals by population</h2>"), "a chart per population");
        assertTrue(page.contains("<h2>Populations</h2>") && page.contains("<th scope=\"row\">my-premiere/tv</th><td>wait-for-drop</td>"
                + "<td>tv-app</td><td>backoff, gives up after 2</td>"), "the run page shows each population");
        assertTrue(log.contains("dropnight: population my-premiere/tv: viewers 200, playback starts "), log);
        assertTrue(page.contains("Each figure covers every population of the night together: my-premiere/tv, my-premiere/web."),
                "the SLO table says which populations its figures cover");

        assertEquals(200.0 / 840 * 100, tv.get("shareOfAudiencePercent").asDouble(), 1e-9, "each population's share of the audience");
        JsonNode requests = info.get("requests");
        JsonNode client = JSON.readTree(run.resolve("client-summary.json").toFile());
        assertEquals(840, client.get("users").asLong(), "200 TV viewers and 640 web viewers: " + client);
        assertEquals(client.get("users").asLong(), client.get("playbackStarts").asLong() + client.get("abandonments").asLong(), client.toString());
        // Every TV viewer signed in, browsed and opened the title page on its own endpoints; every web viewer on the night's.
        Map<String, Long> expected = Map.of("tv-session", 200L, "tv-home", 200L, "session", 640L, "home", 640L);
        expected.forEach((endpoint, n) -> assertTrue(requests.path(endpoint).asLong() >= n,
                endpoint + ": " + requests.path(endpoint) + " of at least " + n + " in " + requests));
        assertTrue(requests.path("tv-title").asLong() >= 200 && requests.path("tv-title-poll").asLong() > 0, requests.toString());
        assertTrue(requests.path("tv-heartbeat").asLong() > 0 && requests.path("heartbeat").asLong() > 0, requests.toString());
        assertTrue(!requests.has("title-poll"), "web viewers arrive after the drop and never wait: " + requests);
    }
}
