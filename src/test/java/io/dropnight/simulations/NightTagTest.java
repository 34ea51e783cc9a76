package io.dropnight.simulations;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mvn test stays the fast loop: a test that runs a whole night in its own Gatling JVM carries the
 * JUnit tag {@code night}, which surefire leaves out and failsafe runs in integration-test.
 */
class NightTagTest {
    /** Gatling JVMs that are refused before any load, in a few seconds: they stay in the fast loop. */
    private static final List<String> REFUSED_ONLY = List.of("RefusedNightTest.java", "NightTagTest.java");

    @Test
    void everyTestThatRunsAWholeNightIsTaggedNight() throws Exception {
        List<Path> nights = new ArrayList<>();
        try (var files = Files.walk(Path.of("src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("Test.java")).toList()) {
                if (Files.readString(f).contains("GatlingProcess.start(") && !REFUSED_ONLY.contains(f.getFileName().toString())) {
                    nights.add(f);
                }
            }
        }
        assertTrue(nights.size() >= 6, "the whole-night tests were found: " + nights);
        List<Path> untagged = nights.stream().filter(f -> {
            try {
                return !Files.readString(f).contains("@Tag(\"night\")");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertEquals(List.of(), untagged, "whole nights outside the night tag would slow mvn test");
    }
}
