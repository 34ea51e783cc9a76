package io.dropnight.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A profile written to hurt: an alias bomb, a very deep or very large file. Each is one line naming
 * the file and the rule, before any load, and none of them takes the reader's time or memory
 * (the bound on time only catches a hang; it is not a speed claim).
 */
class HostileProfileTest {
    @TempDir
    Path dir;

    private ProfileException refused(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("hostile.yml"), text);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(ProfileException.class, () -> ProfileReader.read(file)));
    }

    @Test
    void anAliasBombIsRefused() throws Exception {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 20; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        ProfileException e = refused(yaml.append("name: bomb\n").toString());
        assertTrue(e.getMessage().startsWith("profile " + dir.resolve("hostile.yml") + ": (file): "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": a YAML alias (*a0) is not supported in a profile: write the value out"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aVeryDeepFileIsRefused() throws Exception {
        String deep = "name: deep\nhome: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
        ProfileException e = refused(deep);
        assertTrue(e.getMessage().contains("nesting") || e.getMessage().contains("depth"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aVeryLargeFileIsRefusedUnread() throws Exception {
        ProfileException e = refused("name: large\n# " + "x".repeat(2 * 1024 * 1024) + "\n");
        assertEquals("profile " + dir.resolve("hostile.yml") + ": (file): is over 1 MB; a profile is a page of YAML", e.getMessage());
    }
}
