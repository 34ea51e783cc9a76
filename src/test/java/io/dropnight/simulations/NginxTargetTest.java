package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.metrics.ScenarioLabels;
import io.dropnight.testing.NginxTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real nginx gateway as a foreign target (issue 8), run through a target profile: the harness's
 * own counts must equal nginx's access log exactly (requests per endpoint; error pages seen =
 * requests nginx shed, served with status 200), the surge must land on the drop nginx announces,
 * and no embedded service or stub parameter may appear. A profile with the wrong error page sees
 * none while nginx sheds many, and the run says it saw answers it could not classify.
 */
@Tag("night")
class NginxTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How far ahead of the night's start nginx announces its drop: the Gatling JVM's start and the
     * preflight (about 4 s here) plus the single injector's 8 s lead must fit before it, with room;
     * every second more is a second of viewers polling the title page in each of these nights.
     */
    private static final java.time.Duration DROP_IN = java.time.Duration.ofSeconds(22);
    /** The nginx-staging profile's secrets, given to the Gatling JVM as environment variables. */
    static final Map<String, String> SECRETS = Map.of("NGINX_STAGING_PASSWORD", "pa55-Zebra-Quartz-91",
            "NGINX_STAGING_API_KEY", "key-7f3c9e1d2b");
    /** Request names of the journey and the routes the nginx-staging profile sends them to. */
    static final Map<String, String> ROUTES = Map.of(
            "session", "POST /v2/auth/login", "home", "GET /v2/browse", "title", "GET /v2/shows/{id}",
            "title-poll", "GET /v2/shows/{id}", "playback-start", "POST /v2/watch/{id}", "heartbeat", "POST /v2/watch/{id}/ping");

    @Test
    void harnessCountsEqualNginxsAccessLogWithStringIds(@TempDir Path dir) throws Exception {
        Night night = runNight(dir, "nginx-staging.yml", NginxTarget.Ids.STRINGS, "finale-drop");
        assertEquals(0, night.exit, night.log);
        // Ids are opaque: every viewer waiting for the drop plays the final episode, e108, as nginx gave it.
        assertEquals(Set.of("e108"), night.plays.keySet(), "plays per episode id " + night.plays);
        assertPlaysStartedAsNginxAnswered(night);

        Map<String, Long> harnessPerRoute = new TreeMap<>();
        night.runJson.get("requests").fields().forEachRemaining(e ->
                harnessPerRoute.merge(ROUTES.get(e.getKey()), e.getValue().asLong(), Long::sum));
        assertEquals(night.nginxPerRoute, harnessPerRoute, "requests per endpoint, harness vs nginx\n" + night.log);

        long seen = night.client.get("errorPagesSeen").asLong();
        assertTrue(night.nginxShed > 0, "nginx shed part of the surge: " + night.nginxPerRoute);
        assertEquals(night.nginxShed, seen, "error pages seen = requests nginx shed (served with 200)");
        assertFalse(night.runJson.get("warnUnclassified").asBoolean(), night.runJson.get("unclassified").toString());

        // An external target: no embedded service, no stub parameters; the profile is named and recorded.
        assertFalse(night.runJson.get("embedded").asBoolean());
        assertEquals("external target", night.runJson.get("targetKind").asText());
        assertFalse(night.runJson.has("capacity") || night.runJson.has("policy")
                || night.runJson.get("parameters").has("serviceFlags"), night.runJson.toString());
        assertEquals("nginx-staging", night.runJson.get("profile").get("name").asText());
        assertTrue(night.runJson.get("profile").get("content").asText().contains("/v2/auth/login"));
        assertFalse(Files.exists(night.runFolder.resolve("server.log")), "no embedded service was started");
        assertTrue(night.log.contains("preflight: play POST"), night.log);

        // The profile's secrets reached the target (nginx accepted the login) but no file and no line:
        // the recorded profile shows them as ${env:NAME}.
        for (String secret : SECRETS.values()) {
            assertFalse(night.log.contains(secret), "the console shows a secret");
            try (java.util.stream.Stream<Path> files = Files.walk(night.runFolder)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
                            "a secret is written in " + f);
                }
            }
        }
        assertTrue(night.runJson.get("profile").get("content").asText().contains("${env:NGINX_STAGING_PASSWORD}"));
        assertEquals("[\"NGINX_STAGING_PASSWORD\",\"NGINX_STAGING_API_KEY\"]", night.runJson.get("profile").get("secrets").toString());

        // The surge lands on the drop nginx announced, on the injector's own timeline.
        long skewMs = night.runJson.get("surge").get("skewMs").asLong();
        assertTrue(Math.abs(skewMs) <= 100, "surge " + skewMs + " ms from the announced drop\n" + night.log);
    }

    static void assertPlaysStartedAsNginxAnswered(Night night) {
        long answered = night.plays.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(answered > 0, night.log);
        assertEquals(answered, night.client.get("playbackStarts").asLong(), "playback starts = plays nginx answered 200\n" + night.log);
        assertEquals(0, night.client.path("injectorErrors").asLong(), night.client.toString());
    }

    @Test
    void aWrongErrorPageSeesNoneWhileNginxShedsManyAndTheRunWarns(@TempDir Path dir) throws Exception {
        Night night = runNight(dir, "nginx-staging-wrong-error-page.yml", NginxTarget.Ids.NUMBERS, "finale-drop");
        assertEquals(0, night.exit, night.log);
        assertEquals(0, night.client.get("errorPagesSeen").asLong(), night.client.toString());
        assertTrue(night.nginxShed > 10, "nginx shed many: " + night.nginxShed);
        assertTrue(night.runJson.get("warnUnclassified").asBoolean(), night.runJson.toString());
        assertTrue(night.runJson.get("unclassified").size() > 0, night.runJson.toString());
        assertTrue(night.log.contains("WARNING the night saw answers the profile nginx-staging-wrong-error-page does not describe"),
                night.log);
    }

    @Test
    void stepsTheTargetLacksAreSkippedTheDropIsGivenByFlagAndA200WithErrorsIsTheErrorPage(@TempDir Path dir) throws Exception {
        Instant dropAt = Instant.now().plus(DROP_IN).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Night night = runNight(dir, "nginx-staging-no-session.yml", NginxTarget.Ids.NUMBERS, NginxTarget.ShedPage.JSON_ERRORS,
                "finale-drop", "-DdropAt=" + dropAt);
        assertEquals(0, night.exit, night.log);
        assertEquals("[\"session\",\"heartbeat\"]", night.runJson.get("profile").get("skippedSteps").toString());
        assertFalse(night.runJson.get("requests").has("session") || night.runJson.get("requests").has("heartbeat"),
                night.runJson.get("requests").toString());
        assertFalse(night.nginxPerRoute.containsKey("POST /v2/auth/login") || night.nginxPerRoute.containsKey("POST /v2/watch/{id}/ping"),
                night.nginxPerRoute.toString());
        assertTrue(night.log.contains("the journey skips session and heartbeat"), night.log);
        assertEquals(dropAt.toString(), night.runJson.get("dropAt").asText());
        long skewMs = night.runJson.get("surge").get("skewMs").asLong();
        assertTrue(Math.abs(skewMs) <= 100, "surge " + skewMs + " ms from -DdropAt\n" + night.log);
        // nginx sheds with a 200 whose JSON has an errors array: the profile's JMESPath predicate finds each one.
        assertTrue(night.nginxShed > 0, "nginx shed part of the surge: " + night.nginxPerRoute);
        assertEquals(night.nginxShed, night.client.get("errorPagesSeen").asLong(), "error pages seen = requests nginx shed");
        assertFalse(night.runJson.get("warnUnclassified").asBoolean(), night.runJson.get("unclassified").toString());
    }

    record Night(int exit, String log, Path runFolder, JsonNode runJson, JsonNode client,
                         Map<String, Long> nginxPerRoute, long nginxShed, Map<String, Long> plays) {
    }

    static Night runNight(Path dir, String profile, NginxTarget.Ids ids, String nightName, String... extraFlags)
            throws Exception {
        return runNight(dir, profile, ids, NginxTarget.ShedPage.HTML, nightName, extraFlags);
    }

    static Night runNight(Path dir, String profile, NginxTarget.Ids ids, NginxTarget.ShedPage shedPage, String nightName,
                          String... extraFlags) throws Exception {
        Path profileFile = Path.of("src/test/resources/profiles", profile).toAbsolutePath();
        try (NginxTarget nginx = NginxTarget.start(Instant.now().plus(DROP_IN), 60, 20, ids, shedPage)) {
            int exit;
            String log;
            Path run;
            List<String> flags = new java.util.ArrayList<>(List.of(
                    "-Dtarget=" + nginx.url(), "-Dprofile=" + profileFile,
                    "-Dnight=" + nightName, "-Dscale=0.05", "-Dcompression=100", "-DmaxRefreshes=2",
                    "-Dslo.enforce=false"));
            flags.addAll(List.of(extraFlags));
            try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(), flags, SECRETS)) {
                exit = gatling.await(300);
                log = gatling.log();
                run = gatling.onlyRunFolder();
            }
            return new Night(exit, log, run, JSON.readTree(run.resolve("run.json").toFile()),
                    JSON.readTree(run.resolve("client-summary.json").toFile()),
                    nginx.requestsPerRoute(ScenarioLabels.HARNESS), nginx.shed(ScenarioLabels.HARNESS),
                    nginx.playsStarted(ScenarioLabels.HARNESS));
        }
    }
}
