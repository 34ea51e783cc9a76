package io.dropnight.learn.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.profile.ProfileException;
import io.dropnight.profile.ProfileReader;
import io.dropnight.testing.Hars;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Any session drafts into a journey the journey reader accepts, or is refused in one line
 * (HarException): never a draft that fails validation, never another exception, and never the
 * recording's password in the draft. Sessions are drawn from a small vocabulary of hosts, paths,
 * statuses, media types and bodies, ids and tokens repeated between answers and requests.
 */
class RecordedSessionProperties {
    private static final String PASSWORD = "hunter2-Quokka";
    private static final List<String> WORDS = List.of("play", "playback", "titles", "t-1a2b", "ep-0508", "heartbeat", "img",
            "a.png", "app.js", "login", "%41b", "über", "watch", "ok", "home", "x_y", "12345", "2026-12-31T02:00:00Z", "#{x}", "${env:Y}",
            "eyJhbGciOiJIUzI1NiJ9.e30.c2ln");
    private static final List<String> HOSTS = List.of("https://api.example.test", "https://cdn.example.test", "http://127.0.0.1:8080",
            "https://user:pw@api.example.test", "http://-odd.example.test");

    @Property(tries = 300)
    void anySessionIsADraftTheReaderAcceptsOrOneLine(@ForAll("sessions") List<ObjectNode> entries) throws Exception {
        Path har = Files.createTempFile("session", ".har");
        try {
            Files.writeString(har, Hars.har(entries.toArray(ObjectNode[]::new)));
            Statistics.collect(outcome(har));
        } finally {
            Files.deleteIfExists(har);
        }
        // Not a vacuous property: a good share of the sessions make a draft.
        Statistics.coverage(c -> c.check("drafted").percentage(p -> p > 15));
    }

    private static String outcome(Path har) {
        String text;
        try {
            text = JourneyFileWriter.write(JourneyDrafter.draft(HarReader.read(har),
                    new DraftSettings("s", true, Optional.empty(), Optional.empty(), Optional.empty())));
        } catch (HarException e) {
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains(PASSWORD), e.getMessage());
            return "refused: " + e.getMessage().replaceAll("^[^:]*: ", "").replaceAll("[(\\[].*", "");
        }
        assertFalse(text.contains(PASSWORD) || text.contains("pw@"), text);
        try {
            ProfileReader.parse("s.yml", text, name -> "stand-in");
        } catch (ProfileException e) {
            fail("the draft fails validation: " + e.getMessage() + "\n" + text);
        }
        return "drafted";
    }

    @Provide
    Arbitrary<List<ObjectNode>> sessions() {
        Arbitrary<String> word = Arbitraries.of(WORDS);
        Arbitrary<String> path = word.list().ofMinSize(1).ofMaxSize(4).map(w -> "/" + String.join("/", w)
                .replace("#{x}", "%23x").replace("${env:Y}", "y").replace("ü", "%C3%BC"));
        Arbitrary<String> json = Combinators.combine(Arbitraries.of("id", "titleId", "url", "token", "releaseAt", "name", "we ird"), word)
                .as((k, v) -> "{\"" + k + "\":\"" + v + "\",\"n\":[{\"id\":\"" + v + "\"}]}");
        Arbitrary<String> body = Arbitraries.oneOf(json, word.map(w -> "<p>" + w + " Something went wrong</p>"), Arbitraries.just(""));
        Arbitrary<ObjectNode> entry = Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PROPFIND"),
                Arbitraries.of(HOSTS), path, Arbitraries.of(200, 204, 302, 404, 425, 503, 0, 700),
                Arbitraries.of("application/json", "text/html", "image/png", "text/plain", ""), body,
                Arbitraries.of("none", "form", "json", "bearer", "header")).as(RecordedSessionProperties::entry);
        // Most sessions hold a title page and a play call somewhere, as a viewer's would; some hold neither.
        Arbitrary<List<ObjectNode>> core = Combinators.combine(word, word, Arbitraries.of(HOSTS), json).as((t, p, host, answer) -> List.of(
                Hars.entry("GET", host + "/titles/" + t.replace("#{x}", "x").replace("${env:Y}", "y").replace("ü", "u"), 200,
                        "application/json", answer),
                Hars.entry("POST", host + "/playback/" + p.replace("#{x}", "x").replace("${env:Y}", "y").replace("ü", "u"), 200,
                        "application/json", answer)));
        Arbitrary<List<ObjectNode>> none = Arbitraries.just(List.of());
        return Combinators.combine(entry.list().ofMaxSize(10), Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, core), net.jqwik.api.Tuple.of(1, none)), entry.list().ofMaxSize(4)).as((a, b, c) -> {
                    List<ObjectNode> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    all.addAll(c);
                    return all;
                });
    }

    private static ObjectNode entry(String method, String host, String path, int status, String mime, String body, String sends) {
        ObjectNode e = Hars.entry(method, host + path, status, mime, body);
        String value = path.substring(path.lastIndexOf('/') + 1);
        switch (sends) {
            case "form" -> Hars.body(e, "application/x-www-form-urlencoded", "user=ana&password=" + PASSWORD + "&v=" + value);
            case "json" -> Hars.body(e, "application/json", "{\"password\":\"" + PASSWORD + "\",\"v\":\"" + value + "\"}");
            case "bearer" -> Hars.sent(e, "Authorization", "Bearer " + value);
            case "header" -> Hars.sent(e, "X-Thing", value);
            default -> {
            }
        }
        if (status == 302) {
            Hars.answered(e, "Location", "/home");
        }
        return e;
    }
}
