package io.dropnight.simulations.service;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every child JVM is built one way: this JVM's java, its flags, -D properties, then the main class. */
class JvmCommandTest {

    @Test
    void aGatlingNightIsJavaFlagsPropertiesThenGatlingsLauncher() {
        List<String> c = JvmCommand.plain().jvmArgs("-Xmx1g", JvmCommand.GATLING_OPENS).property("night", "finale-drop")
                .properties(Map.of("slots", "96")).gatling("cp", "io.x.Night", Path.of("results"), "probe 01");
        assertTrue(c.get(0).endsWith("/bin/java"), c::toString);
        assertEquals(List.of("-Xmx1g", JvmCommand.GATLING_OPENS, "-Dnight=finale-drop", "-Dslots=96", "-cp", "cp",
                JvmCommand.GATLING_MAIN, "-s", "io.x.Night", "-rf", "results", "-rd", "probe 01"), c.subList(1, c.size()));
    }

    @Test
    void theLeakLevelOfThisJvmIsPassedOn() {
        // Surefire runs the tests at paranoid (pom.xml): a child's buffers are tracked the same way.
        assertTrue(JvmCommand.java().prefix().contains("-D" + JvmCommand.LEAK_LEVEL_PROPERTY + "=paranoid"));
        assertEquals(1, JvmCommand.plain().prefix().size(), "plain is java alone");
    }
}
