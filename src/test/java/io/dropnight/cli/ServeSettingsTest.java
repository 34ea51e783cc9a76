package io.dropnight.cli;

import io.dropnight.config.ConfigFile;
import io.dropnight.config.ServiceConfigBuilder;
import io.dropnight.config.Setting;
import io.dropnight.server.ServiceConfig;
import io.dropnight.simulations.params.ServiceFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The settings of {@code serve} are one list: every one of them is readable from the config file
 * and from its flag, and both give the same configuration.
 */
class ServeSettingsTest {
    private static final Clock NOON_UTC = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "a-test-admin-token-0123456789";

    /** A value other than the default for every setting: as YAML, and as the flag's argument (null: a switch). */
    private static final Map<String, String[]> SAMPLES = Map.ofEntries(
            entry("host", new String[] {"127.0.0.2", "127.0.0.2"}),
            entry("port", new String[] {"9091", "9091"}),
            entry("seed", new String[] {"77", "77"}),
            entry("titles", new String[] {"150", "150"}),
            entry("drop-at", new String[] {"2026-11-26T01:30:00Z", "2026-11-26T01:30:00Z"}),
            entry("drop-in", new String[] {"90s", "90s"}),
            entry("zone", new String[] {"UTC", "UTC"}),
            entry("drop-episodes", new String[] {"3", "3"}),
            entry("policy", new String[] {"priority", "priority"}),
            entry("capacity.unconstrained", new String[] {"true", null}),
            entry("capacity.scale", new String[] {"0.5", "0.5"}),
            entry("capacity.slots", new String[] {"12", "12"}),
            entry("capacity.queue-limit", new String[] {"7", "7"}),
            entry("capacity.service-times", new String[] {"{home: 'fixed:7ms'}", "home=fixed:7ms"}),
            entry("cache.ttl", new String[] {"5s", "5s"}),
            entry("cache.miss-cost-factor", new String[] {"3", "3"}),
            entry("cache.single-flight", new String[] {"true", null}),
            entry("cache.prewarm", new String[] {"true", null}),
            entry("limits.max-connections", new String[] {"99", "99"}),
            entry("limits.idle-timeout", new String[] {"7s", "7s"}),
            entry("limits.request-timeout", new String[] {"3s", "3s"}),
            entry("limits.max-body-bytes", new String[] {"1024", "1024"}),
            entry("limits.max-header-bytes", new String[] {"2048", "2048"}),
            entry("admin-token", new String[] {"another-admin-token-0123456789", "another-admin-token-0123456789"}),
            entry("session-ttl", new String[] {"2h", "2h"}),
            entry("run-dir", new String[] {"/tmp/dropnight-settings-test", "/tmp/dropnight-settings-test"}),
            entry("metrics-interval", new String[] {"2s", "2s"}),
            entry("error-page-status", new String[] {"200", "200"}),
            entry("capacity.write-slots", new String[] {"4", "4"}),
            entry("capacity.write-time", new String[] {"'fixed:9ms'", "fixed:9ms"}),
            entry("reservations.db-file", new String[] {"/tmp/dropnight-settings-test/r.db", "/tmp/dropnight-settings-test/r.db"}),
            entry("reservations.scale", new String[] {"0.25", "0.25"}),
            entry("reservations.hold-ttl", new String[] {"90s", "90s"}),
            entry("reservations.unsafe-ack-before-commit", new String[] {"true", null}));

    @TempDir
    Path dir;

    @Test
    void everySettingHasASampleHere() {
        assertEquals(SAMPLES.keySet(), Setting.all().stream().map(Setting::key).collect(Collectors.toSet()));
    }

    static List<Setting> settings() {
        return Setting.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void theFileAndTheFlagGiveTheSameConfiguration(Setting setting) throws IOException {
        String[] sample = SAMPLES.get(setting.key());
        boolean token = setting.key().equals("admin-token");
        ServiceConfig fromFile = fromFile(!token, setting.section() == null
                ? setting.name() + ": " + sample[0] + "\n"
                : setting.section() + ":\n  " + setting.name() + ": " + sample[0] + "\n");
        List<String> args = new ArrayList<>(List.of(setting.flag()));
        if (sample[1] != null) {
            args.add(sample[1]);
        }
        ServiceConfig fromFlags = fromFlags(!token, args);
        assertEquals(fromFile, fromFlags);
        assertNotEquals(fromFlags(true, List.of()), fromFlags, "the sample must change something");
    }

    /**
     * The harness's side of the contract: every capacity and policy flag a night hands the embedded
     * service ({@code ServiceFlags.toArgs}, spelt by {@code core.ServeFlags}) is one {@code serve}
     * parses, into the values the night was given.
     */
    @Test
    void theFlagsANightHandsTheEmbeddedServiceAreServesOwn() {
        ServiceFlags given = new ServiceFlags("priority", OptionalInt.of(12), OptionalInt.of(7), 77, true, true, true,
                List.of("home=fixed:7ms"), OptionalInt.of(200));
        ServiceConfig config = fromFlags(true, given.toArgs());
        ServiceConfig expected = fromFlags(true, List.of("--policy", "priority", "--slots", "12", "--queue-limit", "7",
                "--seed", "77", "--single-flight", "--prewarm", "--unconstrained", "--service-time", "home=fixed:7ms",
                "--error-page-status", "200"));
        assertEquals(expected, config);
        assertNotEquals(fromFlags(true, List.of()), config);
    }

    /** @param withToken whether to set the admin token too (else a random one would differ every time) */
    private ServiceConfig fromFile(boolean withToken, String yaml) throws IOException {
        Path file = dir.resolve("serve.yml");
        Files.writeString(file, (withToken ? "admin-token: " + TOKEN + "\n" : "") + yaml, StandardCharsets.UTF_8);
        ServiceConfigBuilder b = new ServiceConfigBuilder(NOON_UTC);
        ConfigFile.applyTo(file, b);
        return b.build();
    }

    private static ServiceConfig fromFlags(boolean withToken, List<String> args) {
        ServeCommand serve = new ServeCommand(NOON_UTC, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> all = new ArrayList<>(withToken ? List.of("--admin-token", TOKEN) : List.of());
        all.addAll(args);
        new CommandLine(serve.spec()).parseArgs(all.toArray(String[]::new));
        return serve.settings().build();
    }
}
