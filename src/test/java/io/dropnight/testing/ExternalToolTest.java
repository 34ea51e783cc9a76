package io.dropnight.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing tool skips a test on a laptop and fails it under CI, naming the package. */
class ExternalToolTest {
    @TempDir
    Path dir;

    @Test
    void findsAnyOfTheNamesOnPath() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path browser = Files.createFile(b.resolve("chromium-browser"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(a.resolve("chromium")); // not executable: not a match
        String path = a + File.pathSeparator + b;
        assertEquals(browser, ExternalTool.require(Map.of("PATH", path, "CI", "true"), "chromium", "chromium",
                "chromium-browser", "google-chrome"));
    }

    @Test
    void failsUnderCiNamingThePackage() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ExternalTool.require(
                Map.of("PATH", dir.toString(), "CI", "true"), "docker-compose", "docker-compose"));
        assertTrue(e.getMessage().contains("install the Debian package docker-compose"), e.getMessage());
    }

    @Test
    void skipsOutsideCiSayingHowToInstall() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> ExternalTool.require(
                Map.of("PATH", dir.toString()), "chromium", "chromium", "chromium-browser"));
        assertTrue(e.getMessage().contains("apt-get install -y --no-install-recommends chromium"), e.getMessage());
    }
}
