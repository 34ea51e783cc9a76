package io.dropnight.config;

import io.dropnight.server.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example the README points to stays loadable. */
class ConfigExampleTest {
    @Test
    void documentedExampleLoads() {
        ServiceConfigBuilder b = new ServiceConfigBuilder(Clock.systemUTC());
        ConfigFile.applyTo(Path.of("docs/config-example.yml"), b);
        ServiceConfig c = b.build();
        assertEquals("priority", c.policy().configName());
        assertTrue(c.capacity().cache().singleFlight());
        assertEquals(64, c.capacity().effectiveSlots());
    }
}
