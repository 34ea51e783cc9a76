package io.dropnight.report;

import io.dropnight.learn.night.LearnedNight;
import io.dropnight.learn.night.NightLearnerTest;
import io.dropnight.learn.night.SyntheticLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learn page: self-contained, everything from the log escaped, numbers the same in any locale. */
class LearnPageTest {
    @TempDir
    Path dir;

    static LearnedNight hostileNight(Path dir) throws Exception {
        Path log = new SyntheticLog().arrivals(-20, NightLearnerTest.premiere(), 10)
                .line(1, 77_777, "GET /titles/<script>alert(document.title)</script>", 503)
                .raw(2, "<img src=x onerror=alert(2)> not a log line")
                .write(dir.resolve("access<b>.log"));
        return NightLearnerTest.learn(NightLearnerTest.settings(log, "extra:1", Optional.empty(), Optional.empty(), OptionalLong.empty()));
    }

    @Test
    void everythingFromTheLogIsEscaped() throws Exception {
        String html = LearnPage.render(hostileNight(dir), "a<b>.yml", "a-measured.yml");
        assertFalse(html.contains("<script>alert"), "a path from the log ran as a script");
        assertFalse(html.contains("<img src=x"), "a skipped line ran as markup");
        assertFalse(html.contains("access<b>"), "the log's name ran as markup");
        assertTrue(html.contains("GET /titles/&lt;script&gt;alert(document.title)&lt;/script&gt;"), "the endpoint is shown, escaped");
        assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"), "the first skipped line is shown, escaped");
        assertFalse(html.matches("(?s).*(src|href)=\"?https?:.*"), "no network: Chart.js and the data are inlined");
        assertEquals(3, html.split("<canvas ", -1).length - 1);
    }

    @Test
    void numbersAreTheSameInAnyLocale() throws Exception {
        LearnedNight n = hostileNight(dir);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = LearnPage.render(n, "a.yml", "b.yml");
            Locale.setDefault(Locale.US);
            assertEquals(LearnPage.render(n, "a.yml", "b.yml"), german);
            assertTrue(german.matches("(?s).*Fit error: \\d+\\.\\d %.*"), "a decimal point, not a comma");
        } finally {
            Locale.setDefault(before);
        }
    }
}
