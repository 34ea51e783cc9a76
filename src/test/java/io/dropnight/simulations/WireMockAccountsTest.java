package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.testing.TestCertificate;
import io.dropnight.testing.WireMockTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WireMock, a server no one here wrote, as the target of two sharded injectors whose viewers sign
 * in with the accounts of one CSV file (issue 22): each account signs in once across both
 * injectors, and the harness's requests per endpoint equal WireMock's own request journal. Its
 * login sets a session cookie and a CSRF token in a header, which every later call must carry
 * (WireMock answers nothing else), and the title page holds the manifest the play call sends,
 * read by a regex: the captures of a header, a cookie and a regex, a form login, and the viewers'
 * cookie jar. Play answers 200 with an errors array until 3 s after the drop: locked by its code,
 * read before the error page, which any other errors array is. The title page is on a second host
 * over HTTPS, its certificate trusted through Gatling's trust-store settings.
 */
@Tag("night")
class WireMockAccountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NIGHT = "finale-drop";
    /** More rows than the night's 620 viewers, so that both queues suffice. */
    private static final int ACCOUNTS = 700;

    @Test
    void twoShardedInjectorsSignEachAccountInOnceAndTheirCountsAreTheTargets(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("username,password\n");
        for (int i = 0; i < ACCOUNTS; i++) {
            csv.append("viewer-").append(i).append(",pw-").append(i).append('\n');
        }
        Files.writeString(dir.resolve("accounts.csv"), csv.toString());
        Path profile = Files.writeString(dir.resolve("wiremock-staging.yml"), """
                name: wiremock-staging
                hosts: { catalog: '${env:CATALOG_URL}' }
                accounts: { csv: accounts.csv, strategy: queue }
                session: { method: POST, path: /api/login, form: { username: '#{username}', password: '#{password}' },
                           save: { token: session.token, csrf: { header: X-CSRF-Token }, sid: { cookie: sid } } }
                headers: { Authorization: 'Bearer #{token}', X-CSRF-Token: '#{csrf}' }
                home:  { method: GET, path: /api/home, save: { titleId: hero.id, finalEpisodeId: hero.finale, dropAt: hero.releaseAt } }
                title: { method: GET, host: catalog, path: '/api/titles/#{titleId}', save: { manifest: { regex: 'manifest=(\\S+)' } } }
                play:  { method: POST, path: '/api/playback/#{episodeId}?session=#{sid}', body: '{"manifest":"#{manifest}"}',
                         save: { playbackId: playback.id },
                         locked: { status: 200, json: "errors[?extensions.code=='NOT_YET_AVAILABLE'] | [0]" } }
                errorPage:
                  any:
                    - { status: [503] }
                    - { json: 'errors[0]' }
                """);
        // The drop leaves both JVMs time to start, the night's offset and the sharded lead (20 s).
        Instant dropAt = Instant.now().plusSeconds(50).truncatedTo(ChronoUnit.SECONDS);
        List<Path> runs = new ArrayList<>();
        List<JsonNode> journal;
        String wiremockHttps;
        // The title page is on a second host, WireMock's HTTPS port with a certificate the injectors
        // trust through Gatling's own trust-store settings (the preflight reads the same ones).
        TestCertificate certificate = TestCertificate.create(dir, "changeit-456");
        try (WireMockTarget wiremock = WireMockTarget.startHttps(dir, certificate.keyStore(), certificate.password())) {
            wiremock.stubJson(Map.of("method", "POST", "url", "/api/login", "headers",
                            Map.of("Content-Type", Map.of("contains", "application/x-www-form-urlencoded"))),
                    Map.of("Set-Cookie", "sid=s-9f2; Path=/; HttpOnly", "X-CSRF-Token", "c-42"), "{\"session\":{\"token\":\"t-1\"}}",
                    WireMockTarget.DEFAULT_PRIORITY);
            // Only a viewer who kept the cookie and sends the token is answered (else WireMock's 404: unclassified).
            Map<String, Object> signedIn = Map.of("cookies", Map.of("sid", Map.of("equalTo", "s-9f2")),
                    "headers", Map.of("X-CSRF-Token", Map.of("equalTo", "c-42")));
            wiremock.stubJson(with(signedIn, "GET", "/api/home"), Map.of(),
                    "{\"hero\":{\"id\":\"show-7c1e\",\"finale\":\"ep-7c1e-10\",\"releaseAt\":\"" + dropAt + "\"}}",
                    WireMockTarget.DEFAULT_PRIORITY);
            wiremock.stubJson(with(signedIn, "GET", "/api/titles/show-7c1e"), Map.of("Content-Type", "text/plain"),
                    "show-7c1e\nepisode=ep-7c1e-10 manifest=https://cdn.example/m/ep-7c1e-10/master.m3u8?sig=ab12\n",
                    WireMockTarget.DEFAULT_PRIORITY);
            Map<String, Object> play = new HashMap<>(with(signedIn, "POST", "/api/playback/ep-7c1e-10?session=s-9f2"));
            play.put("bodyPatterns", List.of(Map.of("equalToJson",
                    "{\"manifest\":\"https://cdn.example/m/ep-7c1e-10/master.m3u8?sig=ab12\"}")));
            // Until the service unlocks the episode, 3 s after the drop, play answers 200 with an
            // errors array: locked, by its code, not the error page that any other error is.
            wiremock.stubJson(play, Map.of(), "{\"data\":null,\"errors\":[{\"message\":\"not yet\","
                    + "\"extensions\":{\"code\":\"NOT_YET_AVAILABLE\"}}]}", WireMockTarget.DEFAULT_PRIORITY);
            List<GatlingProcess> injectors = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    injectors.add(GatlingProcess.start(Files.createDirectories(dir.resolve("injector-" + i)), List.of(), List.of(
                            "-Dtarget=" + wiremock.url(), "-Dprofile=" + profile, "-Dnight=" + NIGHT, "-Dscale=0.05",
                            "-Dcompression=100", "-Dslo.enforce=false", "-Dinjectors=2", "-Dinjector=" + i,
                            "-Dgatling.ssl.trustStore.file=" + certificate.trustStore(), "-Dgatling.ssl.trustStore.type=PKCS12",
                            "-Dgatling.ssl.trustStore.password=" + certificate.password()),
                            Map.of("CATALOG_URL", wiremock.httpsUrl().toString())));
                }
                Instant unlockAt = dropAt.plusSeconds(3);
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !Instant.now().isBefore(unlockAt));
                wiremock.stubJson(play, Map.of(), "{\"playback\":{\"id\":\"pb-1\"}}", 1);
                for (GatlingProcess g : injectors) {
                    assertEquals(0, g.await(300), g.log());
                    assertTrue(g.log().contains("dropnight: accounts: 350 of 700 rows of "), g.log());
                    runs.add(g.onlyRunFolder());
                }
            } finally {
                for (GatlingProcess g : injectors) {
                    g.close();
                }
            }
            journal = wiremock.requests();
            wiremockHttps = wiremock.httpsUrl().toString();
        }

        // The viewers' sign-ins (the preflight's are the harness's own, X-Scenario: harness).
        Map<String, Integer> signIns = new HashMap<>();
        Map<String, Long> targetPerRoute = new TreeMap<>();
        for (JsonNode r : journal) {
            if (!NIGHT.equals(r.path("headers").path("X-Scenario").asText())) {
                continue;
            }
            String route = r.path("method").asText() + " " + r.path("url").asText();
            if (route.startsWith("GET /api/titles/")) {
                assertTrue(r.path("absoluteUrl").asText().startsWith(wiremockHttps), "the title page is on the catalog host: " + r);
            }
            targetPerRoute.merge(route, 1L, Long::sum);
            if (route.equals("POST /api/login")) {
                // a form login: username=viewer-17&password=pw-17
                String username = r.path("body").asText().replaceAll("^username=([^&]*)&.*$", "$1");
                signIns.merge(username, 1, Integer::sum);
            }
        }
        long viewers = 0;
        long locked = 0;
        Map<String, Long> harnessPerRoute = new TreeMap<>();
        Map<String, String> routes = Map.of("session", "POST /api/login", "home", "GET /api/home", "title", "GET /api/titles/show-7c1e",
                "title-poll", "GET /api/titles/show-7c1e", "playback-start", "POST /api/playback/ep-7c1e-10?session=s-9f2");
        for (Path run : runs) {
            viewers += JSON.readTree(run.resolve("client-summary.json").toFile()).get("users").asLong();
            JSON.readTree(run.resolve("run.json").toFile()).get("requests").fields().forEachRemaining(e ->
                    harnessPerRoute.merge(routes.get(e.getKey()), e.getValue().asLong(), Long::sum));
            JsonNode accounts = JSON.readTree(run.resolve("run.json").toFile()).at("/profile/accounts");
            assertEquals(ACCOUNTS, accounts.path("rows").asInt(), accounts.toString());
            assertEquals("[\"username\",\"password\"]", accounts.path("columns").toString());
            assertTrue(!Files.readString(run.resolve("run.json")).contains("pw-1"), "no account's value is recorded");
            JsonNode info = JSON.readTree(run.resolve("run.json").toFile());
            assertTrue(!info.get("warnUnclassified").asBoolean(), "every answer understood: " + info.get("unclassified"));
            JsonNode client = JSON.readTree(run.resolve("client-summary.json").toFile());
            assertEquals(client.get("users").asLong(), client.get("playbackStarts").asLong(), "every viewer played: " + client);
            assertEquals(0, client.get("errorPagesSeen").asLong(), "a locked answer is not the error page: " + client);
            locked += IntervalLog.read(run.resolve(RunFiles.CLIENT_LOG)).mergedByTag().entrySet().stream()
                    .filter(e -> e.getKey().equals(NIGHT + "/playback-start/locked")).mapToLong(e -> e.getValue().getTotalCount()).sum();
        }
        assertEquals(620, viewers, "every planned viewer started");
        assertTrue(locked > 0, "viewers at the drop found the episode locked for 3 s");
        assertEquals(viewers, signIns.size(), "one account per viewer: " + signIns.size() + " accounts signed in");
        assertTrue(signIns.values().stream().allMatch(n -> n == 1), "an account signed in twice: " + signIns);
        assertEquals(targetPerRoute, harnessPerRoute, "requests per endpoint, harness vs WireMock's journal");
    }

    private static Map<String, Object> with(Map<String, Object> matchers, String method, String url) {
        Map<String, Object> request = new HashMap<>(matchers);
        request.put("method", method);
        request.put("url", url);
        return request;
    }

}
