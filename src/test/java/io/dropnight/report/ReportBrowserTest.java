package io.dropnight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropnight.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated reports in a real headless Chromium from {@code file://}: every chart must render,
 * the console must stay silent, and a screenshot is saved under the build folder
 * ({@code report-screenshots/}) for a person to look at. The browser is {@code chromium},
 * {@code chromium-browser} or {@code google-chrome} on PATH; without one the test is skipped, or
 * fails when {@code CI=true}.
 */
class ReportBrowserTest {
    private static final Pattern RENDERED = Pattern.compile(
            "<body data-charts-expected=\"(\\d+)\" data-charts-rendered=\"(\\d+)\">");

    @TempDir
    Path reports;

    @TempDir
    Path profiles;
    private Path chromium;

    @BeforeEach
    void needsChromium() {
        chromium = ExternalTool.require("chromium", "chromium", "chromium-browser", "google-chrome");
    }

    @Test
    void rendersEveryChartOfARunReportWithoutConsoleErrors() throws Exception {
        Fixtures.copyRuns(reports);
        Path page = ReportGenerator.generate(reports.resolve(Fixtures.PRIORITY));
        assertRendersAllCharts(page, 7);
        screenshot(page, "run-" + Fixtures.PRIORITY + ".png");
    }

    /** A run against an external target: the per-second timeline around the drop from the client alone. */
    @Test
    void rendersTheClientTimelineOfARunWithoutServerLogs() throws Exception {
        Fixtures.copyRuns(reports, Fixtures.EXTERNAL);
        Path page = ReportGenerator.generate(reports.resolve(Fixtures.EXTERNAL));
        // Sent and answered, error pages and failures, time to play, five endpoints' client latency.
        assertRendersAllCharts(page, 8);
        screenshot(page, "run-" + Fixtures.EXTERNAL + ".png");
    }

    @Test
    void rendersEveryChartOfAComparisonWithoutConsoleErrors() throws Exception {
        Fixtures.copyRuns(reports);
        Path page = new ReportGenerator(Clock.systemUTC()).comparison(
                List.of(reports.resolve(Fixtures.NONE), reports.resolve(Fixtures.PRIORITY)), reports.resolve("compare.html"));
        // Two timelines aligned on the drop, then four endpoints' latency and time to play.
        assertRendersAllCharts(page, 7);
        screenshot(page, "compare.png");
        screenshot(reports.resolve("index.html"), "index.png");
    }

    /** The learn page: three charts, each with every point of the learned night's data. */
    @Test
    void rendersTheLearnPageWithEveryPoint() throws Exception {
        io.dropnight.learn.night.LearnedNight night = LearnPageTest.hostileNight(reports);
        Path page = Files.writeString(reports.resolve("learned.html"), LearnPage.render(night, "learned.yml", "learned-measured.yml"));
        String dom = assertRendersAllCharts(page, 3);
        int seconds = night.arrivals().length;
        int windows = Math.floorDiv(night.windowTo() - 1, 10) - Math.floorDiv(night.windowFrom(), 10) + 1;
        for (int[] chart : new int[][] {{1, 2 * seconds}, {2, 2 * windows}, {3, 2 * seconds}}) {
            Matcher m = Pattern.compile("<canvas id=\"chart-" + chart[0] + "\"[^>]*data-points=\"(\\d+)\"").matcher(dom);
            assertTrue(m.find(), "chart-" + chart[0] + " has no point count");
            assertEquals(chart[1], Integer.parseInt(m.group(1)), "points drawn in chart-" + chart[0]);
        }
        screenshot(page, "learned-night.png");
    }

    private String assertRendersAllCharts(Path page, int charts) throws Exception {
        Result r = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString());
        Matcher m = RENDERED.matcher(r.stdout);
        assertTrue(m.find(), () -> "no chart count on <body>: " + r.stdout.substring(0, Math.min(400, r.stdout.length())));
        assertEquals(charts, Integer.parseInt(m.group(1)), "charts declared");
        assertEquals(charts, Integer.parseInt(m.group(2)), "charts drawn");
        List<String> console = r.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertTrue(console.isEmpty(), () -> "console output: " + console);
        return r.stdout;
    }

    private void screenshot(Path page, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("dropnight.buildDir", "target"), "report-screenshots"));
        Path png = dir.resolve(name);
        Files.deleteIfExists(png);
        chromium("--hide-scrollbars", "--window-size=1400,3000", "--screenshot=" + png, page.toUri().toString());
        assertTrue(Files.size(png) > 10_000, "a screenshot with content at " + png);
    }

    private record Result(String stdout, String stderr) {
    }

    private Result chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(profiles, "profile")));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(profiles, "out", ".txt");
        Path stderr = Files.createTempFile(profiles, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + command);
        }
        String errors = read(stderr);
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + errors);
        return new Result(read(stdout), errors);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
