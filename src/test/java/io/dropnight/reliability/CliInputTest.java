package io.dropnight.reliability;

import io.dropnight.cli.Main;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every serve flag and config-file field refuses a bad value with exit code 2 and one line on
 * stderr that names the field; nothing is started. Each case also passes {@code --port 0} and a
 * temporary run folder, so that a value wrongly accepted cannot collide with anything; the
 * preemptive timeout turns such a case (the service would start and wait) into a failure.
 */
class CliInputTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> badFlags() {
        return Stream.of(
                bad("port", "--port", "abc"),
                bad("port", "--port", "-1"),
                bad("port", "--port", "70000"),
                bad("host", "--host", " "),
                bad("capacity.slots", "--slots", "-3"),
                bad("capacity.slots", "--slots", "0"),
                bad("capacity.queue-limit", "--queue-limit", "-1"),
                bad("capacity.scale", "--scale", "0"),
                bad("capacity.scale", "--scale", "NaN"),
                bad("--scale", "--scale", "lots"),
                bad("policy", "--policy", "lifo"),
                bad("policy", "--policy", ""),
                bad("drop-in", "--drop-in", "soon"),
                bad("drop-in", "--drop-in", "-5s"),
                bad("drop-at", "--drop-at", "tomorrow"),
                bad("drop-at", "--drop-at", "2026-11-26T02:00:00Z", "--drop-in", "30s"),
                bad("zone", "--zone", "Mars/Olympus_Mons"),
                bad("catalogue.drop-episodes", "--drop-episodes", "0"),
                bad("catalogue.titles", "--titles", "5"),
                bad("capacity.service-times", "--service-time", "home"),
                bad("capacity.service-times", "--service-time", "home=fixed"),
                bad("capacity.service-times", "--service-time", "home=gaussian:10ms"),
                bad("capacity.service-times", "--service-time", "home=lognormal:40ms:8ms"),
                bad("capacity.service-times", "--service-time", "home=fixed:-20ms"),
                bad("capacity.service-times", "--service-time", "nowhere=fixed:20ms"),
                bad("capacity.service-times", "--service-time", "health=fixed:1ms"),
                bad("cache.ttl", "--cache-ttl", "forever"),
                bad("cache.miss-cost-factor", "--cache-miss-factor", "0.5"),
                bad("limits.idle-timeout", "--idle-timeout", "0s"),
                bad("limits.request-timeout", "--request-timeout", "banana"),
                bad("limits.request-timeout", "--request-timeout", "0ms"),
                bad("limits.max-connections", "--max-connections", "0"),
                bad("limits.max-body-bytes", "--max-body-bytes", "-1"),
                bad("limits.max-header-bytes", "--max-header-bytes", "10"),
                bad("admin-token", "--admin-token", "short"),
                bad("session-ttl", "--session-ttl", "0s"),
                bad("metrics-interval", "--metrics-interval", "0s"),
                bad("metrics-interval", "--metrics-interval", "1 fortnight"),
                bad("reservations.scale", "--reservations-scale", "0"),
                bad("reservations.scale", "--reservations-scale", "2"),
                bad("--reservations-scale", "--reservations-scale", "tiny"),
                bad("reservations.hold-ttl", "--hold-ttl", "0s"),
                bad("reservations.hold-ttl", "--hold-ttl", "2h"),
                bad("reservations.hold-ttl", "--hold-ttl", "soon"),
                bad("reservations.db-file", "--reservations-db", System.getProperty("java.io.tmpdir")),
                bad("capacity.write-slots", "--write-slots", "0"),
                bad("capacity.write-time", "--write-time", "fast"),
                bad("capacity.write-time", "--write-time", "fixed:-1ms"),
                bad("--no-such-flag", "--no-such-flag"),
                bad("--slots", "--slots"));
    }

    static Stream<Arguments> badConfigFiles() {
        return Stream.of(
                Arguments.of("unknown key", "porrt: 8080\n", "porrt"),
                Arguments.of("unknown nested key", "capacity:\n  slotz: 4\n", "capacity.slotz"),
                Arguments.of("bad YAML", "capacity: [slots: 4\n", "not valid YAML"),
                Arguments.of("not a mapping", "- port: 8080\n", "must be a YAML mapping"),
                Arguments.of("section not a mapping", "limits: 5\n", "limits"),
                Arguments.of("port not a number", "port: eighty\n", "port"),
                Arguments.of("port fractional", "port: 80.5\n", "port"),
                Arguments.of("negative slots", "capacity:\n  slots: -1\n", "capacity.slots"),
                Arguments.of("scale a word", "capacity:\n  scale: big\n", "capacity.scale"),
                Arguments.of("bad service time", "capacity:\n  service-times:\n    home: bogus\n", "home"),
                Arguments.of("service times not a mapping", "capacity:\n  service-times: fast\n",
                        "capacity.service-times"),
                Arguments.of("bad policy", "policy: lifo\n", "policy"),
                Arguments.of("bad idle timeout", "limits:\n  idle-timeout: 0s\n", "limits.idle-timeout"),
                Arguments.of("bad request timeout", "limits:\n  request-timeout: later\n", "limits.request-timeout"),
                Arguments.of("boolean not a boolean", "cache:\n  single-flight: maybe\n", "cache.single-flight"),
                Arguments.of("both drop-at and drop-in", "drop-at: 2026-11-26T01:00:00Z\ndrop-in: 30s\n", "drop-"),
                Arguments.of("bad drop instant", "drop-at: midnight\n", "drop-at"),
                Arguments.of("short admin token", "admin-token: abc\n", "admin-token"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFlags")
    void refusesABadFlagWithOneLineAndExitCode2(String field, List<String> args) {
        assertUsageError(field, withSafeDefaults(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigFiles")
    void refusesABadConfigFileWithOneLineAndExitCode2(String name, String yaml, String field) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        assertUsageError(field, withSafeDefaults(List.of("--config", file.toString())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingConfigFiles")
    void refusesAMissingOrUnreadableConfigFile(String name, Path file) {
        assertUsageError("config", withSafeDefaults(List.of("--config", file.toString())));
    }

    @Test
    void refusesAReservationsFileThatIsNotALedgerWithOneLine() throws IOException {
        Path notSqlite = Files.writeString(dir.resolve("notes.db"), "not a database, only words\n".repeat(100));
        assertUsageError("reservations-db", withSafeDefaults(List.of("--reservations-db", notSqlite.toString())));
    }

    static Stream<Arguments> missingConfigFiles() {
        return Stream.of(Arguments.of("missing file", Path.of("/nonexistent/dropnight.yml")),
                Arguments.of("a directory", Path.of(System.getProperty("java.io.tmpdir"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noCommand")
    void refusesAMissingOrUnknownCommand(String name, List<String> args) {
        Result r = run(args);
        assertEquals(Main.USAGE, r.exitCode(), r::toString);
        assertOneLine(r);
    }

    static Stream<Arguments> noCommand() {
        return Stream.of(Arguments.of("no command", List.of()), Arguments.of("unknown command", List.of("serf")));
    }

    private static void assertUsageError(String field, List<String> args) {
        Result r = run(args);
        assertEquals(Main.USAGE, r.exitCode(), () -> "exit code for " + args + ": " + r);
        assertOneLine(r);
        assertTrue(r.err().contains(field), () -> "the message names " + field + ": " + r.err());
        assertEquals("", r.out(), "nothing is printed on stdout (nothing started)");
    }

    private static void assertOneLine(Result r) {
        String err = r.err().strip();
        assertTrue(!err.isEmpty() && !err.contains("\n"), () -> "exactly one line on stderr: " + r.err());
        assertTrue(err.startsWith("dropnight: "), () -> "the line says who is talking: " + err);
        WireHygiene.assertNoInternals("stderr", err.replace(dir.toString(), "<dir>").replace(
                System.getProperty("java.io.tmpdir"), "<tmp>"));
    }

    private static Arguments bad(String field, String... args) {
        return Arguments.of(field, Arrays.asList(args));
    }

    private static List<String> withSafeDefaults(List<String> args) {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(args);
        if (!args.contains("--port")) {
            all.addAll(List.of("--port", "0"));
        }
        all.addAll(List.of("--run-dir", dir.resolve("run").toString()));
        return all;
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(List<String> args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            return new Result(code, out.toString(), err.toString());
        }, () -> "dropnight " + args + " did not fail: it started the service");
    }
}
