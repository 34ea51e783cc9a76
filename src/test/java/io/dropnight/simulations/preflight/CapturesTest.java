package io.dropnight.simulations.preflight;

import io.dropnight.profile.Capture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The preflight reads a capture as the night's Gatling checks do. */
class CapturesTest {
    private static final HttpHeaders HEADERS = HttpHeaders.of(Map.of(
            "x-csrf-token", List.of("c-42"),
            "Set-Cookie", List.of("theme=dark; Path=/", "sid=s-9f2; Path=/; HttpOnly")), (a, b) -> true);
    private static final String BODY = "#EXTM3U\nseg-1.ts\nseg-2.ts\nmanifest=https://cdn/m.m3u8\n";

    @Test
    void aHeaderIsReadWhateverItsCaseAndACookieFromItsSetCookie() {
        assertEquals(Optional.of("c-42"), Captures.read(new Capture(Capture.Kind.HEADER, "X-CSRF-Token", false), HEADERS, BODY));
        assertEquals(Optional.of("s-9f2"), Captures.read(new Capture(Capture.Kind.COOKIE, "sid", false), HEADERS, BODY));
        assertEquals(Optional.empty(), Captures.read(new Capture(Capture.Kind.COOKIE, "id", false), HEADERS, BODY));
    }

    @Test
    void aRegexGivesItsFirstGroupOrItsMatchOrEveryOne() {
        assertEquals(Optional.of("https://cdn/m.m3u8"), Captures.read(new Capture(Capture.Kind.REGEX, "manifest=(\\S+)", false), HEADERS, BODY));
        assertEquals(Optional.of("seg-1.ts"), Captures.read(new Capture(Capture.Kind.REGEX, "(?m)^seg-\\d+\\.ts$", false), HEADERS, BODY));
        assertEquals(Optional.of(List.of("seg-1.ts", "seg-2.ts")),
                Captures.read(new Capture(Capture.Kind.REGEX, "(?m)^seg-\\d+\\.ts$", true), HEADERS, BODY));
        assertEquals(Optional.empty(), Captures.read(new Capture(Capture.Kind.REGEX, "nothing", true), HEADERS, BODY));
    }
}
