package io.dropnight.learn.journey;

import io.dropnight.profile.CallSpec;
import io.dropnight.profile.Capture;
import io.dropnight.profile.JourneyStep;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.Role;
import io.dropnight.profile.TargetProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved recording of a service unlike ours (string ids, five hosts, a bearer token from a login
 * answer, a 200 error page, a signed manifest URL, a client-generated device id, static assets)
 * drafted into a journey that the journey reader accepts, with the captures and references a
 * person would have written.
 */
class JourneyDrafterTest {
    static final Path STREAMCO = Path.of("src/test/resources/fixtures/learn/journey/streamco.har");
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3ItN0hxMiJ9.c2lnbmF0dXJlLXNlY3JldA";

    static String draft(Path har, boolean fold) {
        return JourneyFileWriter.write(JourneyDrafter.draft(HarReader.read(har),
                new DraftSettings("streamco", fold, Optional.empty(), Optional.empty(), Optional.empty())));
    }

    static TargetProfile read(String text) {
        return ProfileReader.parse("streamco.yml", text, name -> "stand-in");
    }

    @Test
    void draftsTheStepsInOrderWithTheirRolesAndHosts() {
        TargetProfile p = read(draft(STREAMCO, true));
        assertEquals(List.of("home", "assets", "login", "home-2", "continue", "images", "titles", "playback", "master", "heartbeat"),
                p.journey().stream().map(JourneyStep::name).toList());
        assertEquals(List.of(Role.STEP, Role.STEP, Role.SESSION, Role.STEP, Role.STEP, Role.STEP, Role.WAIT_FOR_DROP, Role.PLAY,
                Role.STEP, Role.HEARTBEAT), p.journey().stream().map(JourneyStep::role).toList());
        assertEquals(List.of("www", "static", "img", "media"), List.copyOf(p.hosts().keySet()), "api is -Dtarget's, the others named");
        assertEquals(Optional.of("www"), step(p, "home").host());
        assertEquals(4, p.step("assets").orElseThrow().calls().size(), "script, style, image and font fetched at once");
        assertEquals(List.of("/art/#{titleId}/hero.webp", "/art/#{titleId}/logo.webp"),
                p.step("images").orElseThrow().calls().stream().map(CallSpec::path).toList());
        assertEquals(java.util.Set.of(204), step(p, "heartbeat").okStatuses());
    }

    @Test
    void capturesWhatLaterRequestsSendFromTheAnswersThatReturnedIt() {
        TargetProfile p = read(draft(STREAMCO, true));
        // The CSRF token from the HTML page (a regex: it is not JSON), sent as a header at login.
        assertEquals(new Capture(Capture.Kind.REGEX, "ontent=\"([A-Za-z0-9._~-]+?)\"", false), step(p, "home").captures().get("csrf"));
        assertEquals(Map.of("X-CSRF", "#{csrf}"), step(p, "login").headers());
        // The bearer token from the login answer's JSON.
        assertEquals(Map.of("accessToken", "access_token", "recordedUserId", "user.id"), step(p, "login").save());
        assertEquals("Bearer #{accessToken}", step(p, "titles").headers().get("Authorization"));
        // String ids, the shallowest field first; a name the harness reserves (finalEpisodeId) is not taken.
        assertEquals(Map.of("titleId", "hero.titleId", "recordedFinalEpisodeId", "hero.finalEpisode.id", "dropAt", "hero.releaseAt"),
                step(p, "home-2").save());
        assertEquals("/v2/titles/#{titleId}", step(p, "titles").path());
        assertEquals("/v2/rows/continue?profile=#{recordedUserId}", step(p, "continue").path());
        assertEquals("/v2/playback/#{recordedFinalEpisodeId}", step(p, "playback").path());
        assertEquals(Optional.of("{\"deviceId\":\"d3b07384-d9a0-4c9b-8f1e-1234567890ab\",\"episodeId\":\"#{recordedFinalEpisodeId}\"}"),
                step(p, "playback").body());
        // The signed manifest URL, whole, from the play answer.
        assertEquals(Map.of("manifestUrl", "manifest.url", "session", "session"), step(p, "playback").save());
        CallSpec manifest = step(p, "master");
        assertTrue(manifest.absolute());
        assertEquals("#{manifestUrl}", manifest.path());
        assertEquals("/v2/playback/#{session}/heartbeat", step(p, "heartbeat").path());
    }

    @Test
    void aTwoHundredErrorPageMakesItsStepOptionalAndTheFilesErrorPage() {
        String text = draft(STREAMCO, true);
        TargetProfile p = read(text);
        assertTrue(p.step("continue").orElseThrow().optional());
        assertTrue(step(p, "continue").save().isEmpty() && step(p, "continue").captures().isEmpty(), "no capture from an error page");
        assertEquals(Optional.of("Something went wrong"), p.errorPage().bodyContains());
        assertTrue(text.contains("  # answered with the error page in the recording (status 200): optional"), text);
    }

    @Test
    void neverWritesTheRecordingsSecretsAndSaysWhatItCouldNotCorrelate() {
        String text = draft(STREAMCO, true);
        for (String secret : List.of("hunter2-Quokka", "ana@example.org", TOKEN, "s-9f8e7d6c5b4a", "yes-all", "k9XqT2vLm8PzR4wY")) {
            assertFalse(text.contains(secret), secret + " is in the draft:\n" + text);
        }
        assertEquals(Map.of(), step(read(text), "home-2").headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Cookie")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertTrue(text.contains("json: {\"email\":\"${env:DROPNIGHT_EMAIL}\",\"password\":\"${env:DROPNIGHT_PASSWORD}\",\"remember\":true}"), text);
        assertTrue(text.contains("# Secrets and identities the recording held, written as placeholders (set them in the environment):"
                + " ${env:DROPNIGHT_EMAIL} (login), ${env:DROPNIGHT_PASSWORD} (login)\n"), text);
        assertTrue(text.contains("# Not correlated (sent, but no earlier answer returned it; kept as recorded: generated by the client?):\n"
                + "#   playback, json deviceId: \"d3b07384-d9a0-4c9b-8f1e-1234567890ab\"\n"), text);
        assertTrue(text.contains("# Cookies sent that no answer in the recording set (set before it began; the draft does not send them): consent\n"), text);
        assertTrue(text.contains("# Left out: 1 entries not http(s), 1 CORS preflights (OPTIONS, the browser's own)\n"), text);
        assertTrue(text.contains("  # made 2 times in the recording (statuses [200]): one step\n  - name: \"titles\"\n"), text);
        assertTrue(text.contains("# Static assets: " + AssetRule.RULE), text);
        assertTrue(text.contains("# Roles: " + Roles.RULE), text);
    }

    @Test
    void assetsLeftOutOnRequest() {
        String text = draft(STREAMCO, false);
        TargetProfile p = read(text);
        assertEquals(List.of("home", "login", "home-2", "continue", "titles", "playback", "master", "heartbeat"),
                p.journey().stream().map(JourneyStep::name).toList());
        assertTrue(p.journey().stream().allMatch(s -> s.parallel().isEmpty()));
        assertTrue(text.contains("6 static assets (--assets omit)"), text);
    }

    private static CallSpec step(TargetProfile p, String name) {
        return p.step(name).orElseThrow(() -> new AssertionError("no step " + name)).call();
    }
}
