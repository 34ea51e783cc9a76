package io.dropnight.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journey file: any number of steps in order, read strictly; the five-step profile is the same journey. */
class JourneyReaderTest {
    /** The issue's own example, as written but for TLS trust (the injector's flags, not the file's). */
    static final String STAGING = """
            name: my-staging
            hosts:
              api: https://staging.example.internal
              cdn: https://cdn.staging.example.internal
            protocol: { http2: true }
            steps:
              - name: login
                role: session
                request: { method: POST, path: /login, form: { user: 'u#{userId}', password: '${env:PASS}' } }
                capture: { csrf: { header: X-CSRF-Token } }
              - name: home
                request: { method: POST, path: /graphql, headers: { X-CSRF-Token: '#{csrf}' },
                           json: { query: '{ home { hero { id finalEpisode { id } releaseAt } } }' } }
                capture: { titleId: { json: data.home.hero.id }, episodeId: { json: data.home.hero.finalEpisode.id },
                           dropAt: { json: data.home.hero.releaseAt } }
              - name: artwork
                parallel: [ { host: cdn, path: '/img/#{titleId}/hero.jpg' }, { host: cdn, path: '/img/#{titleId}/logo.png' } ]
                optional: true
              - name: title
                role: wait-for-drop
                every: 3-6s
                request: { method: GET, path: '/titles/#{titleId}' }
                until: { json: "episodes[?id=='#{episodeId}'].available | [0]" }
              - name: license
                pause: 1-2s
                request: { method: POST, host: api, path: '/drm/license/#{episodeId}', body: 'challenge-#{userId}' }
              - name: play
                role: play
                request: { method: POST, path: '/playback/#{episodeId}' }
                capture: { manifestUrl: { json: manifest.url }, playbackId: { json: id } }
                locked: { status: 425 }
              - name: manifest
                request: { method: GET, url: '#{manifestUrl}' }
                capture: { segments: { regex: '(?m)^seg-\\d+\\.ts$', all: true } }
              - name: heartbeat
                role: heartbeat
                every: 30s
                request: { method: POST, path: '/playback/#{playbackId}/heartbeat' }
            errorPage:
              any:
                - { status: [502, 503, 504] }
                - { json: "errors[?extensions.code=='RATE_LIMITED'] | [0]" }
                - { bodyContains: something-went-wrong }
            """;

    private static TargetProfile staging() {
        return ProfileReader.parse("staging.yml", STAGING, Map.of("PASS", "pw-Zebra-42")::get);
    }

    @Test
    void theIssuesExampleReadsAsAJourneyOfEightSteps() {
        TargetProfile p = staging();
        assertEquals(List.of("login", "home", "artwork", "title", "license", "play", "manifest", "heartbeat"),
                p.journey().stream().map(JourneyStep::name).toList());
        assertTrue(p.http2());
        assertFalse(p.legacy());
        JourneyStep artwork = p.step("artwork").orElseThrow();
        assertTrue(artwork.optional());
        assertEquals(2, artwork.calls().size());
        assertEquals("https://cdn.staging.example.internal/img/#{titleId}/logo.png", p.address(artwork.parallel().get(0)));
        assertEquals(new Interval(Duration.ofSeconds(3), Duration.ofSeconds(6)), p.step("title").orElseThrow().every().orElseThrow());
        assertEquals(Optional.of("episodes[?id=='#{episodeId}'].available | [0]"), p.finalAvailable());
        CallSpec license = p.step("license").orElseThrow().call();
        assertEquals(Optional.of("challenge-#{userId}"), license.body());
        assertTrue(license.rawBody());
        assertEquals(new Interval(Duration.ofSeconds(1), Duration.ofSeconds(2)), p.step("license").orElseThrow().pause().orElseThrow());
        CallSpec home = p.step("home").orElseThrow().call();
        assertEquals(Optional.of("{\"query\":\"{ home { hero { id finalEpisode { id } releaseAt } } }\"}"), home.body());
        assertFalse(home.rawBody());
        assertEquals(Map.of("X-CSRF-Token", "#{csrf}"), home.headers());
        CallSpec manifest = p.step("manifest").orElseThrow().call();
        assertTrue(manifest.absolute());
        assertEquals("#{manifestUrl}", p.address(manifest));
        assertEquals(425, p.locked().orElseThrow().status());
        assertEquals(Duration.ofSeconds(30), p.heartbeatEvery());
        assertEquals(Role.PLAY, p.play().role());
        // Segments: before the wait for the drop, between it and play, after play (no heartbeat).
        assertEquals(List.of("login", "home", "artwork"), p.between(null, Role.WAIT_FOR_DROP).stream().map(JourneyStep::name).toList());
        assertEquals(List.of("license"), p.between(Role.WAIT_FOR_DROP, Role.PLAY).stream().map(JourneyStep::name).toList());
        assertEquals(List.of("manifest"), p.between(Role.PLAY, null).stream().map(JourneyStep::name).toList());
        assertTrue(p.announcesDrop());
    }

    @Test
    void theBuiltInJourneyIsTheFiveStepProfileItReplaces() throws Exception {
        String fiveStep;
        try (InputStream in = getClass().getResourceAsStream("/profiles/dropnight-five-step.yml")) {
            fiveStep = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TargetProfile old = ProfileReader.parse("five-step", fiveStep);
        TargetProfile now = TargetProfile.builtIn();
        assertTrue(old.legacy());
        assertFalse(now.legacy());
        assertEquals(old.journey(), now.journey());
        assertEquals(old.headers(), now.headers());
        assertEquals(old.errorPage(), now.errorPage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a second wait          | 'role: play\\n'                                 | 'role: wait-for-drop\\n'                | '(play).role: a journey has one wait-for-drop step'
            unknown role           | 'role: heartbeat'                               | 'role: heartbeet'                       | '(heartbeat).role: ''heartbeet'' is not one of [session, wait-for-drop, play, heartbeat]'
            a name used twice      | 'name: license'                                 | 'name: home'                            | 'steps[4].name: ''home'' is used twice'
            a name not an endpoint | 'name: license'                                 | 'name: lic/ense'                        | 'steps[4].name: ''lic/ense'' must be 1 to 40 letters'
            an optional play       | 'role: play\\n'                                 | 'role: play\\n    optional: true\\n'    | '(play).optional: only a plain step may be optional'
            until off the wait     | 'role: heartbeat\\n'                            | 'role: heartbeat\\n    until: x\\n'     | '(heartbeat).until: belongs only to the wait-for-drop step'
            locked off play        | '- name: manifest\\n'                           | '- name: manifest\\n    locked: { status: 403 }\\n' | '(manifest).locked: belongs only to the play step'
            a group capturing      | '    optional: true\\n'                          | '    optional: true\\n    capture: { x: { json: a } }\\n' | '(artwork).capture: a parallel group captures nothing'
            request and group      | '    optional: true\\n'                          | '    optional: true\\n    request: { path: /x }\\n' | '(artwork): needs exactly one of request (one call) or parallel'
            a bad interval         | 'every: 3-6s'                                   | 'every: 6-3s'                           | '(title).every: ''6-3s'': the range''s end is before its start'
            a bad heartbeat        | 'every: 30s'                                    | 'every: 10-30s'                         | '(heartbeat).every: ''10s-30s'' must be one duration'
            a relative url         | 'url: ''#{manifestUrl}'''                       | 'url: /manifest'                        | '(manifest).request.url: ''/manifest'' must be an http(s) URL'
            a url and a path       | 'url: ''#{manifestUrl}'''                       | 'url: ''#{manifestUrl}'', path: /m'     | '(manifest).request.url: a request has a path (on a host) or a whole url, not both'
            a name saved later     | 'challenge-#{userId}'                           | 'challenge-#{segments}'                 | '(license).request.body: #{segments} is not saved by an earlier step'
            play before the wait   | '- name: title\\n    role: wait-for-drop'       | '- name: title\\n    role: play'        | '(title).role: play comes after the wait-for-drop step'
            trust any in the file  | 'protocol: { http2: true }'                     | 'protocol: { http2: true, insecure: true }' | 'protocol.insecure: trusting any certificate is the injector''s choice'
            an empty capture       | 'capture: { csrf: { header: X-CSRF-Token } }'  | 'capture: {}'                           | '(login).capture: captures nothing'
            a bad regex            | '(?m)^seg-\\\\d+\\\\.ts$'                        | '(?m)^seg-(\\\\d+\\\\.ts$'               | '(manifest).capture.segments.regex: ''(?m)^seg-(\\d+\\.ts$'' does not compile'
            """)
    void aBadJourneyIsOneLineNamingTheFileTheStepAndTheRule(String what, String from, String to, String expected) {
        String text = STAGING.replace(from.translateEscapes(), to.translateEscapes());
        assertFalse(text.equals(STAGING), what + ": the test's replacement did not apply");
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileReader.parse("staging.yml", text, Map.of("PASS", "pw-Zebra-42")::get), what);
        assertTrue(e.getMessage().startsWith("profile staging.yml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aJourneyWithoutPlayIsRefused() {
        String noPlay = STAGING.replace("    role: play\n", "").replace("    locked: { status: 425 }\n", "");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("s.yml", noPlay, Map.of("PASS", "pw-Zebra-42")::get));
        assertTrue(e.getMessage().contains("(heartbeat).role: heartbeat comes after the play step"), e.getMessage());
        String neither = noPlay.substring(0, noPlay.indexOf("  - name: heartbeat")) + noPlay.substring(noPlay.indexOf("errorPage:"));
        e = assertThrows(ProfileException.class, () -> ProfileReader.parse("s.yml", neither, Map.of("PASS", "pw-Zebra-42")::get));
        assertTrue(e.getMessage().contains("steps: needs one step with role: play"), e.getMessage());
    }

    @Test
    void aJourneyNamesAtMostSixteenEndpoints() {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            extra.append("  - name: row").append(i).append("\n    request: { path: /rows/").append(i).append(" }\n");
        }
        String text = STAGING.replace("  - name: heartbeat\n", extra + "  - name: heartbeat\n");
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileReader.parse("staging.yml", text, Map.of("PASS", "pw-Zebra-42")::get));
        assertTrue(e.getMessage().contains("a journey has at most 16 endpoints"), e.getMessage());
    }

    @Test
    void intervalsAreRangesOrOneDuration() {
        assertEquals(new Interval(Duration.ofMillis(500), Duration.ofSeconds(2)), Interval.parse("500ms-2s"));
        assertEquals(new Interval(Duration.ofMillis(1500), Duration.ofSeconds(3)), Interval.parse("1.5-3s"));
        assertEquals(Interval.fixed(Duration.ofMinutes(1)), Interval.parse("1m"));
        assertEquals("3s-6s", Interval.parse("3-6s").toString());
        assertThrows(IllegalArgumentException.class, () -> Interval.parse("soon"));
        assertEquals(Set.of(Role.SESSION, Role.PLAY), Set.of(Role.of("session").orElseThrow(), Role.of("play").orElseThrow()));
        assertTrue(Role.of("step").isEmpty(), "a plain step names no role");
    }
}
