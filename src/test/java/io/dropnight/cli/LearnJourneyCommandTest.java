package io.dropnight.cli;

import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import io.dropnight.testing.Hars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dropnight learn journey}: a validated draft from a HAR; a recording or flag that makes none is one line and exit 2. */
class LearnJourneyCommandTest {
    private static final Path STREAMCO = Path.of("src/test/resources/fixtures/learn/journey/streamco.har");
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesADraftTheJourneyReaderAccepts() throws Exception {
        Path out = dir.resolve("my-journey.yml");
        Run r = run("learn", "journey", "--har", STREAMCO.toString(), "--out", out.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals("", r.err);
        assertEquals("learn journey: 15 requests read from " + STREAMCO + "; 14 drafted as 10 steps [home, assets, login, home-2, continue,"
                + " images, titles, playback, master, heartbeat] on 5 host(s); 8 captures; 1 values not correlated (listed in the file)",
                r.out.lines().findFirst().orElseThrow());
        TargetProfile p = ProfileReader.read(out, name -> "from-the-environment");
        assertEquals("my-journey", p.name());
        assertEquals(java.util.List.of("DROPNIGHT_EMAIL", "DROPNIGHT_PASSWORD"), p.secrets().names());
        assertFalse(r.out.contains("hunter2") || r.out.contains("eyJ"), "no recorded secret on the console: " + r.out);
    }

    @Test
    void aSessionWithoutARecognisablePlayStepAsksForOneAndTakesIt() throws Exception {
        Path har = Files.writeString(dir.resolve("s.har"), Hars.har(
                Hars.entry("GET", "http://127.0.0.1:9/api/titles/t-ab12", 200, "application/json", "{\"episode\":\"e-9a\"}"),
                Hars.entry("POST", "http://127.0.0.1:9/api/start/e-9a", 200, "application/json", "{}")));
        Path out = dir.resolve("j.yml");
        Run refused = run("learn", "journey", "--har", har.toString(), "--out", out.toString());
        assertEquals(2, refused.exit);
        assertEquals("learn journey: " + har + ": no play step recognised (rule: a path segment [play, playback, playbacks, stream,"
                + " streams, watch]): name it with --play REGEX, matched on 'METHOD path' of a step: [GET /api/titles/t-ab12,"
                + " POST /api/start/#{episode}]\n", refused.err);
        assertFalse(Files.exists(out));
        Run named = run("learn", "journey", "--har", har.toString(), "--out", out.toString(), "--play", "^POST /api/start/");
        assertEquals(0, named.exit, named.err);
        TargetProfile p = ProfileReader.read(out, name -> null);
        assertEquals("/api/start/#{episode}", p.play().path());
        assertEquals(java.util.Map.of("episode", "episode"), p.title().save());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON|<html>no</html>|: is not JSON (line 1, column 1): a HAR file is JSON, saved by the browser's developer tools",
        "no log|{\"entries\": []}|: has no log object: a HAR 1.2 file is {\"log\": {\"version\": \"1.2\", \"entries\": [...]}}",
        "no entries|{\"log\": {\"version\": \"1.2\"}}|: log.entries is missing: a HAR 1.2 file is {\"log\": {\"version\": \"1.2\", \"entries\": [...]}}",
        "another version|{\"log\": {\"version\": \"2.0\", \"entries\": []}}|: log.version = 2.0: must be 1.2 (HAR 1.2, as browsers save it; 1.1 is read too)",
        "an empty session|{\"log\": {\"version\": \"1.2\", \"entries\": []}}|: log.entries holds no request to draft from (0 entries;"
            + " a step needs a completed http or https request other than OPTIONS)",
    })
    void aRecordingThatIsNotASessionIsOneLine(String what, String text, String rule) throws Exception {
        Path har = Files.writeString(dir.resolve("session.har"), text);
        Run r = run("learn", "journey", "--har", har.toString(), "--out", dir.resolve("j.yml").toString());
        assertEquals(2, r.exit, what);
        assertEquals("learn journey: " + har + rule + "\n", r.err, what);
        assertEquals("", r.out);
        assertFalse(Files.exists(dir.resolve("j.yml")));
    }

    @Test
    void anUnwritableOutputOrABadFlagIsOneLine() throws Exception {
        Path missing = dir.resolve("no-such-folder").resolve("j.yml");
        Run r = run("learn", "journey", "--har", STREAMCO.toString(), "--out", missing.toString());
        assertEquals(2, r.exit);
        assertEquals("learn journey: --out " + missing + ": cannot be written (its folder must exist and be writable, and it must not"
                + " be a folder)\n", r.err);
        Run folder = run("learn", "journey", "--har", STREAMCO.toString(), "--out", dir.toString());
        assertEquals(2, folder.exit);
        assertTrue(folder.err.startsWith("learn journey: --out " + dir + ": cannot be written"), folder.err);
        Run assets = run("learn", "journey", "--har", STREAMCO.toString(), "--out", dir.resolve("j.yml").toString(), "--assets", "keep");
        assertEquals(2, assets.exit);
        assertEquals("learn journey: --assets keep: must be fold or omit\n", assets.err);
        Run regex = run("learn", "journey", "--har", STREAMCO.toString(), "--out", dir.resolve("j.yml").toString(), "--exclude", "(");
        assertEquals(2, regex.exit);
        assertTrue(regex.err.startsWith("learn journey: --exclude (: is not a regular expression ("), regex.err);
        Run absent = run("learn", "journey", "--har", dir.resolve("none.har").toString(), "--out", dir.resolve("j.yml").toString());
        assertEquals(2, absent.exit);
        assertEquals("learn journey: " + dir.resolve("none.har") + ": does not exist\n", absent.err);
    }
}
