package io.dropnight.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser tests' console check can fail: a page that logs, throws or misses a file is heard. */
class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void hearsConsoleCallsUncaughtErrorsAndFailedLoads() throws Exception {
        Path page = Files.writeString(dir.resolve("noisy.html"), "<!DOCTYPE html><title>noisy</title><body>"
                + "<script>console.log('hello'); document.title = 'ran';</script>"
                + "<script src=\"missing.js\"></script>"
                + "<script>setTimeout(function () { null.boom(); }, 0);</script></body>");
        try (HeadlessChromium browser = HeadlessChromium.start(dir)) {
            browser.navigate(page.toUri());
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.console().size() >= 3);
            List<String> heard = browser.console();
            assertTrue(heard.contains("console.log: hello"), heard.toString());
            assertTrue(heard.stream().anyMatch(l -> l.startsWith("uncaught: ") && l.contains("boom")), heard.toString());
            assertTrue(heard.stream().anyMatch(l -> l.startsWith("browser error: ") && l.contains("missing.js")), heard.toString());
            assertEquals("ran", browser.evaluate("document.title").asText());
            AssertionError e = assertThrows(AssertionError.class, () -> browser.evaluate("undefinedName.x"));
            assertTrue(e.getMessage().contains("undefinedName"), e.getMessage());
        }
    }
}
