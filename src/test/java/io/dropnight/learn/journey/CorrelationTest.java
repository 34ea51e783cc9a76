package io.dropnight.learn.journey;

import io.dropnight.profile.Capture;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import io.dropnight.testing.Hars;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sources other than JSON (a header, a Set-Cookie), the client's own values, redirects, and the endpoint bound. */
class CorrelationTest {
    private static final String API = "https://api.example.test";
    @TempDir
    Path dir;

    private String draft(ObjectNode... entries) throws Exception {
        Path har = Files.writeString(dir.resolve("s.har"), Hars.har(entries));
        return JourneyFileWriter.write(JourneyDrafter.draft(HarReader.read(har),
                new DraftSettings("s", true, Optional.empty(), Optional.empty(), Optional.empty())));
    }

    private static TargetProfile read(String text) {
        return ProfileReader.parse("s.yml", text, name -> "stand-in");
    }

    @Test
    void aHeaderAndACookieAreSourcesWhenNoJsonFieldHoldsTheValue() throws Exception {
        String text = draft(
                Hars.answered(Hars.answered(Hars.entry("GET", API + "/session", 200, "text/plain", "ok"),
                        "X-Request-Nonce", "n-58cd21"), "Set-Cookie", "XSRF-TOKEN=x7Gq81Lp; Path=/"),
                Hars.sent(Hars.sent(Hars.entry("GET", API + "/titles/t-9", 200, "application/json", "{}"),
                        "X-XSRF-TOKEN", "x7Gq81Lp"), "X-Nonce", "n-58cd21"),
                Hars.entry("POST", API + "/play/t-9", 200, "application/json", "{}"));
        TargetProfile p = read(text);
        Map<String, Capture> captures = p.journey().get(0).call().captures();
        assertEquals(new Capture(Capture.Kind.COOKIE, "XSRF-TOKEN", false), captures.get("xsrfToken"), text);
        assertEquals(new Capture(Capture.Kind.HEADER, "X-Request-Nonce", false), captures.get("requestNonce"), text);
        assertEquals(Map.of("X-XSRF-TOKEN", "#{xsrfToken}", "X-Nonce", "#{requestNonce}"), p.title().headers());
    }

    @Test
    void aValueTheClientSentFirstIsItsOwnEvenWhenAnAnswerEchoesIt() throws Exception {
        String text = draft(
                Hars.body(Hars.entry("POST", API + "/devices", 200, "application/json", "{\"deviceId\":\"dev-4411aa\"}"),
                        "application/json", "{\"deviceId\":\"dev-4411aa\"}"),
                Hars.entry("GET", API + "/titles/dev-4411aa", 200, "application/json", "{}"),
                Hars.entry("POST", API + "/playback/x", 200, "application/json", "{}"));
        TargetProfile p = read(text);
        assertTrue(p.journey().get(0).call().save().isEmpty(), "an echo is not a source: " + text);
        assertEquals("/titles/dev-4411aa", p.title().path());
        assertTrue(text.contains("#   devices, json deviceId: \"dev-4411aa\"\n"), text);
    }

    @Test
    void aRedirectsFollowUpIsTheHarnesssToMakeAndAnUnsetAuthorizationIsAPlaceholder() throws Exception {
        String text = draft(
                Hars.answered(Hars.entry("GET", API + "/home", 302, "text/html", ""), "Location", "/home/"),
                Hars.entry("GET", API + "/home/", 200, "application/json", "{\"hero\":{\"id\":\"t-77ab\"}}"),
                Hars.sent(Hars.entry("GET", API + "/titles/t-77ab", 200, "application/json", "{}"), "Authorization", "Basic c2VjcmV0OnB3"),
                Hars.entry("POST", API + "/play/t-77ab", 200, "application/json", "{}"));
        TargetProfile p = read(text);
        assertEquals(List.of("home", "titles", "play"), p.journey().stream().map(s -> s.name()).toList(), text);
        assertEquals(Map.of("heroId", "hero.id"), p.journey().get(0).call().save(), "captured from the followed answer");
        assertEquals(Map.of("Authorization", "stand-in"), p.title().headers(), "a secret, resolved from the environment");
        assertTrue(text.contains("headers: {\"Authorization\": \"${env:DROPNIGHT_AUTHORIZATION}\"}"), text);
        assertFalse(text.contains("c2VjcmV0OnB3"), text);
        assertTrue(text.contains("1 redirects' follow-ups (the harness follows redirects)"), text);
    }

    @Test
    void aSessionOverSixteenEndpointsIsOneLine() throws Exception {
        List<ObjectNode> entries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            entries.add(Hars.entry("GET", API + "/rows/r" + (char) ('a' + i), 200, "application/json", "{}"));
        }
        entries.add(Hars.entry("POST", API + "/play/x", 200, "application/json", "{}"));
        HarException e = assertThrows(HarException.class, () -> draft(entries.toArray(ObjectNode[]::new)));
        assertEquals(dir.resolve("s.har") + ": the session makes 18 endpoints (17 steps and the wait-for-drop step's reloads):"
                + " a journey has at most 16; leave requests out with --exclude REGEX or static assets with --assets omit", e.getMessage());
    }
}
