package io.dropnight.cli;

import io.dropnight.learn.night.NightLearnerTest;
import io.dropnight.learn.night.SyntheticLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dropnight learn night}: three files from a log; a bad flag or a log that makes no night is one line and exit 2. */
class LearnNightCommandTest {
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

    private Path log() throws Exception {
        return new SyntheticLog().arrivals(-20, NightLearnerTest.premiere(), 10).write(dir.resolve("access.log"));
    }

    @Test
    void writesTheFittedNightTheMeasuredNightAndThePage() throws Exception {
        Path log = log();
        Run r = run("learn", "night", "--log", log.toString(), "--drop", "2026-11-27T01:00:00Z", "--viewer", "extra:1",
                "--out", dir.resolve("my-premiere.yml").toString());
        assertEquals(0, r.exit, r.err);
        assertEquals("", r.err);
        List<String> lines = r.out.lines().toList();
        assertTrue(lines.get(0).matches("learn night: [0-9,]+ lines read in .* 0 skipped, 0 without a viewer key; [0-9,]+ viewers arrived"
                + " from -20 s to \\+102 s of the drop"), lines.get(0));
        assertTrue(lines.get(1).startsWith("learn night: fit error "), lines.get(1));
        String fitted = Files.readString(dir.resolve("my-premiere.yml"));
        assertTrue(fitted.startsWith("# Learned by dropnight learn night from " + log + " (combined)\n"), fitted);
        assertTrue(fitted.contains("\nname: my-premiere\ndrop: 20s\n"), fitted);
        assertTrue(fitted.contains("# lines: "), fitted);
        assertTrue(fitted.contains("# the log runs from 2026-11-27T00:59:40Z to 2026-11-27T01:01:41Z; the drop: 2026-11-27T01:00:00Z"), fitted);
        assertTrue(fitted.contains("error statuses (429,500-599) seen: 503 x "), fitted);
        assertTrue(Files.readString(dir.resolve("my-premiere-measured.yml")).contains("perSecond: [2, 2, 2"));
        assertTrue(Files.readString(dir.resolve("my-premiere.html")).contains("id=\"fit-error\""));
    }

    @Test
    void aGzipLogIsReadAsIsAndATruncatedOneIsNamed() throws Exception {
        byte[] plain = Files.readAllBytes(log());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        Path whole = Files.write(dir.resolve("access.log.gz"), gz.toByteArray());
        Run ok = run("learn", "night", "--log", whole.toString(), "--drop", "2026-11-27T01:00:00Z", "--viewer", "extra:1",
                "--out", dir.resolve("n.yml").toString());
        assertEquals(0, ok.exit, ok.err);
        assertTrue(Files.readString(dir.resolve("n.yml")).contains("(combined, gzip)"));
        Path cut = Files.write(dir.resolve("cut.log.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() - 200));
        Run bad = run("learn", "night", "--log", cut.toString(), "--drop", "2026-11-27T01:00:00Z", "--out", dir.resolve("c.yml").toString());
        assertEquals(2, bad.exit);
        assertTrue(bad.err.matches("learn night: .*cut\\.log\\.gz: the gzip stream is truncated after line \\d+ .*\n"), bad.err);
        assertFalse(Files.exists(dir.resolve("c.yml")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--format=xml|learn night: --format xml: must be combined or jsonl",
        "--drop=tomorrow|learn night: --drop tomorrow: must be an ISO-8601 instant in UTC, such as 2026-11-27T01:00:00Z",
        "--viewer=field:sid|learn night: --viewer field:sid: is for the jsonl format, and the log is read as combined",
        "--before=25h|learn night: --before 90000s: must be from 0s to 24h (a night file's measured curve holds a day)",
        "--after=soon|learn night: --after = soon: must be a duration such as 250us, 20ms, 1.5s, 10m or PT10M",
        "--audience=0|learn night: --audience 0: must be a whole number of viewers from 1 to 100000000000",
        "--error-status=5xx|learn night: --error-status 5xx: must list codes and ranges from 100 to 599, such as 429,500-599",
        "--name=My Night|learn night: --name My Night: must be 1 to 31 lower-case letters, digits or - (the measured night adds -measured)",
        "--drop=2026-12-01T00:00:00Z|learn night: --drop 2026-12-01T00:00:00Z is outside the log, which runs from 2026-11-27T00:59:40Z to 2026-11-27T01:01:41Z",
        "--field=when=ts|learn night: --field when=ts: must be NAME=KEY with NAME one of [time, method, path, status, duration, address, agent], such as time=time_iso8601"})
    void aBadFlagIsOneLineAndExitTwo(String flag, String message) throws Exception {
        List<String> args = new ArrayList<>(List.of("learn", "night", "--log", log().toString(), "--drop", "2026-11-27T01:00:00Z",
                "--viewer", "extra:1", "--out", dir.resolve("n.yml").toString()));
        String name = flag.substring(0, flag.indexOf('='));
        int at = args.indexOf(name);
        if (at >= 0) {
            args.remove(at + 1);
            args.remove(at);
        }
        args.add(flag);
        Run r = run(args.toArray(String[]::new));
        assertEquals(2, r.exit, r.out + r.err);
        assertEquals(message + "\n", r.err);
        assertFalse(Files.exists(dir.resolve("n.yml")));
    }

    /** More viewers than the heap holds: one line naming -Xmx, exit 2, in a JVM of its own with a 32 MB heap. */
    @Test
    void aHeapTooSmallForTheViewersIsOneLine() throws Exception {
        Path log = dir.resolve("distinct.log");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(log)) {
            for (int i = 0; i < 1_600_000; i++) {
                w.write(String.format(java.util.Locale.ROOT, "10.0.0.1 - - [27/Nov/2026:01:00:%02d +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" \"v%d\"%n",
                        i * 60 / 1_600_000, i));
            }
        }
        List<String> command = io.dropnight.testing.ChildJvm.command("-Xmx32m", "-XX:+UseSerialGC").main(System.getProperty("java.class.path"),
                Main.class.getName(), List.of("learn", "night", "--log", log.toString(), "--drop", "2026-11-27T01:00:30Z", "--viewer",
                        "extra:1", "--out", dir.resolve("n.yml").toString()));
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the child JVM ended");
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.matches("learn night: [0-9,]+ viewers seen so far fill the heap \\(at most \\d+ MiB\\): doubling the table of viewers"
                + " needs \\d+ MiB more; give java a larger -Xmx .*\n"), err);
    }

    @Test
    void aMissingLogOrSubjectIsOneLine() {
        Run missing = run("learn", "night", "--log", dir.resolve("nope.log").toString(), "--drop", "2026-11-27T01:00:00Z",
                "--out", dir.resolve("n.yml").toString());
        assertEquals(2, missing.exit);
        assertEquals("learn night: --log " + dir.resolve("nope.log") + ": no such file\n", missing.err);
        Run noSubject = run("learn");
        assertEquals(2, noSubject.exit);
        assertTrue(noSubject.err.startsWith("dropnight: learn needs a subject: night"), noSubject.err);
        Run noDrop = run("learn", "night", "--log", "x.log", "--out", "n.yml");
        assertEquals(2, noDrop.exit);
        assertTrue(noDrop.err.startsWith("dropnight: Missing required option: '--drop=INSTANT'"), noDrop.err);
    }
}
