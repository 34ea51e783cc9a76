package io.dropnight.config;

import io.dropnight.core.ConfigException;
import io.dropnight.server.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceConfigBuilderTest {
    private static final Clock NOON_UTC = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void defaultDropIsTheNextTwoAmInParis() {
        ServiceConfig c = new ServiceConfigBuilder(NOON_UTC).build();
        assertEquals(Instant.parse("2026-11-26T01:00:00Z"), c.catalogue().dropAt());
        assertTrue(c.loopbackOnly());
        assertTrue(c.adminToken().length() >= ServiceConfig.MIN_ADMIN_TOKEN_LENGTH);
    }

    @Test
    void dropInIsRelativeToNow() {
        ServiceConfig c = new ServiceConfigBuilder(NOON_UTC).dropIn("90s").build();
        assertEquals(Instant.parse("2026-11-25T12:01:30Z"), c.catalogue().dropAt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "slots|0|capacity.slots = 0: must be a whole number >= 1",
        "policy|yolo|policy = yolo: must be one of none, fixed, adaptive, priority",
        "drop-in|soon|drop-in = soon: must be a duration such as 250us, 20ms, 1.5s, 10m or PT10M",
        "drop-at|26/11|drop-at = 26/11: must be an ISO-8601 instant such as 2026-11-26T01:00:00Z",
        "service-time|home=gauss:3ms|capacity.service-times.home = gauss:3ms: must be fixed:<duration>",
        "service-time|warp=fixed:1ms|capacity.service-times = warp: unknown endpoint 'warp'",
        "zone|Mars/Olympus|zone = Mars/Olympus: must be a time-zone id such as Europe/Paris or UTC",
        "admin-token|short|admin-token = (5 characters): must be at least 16 characters",
        "error-page-status|404|error-page-status = 404: must be 200 or a 5xx status such as 503"})
    void badValuesNameFieldValueAndRule(String field, String value, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> apply(field, value).build());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    private static ServiceConfigBuilder apply(String field, String value) {
        ServiceConfigBuilder b = new ServiceConfigBuilder(NOON_UTC);
        return switch (field) {
            case "slots" -> b.slots(Integer.parseInt(value));
            case "policy" -> b.policy(value);
            case "drop-in" -> b.dropIn(value);
            case "drop-at" -> b.dropAt(value);
            case "service-time" -> b.serviceTime(value);
            case "zone" -> b.zone(value);
            case "admin-token" -> b.adminToken(value);
            case "error-page-status" -> b.errorPageStatus(Integer.parseInt(value));
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Test
    void configFileSetsCapacityAndCache() throws Exception {
        Path file = dir.resolve("night.yml");
        Files.writeString(file, String.join("\n",
                "policy: priority",
                "drop-in: 2m",
                "capacity:",
                "  slots: 12",
                "  queue-limit: 40",
                "  scale: 0.5",
                "  service-times:",
                "    playback-start: exp:30ms",
                "cache:",
                "  single-flight: true",
                "limits:",
                "  max-connections: 500",
                ""));
        ServiceConfigBuilder b = new ServiceConfigBuilder(NOON_UTC);
        ConfigFile.applyTo(file, b);
        ServiceConfig c = b.build();
        assertEquals("priority", c.policy().configName());
        assertEquals(6, c.capacity().effectiveSlots());
        assertEquals(20, c.capacity().effectiveQueueLimit());
        assertEquals("exp:30ms", c.capacity().serviceTimes().get(io.dropnight.core.Endpoint.PLAYBACK_START).spec());
        assertTrue(c.capacity().cache().singleFlight());
        assertEquals(500, c.limits().maxConnections());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "slot: 3|slot = 3: is not a known setting",
        "capacity:\\n  slots: many|capacity.slots = \"many\": must be a whole number",
        "capacity: [1, 2]|capacity = [1,2]: must be a mapping",
        "policy: [|config = ",
        "cache:\\n  prewarm: yes please|cache.prewarm = \"yes please\": must be true or false"})
    void badConfigFilesFailWithOneLine(String yaml, String message) throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFile.applyTo(file, new ServiceConfigBuilder(NOON_UTC)));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aMissingRunFolderIsRefusedNotDefaulted() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ServiceConfigBuilder(NOON_UTC).runDir(null));
        assertEquals("run-dir = null: is required", e.getMessage());
    }

    @Test
    void missingConfigFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFile.applyTo(dir.resolve("absent.yml"), new ServiceConfigBuilder(NOON_UTC)));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
    }
}
