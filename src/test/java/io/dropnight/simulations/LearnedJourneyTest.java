package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.cli.Main;
import io.dropnight.profile.JourneyStep;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.Role;
import io.dropnight.profile.TargetProfile;
import io.dropnight.simulations.nights.EpisodeChoice;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.preflight.Preflight;
import io.dropnight.testing.JournalHar;
import io.dropnight.testing.WireMockTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 26's journey test, recorded by no one: one viewer of the harness (the preflight's walk of
 * WireMockJourneyTest's nine-step journey) goes through WireMock; what WireMock saw, requests and
 * answers from its journal, becomes a HAR 1.2 file; {@code learn journey} drafts a journey from it;
 * that draft then runs as a night against the same WireMock, its own preflight clean, and the
 * harness's requests per endpoint equal WireMock's journal. The second host is WireMock again under
 * another name ({@code localhost}), so that the recording has two hosts.
 */
@Tag("night")
class LearnedJourneyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NIGHT = "finale-drop";
    private static final String PASSWORD = "pw-Quokka-77";

    @Test
    void aJourneyLearnedFromTheHarnesssOwnSessionRunsCleanAgainstTheSameTarget(@TempDir Path dir) throws Exception {
        Path learned = dir.resolve("learned.yml");
        List<JsonNode> journal;
        Path run;
        String cdn;
        String injectorLog;
        try (WireMockTarget wiremock = WireMockTarget.start(dir)) {
            cdn = "http://localhost:" + wiremock.url().getPort();
            Instant dropAt = Instant.now().minusSeconds(60);
            WireMockJourneyTest.stubService(wiremock, dropAt, cdn, false);
            WireMockJourneyTest.stubService(wiremock, dropAt, cdn, true); // the episode is out
            wiremock.stubJson(Map.of("method", "POST", "url", "/playback/ep-ab-10"), Map.of(),
                    "{\"id\":\"pb-ab\",\"manifest\":{\"url\":\"" + cdn + "/m/ep-ab-10/master.m3u8?sig=ab12\"}}", 1);

            // The session: the harness's own viewer walks the hand-written journey (plain HTTP here).
            String journey = WireMockJourneyTest.JOURNEY.replace(
                    "protocol: { http2: true, trustStore: trust.p12, trustStorePassword: '${env:TRUST_PASS}' }\n", "");
            TargetProfile written = ProfileReader.parse("wiremock-journey.yml", journey,
                    name -> Map.of("CDN_URL", cdn, "VIEWER_PASS", PASSWORD).get(name));
            new Preflight(wiremock.url(), written, EpisodeChoice.forNight(Night.FINALE_DROP), new SplittableRandom(7), line -> { }).walk();
            Path har = Files.writeString(dir.resolve("session.har"), JournalHar.har(wiremock.serveEvents()));
            assertEquals(10, JSON.readTree(har.toFile()).path("log").path("entries").size(), "the session's ten requests");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.run(new String[] {"learn", "journey", "--har", har.toString(), "--out", learned.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, exit, err.toString());
            String draft = Files.readString(learned);
            assertFalse(draft.contains(PASSWORD) || draft.contains("s-77") || draft.contains("c-77"), "no secret in the draft:\n" + draft);
            assertLearned(ProfileReader.read(learned, name -> "stand-in"), draft);
            System.out.println(out + draft); // the draft, in the test's output file, for a person to read

            List<String> night = List.of("-Dtarget=" + wiremock.url(), "-Dnight=" + NIGHT, "-Dscale=0.02", "-Dcompression=100",
                    "-Dslo.enforce=false", "-Dprofile=" + learned);
            Map<String, String> env = Map.of("DROPNIGHT_PASSWORD", PASSWORD, "DROPNIGHT_USERNAME", "v0");
            try (GatlingProcess injector = GatlingProcess.start(Files.createDirectories(dir.resolve("injector")), List.of(), night, env)) {
                assertEquals(0, injector.await(300), injector.log());
                injectorLog = injector.log();
                run = injector.onlyRunFolder();
            }
            journal = wiremock.requests();
        }
        assertTrue(injectorLog.contains("dropnight: preflight passed: one viewer walked the journey against "), injectorLog);
        List<String> optionalFailures = injectorLog.lines().filter(l -> l.contains("preflight: (optional, the journey goes on) step")).toList();
        assertEquals(1, optionalFailures.size(), injectorLog);
        assertTrue(optionalFailures.get(0).contains("step continue: GET "), "only the row that answers the error page: " + optionalFailures);
        assertFalse(injectorLog.contains(PASSWORD), "the secret is not on the console");

        Map<String, Long> target = new TreeMap<>();
        for (JsonNode r : journal) {
            if (NIGHT.equals(header(r, "X-Scenario"))) {
                String route = r.path("method").asText() + " " + r.path("url").asText();
                boolean secondHost = r.path("absoluteUrl").asText().startsWith(cdn);
                assertEquals(secondHost, route.startsWith("GET /img/") || route.startsWith("GET /m/"), "host of " + route);
                target.merge(route.startsWith("GET /img/show-ab/") ? "GET /img/show-ab/*" : route, 1L, Long::sum);
            }
        }
        Map<String, String> routes = Map.of("login", "POST /api/login", "graphql", "POST /graphql", "images", "GET /img/show-ab/*",
                "continue", "GET /api/rows/continue", "titles", "GET /api/titles/show-ab", "titles-poll", "GET /api/titles/show-ab",
                "license", "POST /drm/license/ep-ab-10", "playback-start", "POST /playback/ep-ab-10",
                "master", "GET /m/ep-ab-10/master.m3u8?sig=ab12", "heartbeat", "POST /playback/pb-ab/heartbeat");
        Map<String, Long> harness = new TreeMap<>();
        JsonNode info = JSON.readTree(run.resolve("run.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = info.get("requests").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            harness.merge(routes.getOrDefault(e.getKey(), "unknown endpoint " + e.getKey()), e.getValue().asLong(), Long::sum);
        }
        assertEquals(target, harness, "requests per endpoint, harness vs WireMock's journal");
        System.out.println("requests per endpoint, harness and WireMock's journal alike: " + harness);
        JsonNode client = JSON.readTree(run.resolve("client-summary.json").toFile());
        long viewers = client.get("users").asLong();
        assertTrue(viewers > 100, "a night's viewers: " + client);
        assertEquals(viewers, client.get("playbackStarts").asLong(), "every viewer played: " + client);
        assertEquals(viewers, harness.get("POST /api/login"), "each viewer signed in once");
        assertFalse(info.get("warnUnclassified").asBoolean(), "every answer understood: " + info.get("unclassified"));
    }

    /** The draft a person would have written: the steps, roles, hosts, captures and references. */
    private static void assertLearned(TargetProfile p, String draft) {
        assertEquals(List.of("login", "graphql", "images", "continue", "titles", "license", "playback", "master", "heartbeat"),
                p.journey().stream().map(JourneyStep::name).toList(), draft);
        assertEquals(List.of(Role.SESSION, Role.STEP, Role.STEP, Role.STEP, Role.WAIT_FOR_DROP, Role.STEP, Role.PLAY, Role.STEP,
                Role.HEARTBEAT), p.journey().stream().map(JourneyStep::role).toList(), draft);
        assertEquals(List.of("localhost"), List.copyOf(p.hosts().keySet()), draft);
        assertTrue(draft.contains("form: {\"username\": \"${env:DROPNIGHT_USERNAME}\", \"password\": \"${env:DROPNIGHT_PASSWORD}\"}"), draft);
        assertEquals("csrfToken", p.session().orElseThrow().captures().keySet().iterator().next(), draft);
        assertEquals(Map.of("X-CSRF-Token", "#{csrfToken}"), p.step("graphql").orElseThrow().call().headers(), draft);
        assertEquals(Map.of("heroId", "data.home.hero.id", "recordedFinalEpisodeId", "data.home.hero.finalEpisode.id",
                "dropAt", "data.home.hero.releaseAt"), p.step("graphql").orElseThrow().call().save(), draft);
        assertEquals("/api/titles/#{heroId}", p.title().path(), draft);
        assertEquals("/playback/#{recordedFinalEpisodeId}", p.play().path(), draft);
        assertEquals("#{manifestUrl}", p.step("master").orElseThrow().call().path(), draft);
        assertEquals("/playback/#{id}/heartbeat", p.heartbeat().orElseThrow().path(), draft);
        assertTrue(p.step("continue").orElseThrow().optional(), draft);
        assertTrue(draft.contains("#   license, body: \"challenge-0\"\n"), "the client's own value, listed:\n" + draft);
    }

    private static String header(JsonNode request, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue().asText();
            }
        }
        return "";
    }

}
