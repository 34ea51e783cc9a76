package io.dropnight.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A target profile is read strictly: every breach is one line naming the file, the key and the rule. */
class ProfileReaderTest {
    private static final String MINIMAL = """
            name: tiny
            home:  { path: /home, save: { finalEpisodeId: 'show.last' } }
            title: { path: /show }
            play:  { method: POST, path: '/watch/#{episodeId}' }
            """;

    @Test
    void theBuiltInProfileIsTheDocumentedOneByteForByte() throws Exception {
        byte[] docs = Files.readAllBytes(Path.of("docs/profiles/dropnight.yml"));
        try (InputStream in = TargetProfile.class.getResourceAsStream(TargetProfile.BUILT_IN_RESOURCE)) {
            assertArrayEquals(docs, in.readAllBytes());
        }
    }

    @Test
    void theBuiltInProfileDescribesTheEmbeddedService() {
        TargetProfile p = TargetProfile.builtIn();
        assertEquals("dropnight", p.name());
        assertEquals("/api/titles/#{titleId}", p.title().path());
        assertEquals(List.of("titleId", "finalEpisodeId", "dropAt"), List.copyOf(p.step("home").orElseThrow().call().save().keySet()));
        assertEquals(403, p.locked().orElseThrow().status());
        assertEquals(Set.of(200, 204), p.heartbeat().orElseThrow().okStatuses());
        assertEquals(Duration.ofSeconds(60), p.heartbeatEvery());
        assertEquals(Optional.of("something-went-wrong"), p.errorPage().bodyContains());
        assertTrue(p.skippedSteps().isEmpty());
        assertTrue(p.announcesDrop());
    }

    @Test
    void stepsTheServiceDoesNotHaveAreLeftOutAndSaidSo() {
        TargetProfile p = ProfileReader.parse("tiny.yml", MINIMAL);
        assertEquals(List.of("session", "heartbeat"), p.skippedSteps());
        assertEquals(List.of("home", "title", "play"), p.steps().stream().map(CallSpec::step).toList());
        assertEquals("GET", p.step("home").orElseThrow().call().method());
        assertEquals(ErrorPageSpec.NONE, p.errorPage());
        assertFalse(p.announcesDrop());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top key | nmae: x | (file) | nmae: unknown key",
        "unknown step key | title: { path: /show, sav: {} } | | title.sav: unknown key",
        "missing path | title: { method: GET } | | title.path: is required",
        "JMESPath that does not compile | title: { path: /show, save: { episodeIds: 'seasons[-1' } } | | title.save.episodeIds: JMESPath 'seasons[-1' does not compile",
        "#{name} no earlier step saves | title: { path: '/show/#{titleId}' } | | title.path: #{titleId} is not saved by an earlier step",
        "header using a later save | headers: { Authorization: 'Bearer #{token}' } | | headers.Authorization: #{token} is not saved by an earlier step",
        "unknown errorPage key | errorPage: { marker: oops } | | errorPage.marker: unknown key",
        "bad status | errorPage: { statuses: [999] } | | errorPage.statuses: 999 is not an HTTP status",
        "bad heartbeat interval | heartbeat: { path: /beat, every: often } | | heartbeat.every: 'often' must be a duration"})
    void aBadProfileIsOneLineNamingTheFileTheKeyAndTheRule(String what, String line, String unused, String expected) {
        String text = MINIMAL.lines().filter(l -> !l.startsWith(line.substring(0, line.indexOf(':')) + ":"))
                .reduce("", (a, b) -> a + b + "\n") + line + "\n";
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("staging.yml", text));
        assertTrue(e.getMessage().startsWith("profile staging.yml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.read(dir.resolve("nope.yml")));
        assertTrue(e.getMessage().contains("nope.yml: (file): does not exist"), e.getMessage());
    }

    @Test
    void playingAnEpisodeNeedsASavedFinalEpisode() {
        String text = MINIMAL.replace("save: { finalEpisodeId: 'show.last' }", "save: { x: 'show.last' }");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("p.yml", text));
        assertTrue(e.getMessage().contains("play.path: #{episodeId} is not saved by an earlier step") && e.getMessage().contains("save finalEpisodeId before the wait-for-drop step"), e.getMessage());
    }

    @Test
    void gatlingFunctionsAreNotSessionNames() {
        assertEquals(Set.of("token"), Expressions.referencedNames("#{randomUuid()} Bearer #{token}"));
        assertEquals(Optional.of("/t/7?u=0"), Expressions.substitute("/t/#{id}?u=#{userId}", java.util.Map.of("id", "7", "userId", "0")));
        assertTrue(Expressions.substitute("/t/#{id}", java.util.Map.of()).isEmpty());
    }
}
