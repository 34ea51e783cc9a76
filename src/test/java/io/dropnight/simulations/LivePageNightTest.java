package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.testing.HeadlessChromium;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run folder's live page in the middle of a real night, in headless Chromium from
 * {@code file://}: past the drop, it has read live.js again by itself, each of its charts holds
 * points from the last seconds, nothing was said on its console; the injector serves it on the
 * metrics port too; and once the night ends, live.js names the report and the page has become it.
 */
@Tag("night")
class LivePageNightTest {
    private static final long BOUND_SECONDS = 240;
    /** How old a chart's last point may be when read: live.js is a second old at most, the page reads it every second. */
    private static final long RECENT_MILLIS = 5_000;
    private static final Duration PAGE_BOUND = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAGE_URL = Pattern.compile("live page at (http://\\S+/)");

    @Test
    void theLivePageDrawsTheLastSecondsMidNightAndBecomesTheReport(@TempDir Path dir) throws Exception {
        // about 30 s of load, the drop 8 s in
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dnight=finale-drop", "-Dscale=0.05",
                "-Dcompression=40", "-DdropOffset=8s", "-DmaxRefreshes=1", "-Dslo.enforce=false", "-Dmetrics.port=0"));
             HeadlessChromium browser = HeadlessChromium.start(dir)) {
            // bounds are generous: a loaded 2-core machine takes tens of seconds to start two JVMs
            Path run = await().atMost(Duration.ofSeconds(150)).until(() -> pastTheDrop(gatling.reports()), Optional::isPresent)
                    .orElseThrow();
            browser.navigate(run.resolve(RunFiles.LIVE_PAGE).toUri());
            await().atMost(PAGE_BOUND).until(() -> updates(browser) >= 2);
            assertEquals(6, browser.evaluate("Number(document.body.getAttribute('data-live-charts'))").asInt());
            long now = System.currentTimeMillis();
            JsonNode charts = browser.evaluate("window.dropnightLive.charts");
            assertEquals(6, charts.size(), charts.toString());
            charts.fields().forEachRemaining(c -> {
                assertTrue(c.getValue().path("points").asInt() > 0, c.getKey() + " holds points: " + c.getValue());
                long age = now - c.getValue().path("lastAt").asLong();
                assertTrue(age >= -1_000 && age <= RECENT_MILLIS, c.getKey() + "'s last point is " + age + " ms old: " + c.getValue());
            });
            assertTrue(browser.evaluate("window.DROPNIGHT_LIVE.totals.viewers").asLong() > 0, "viewers arrived");
            assertTrue(browser.evaluate("document.getElementById('live-countdown').textContent").asText().startsWith("T+"),
                    "past the drop");
            browser.screenshot(Path.of(System.getProperty("dropnight.buildDir", "target"), "report-screenshots",
                    "live-page-mid-night.png"));
            assertServedOnTheMetricsPort(gatling.log());
            assertEquals(List.of(), browser.console(), "the live page said nothing on its console");

            assertEquals(0, gatling.await(BOUND_SECONDS), () -> "the night runs to its end:\n" + log(gatling));
            gatling.log().lines().filter(l -> l.contains("live page")).forEach(System.out::println);
            JsonNode last = live(run);
            assertTrue(last.path("ended").asBoolean(), last.toString());
            assertEquals(RunFiles.INDEX_PAGE, last.path("report").asText(), last.toString());
            assertEquals(JSON.readTree(run.resolve(RunFiles.SLO_RESULTS).toFile()).path("verdict").asText(),
                    last.path("verdict").asText(), "the final verdict");
            await().atMost(PAGE_BOUND).until(() -> browser.evaluate("location.href").asText()
                    .equals(run.resolve(RunFiles.INDEX_PAGE).toUri().toString()));
            await().atMost(PAGE_BOUND).until(() -> browser.evaluate("document.body !== null"
                    + " && document.body.hasAttribute('data-charts-rendered')").asBoolean());
            assertEquals(List.of(), browser.console(), "neither the live page nor the report said anything on the console");
        }
    }

    /** The run folder once its live.js shows the night past its drop with a few seconds drawn. */
    private static Optional<Path> pastTheDrop(Path reports) throws Exception {
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(reports)) {
            for (Path run : runs.filter(r -> Files.exists(r.resolve(RunFiles.LIVE_DATA))).toList()) {
                JsonNode d = live(run);
                if (d.path("secondsToDrop").isNumber() && d.path("secondsToDrop").asDouble() < 0
                        && d.path("timeline").path("t").size() >= 3) {
                    return Optional.of(run);
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode live(Path run) throws Exception {
        String script = Files.readString(run.resolve(RunFiles.LIVE_DATA));
        String prefix = "window.DROPNIGHT_LIVE = ";
        assertTrue(script.startsWith(prefix) && script.endsWith(";\n"), script);
        return JSON.readTree(script.substring(prefix.length(), script.length() - 2));
    }

    private static int updates(HeadlessChromium browser) throws Exception {
        return browser.evaluate("window.dropnightLive ? window.dropnightLive.updates : 0").asInt();
    }

    /** The console's "live page at http://..." answers the page and its data. */
    private static void assertServedOnTheMetricsPort(String log) throws Exception {
        Matcher m = PAGE_URL.matcher(log);
        assertTrue(m.find(), "the console names the served page:\n" + log);
        HttpClient http = HttpClient.newHttpClient();
        URI page = URI.create(m.group(1));
        String html = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(html.contains("data-live-source=\"" + RunFiles.LIVE_DATA + "\""), html.substring(0, Math.min(300, html.length())));
        String js = http.send(HttpRequest.newBuilder(page.resolve(RunFiles.LIVE_DATA)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(js.startsWith("window.DROPNIGHT_LIVE = {"), js.substring(0, Math.min(300, js.length())));
    }

    private static String log(GatlingProcess gatling) {
        try {
            return gatling.log();
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
