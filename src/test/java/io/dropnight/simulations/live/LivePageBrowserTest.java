package io.dropnight.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.simulations.client.RecentLatency;
import io.dropnight.simulations.watch.InjectorSample;
import io.dropnight.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live page in a real headless Chromium, opened from {@code file://}, its data ticked by hand:
 * it draws what live.js holds, re-reads it by itself as it changes, sets text as text, and turns
 * into the report once live.js names one, all without a word on the console. (A whole night does
 * the same in {@code LivePageNightTest}.) Skipped without a browser, failed under {@code CI=true}.
 */
class LivePageBrowserTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path run;

    @TempDir
    Path browserDir;

    private final SteppedNightView view = new SteppedNightView();
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

    private void second(LivePage page, long arrivals, long errors) {
        view.step(arrivals, 10 * arrivals, errors);
        view.latency = new RecentLatency(5, 10 * arrivals, 1.5, 9, 120);
        view.injector = Optional.of(new InjectorSample((long) view.secondsSinceStart, 200, 20_000, 30, 60, 0, view.users,
                view.planned + 2, 0));
        clock.addAndGet(1_000);
        page.tick();
    }

    @Test
    void drawsItsDataUpdatesItselfAndBecomesTheReport() throws Exception {
        view.night = "<b>finale</b>";
        LivePage page = LivePage.write(run, view, Optional.empty(), clock::get, line -> { });
        second(page, 5, 0);
        second(page, 8, 2);
        try (HeadlessChromium browser = HeadlessChromium.start(browserDir)) {
            browser.navigate(run.resolve(RunFiles.LIVE_PAGE).toUri());
            await().atMost(BOUND).until(() -> updates(browser) >= 1);
            assertEquals(6, browser.evaluate("Number(document.body.getAttribute('data-live-charts'))").asInt(), "charts made");
            JsonNode charts = browser.evaluate("window.dropnightLive.charts");
            assertEquals(6, charts.size(), charts.toString());
            charts.fields().forEachRemaining(c -> {
                assertTrue(c.getValue().get("points").asInt() >= 2, c.getKey() + " holds both points: " + c.getValue());
                assertEquals(clock.get(), c.getValue().get("lastAt").asLong(), c.getKey() + "'s last point is the latest second");
            });
            assertEquals("<b>finale</b>", browser.evaluate("document.getElementById('live-night').textContent").asText());
            assertEquals(0, browser.evaluate("document.querySelectorAll('h1 b').length").asInt(), "text, not markup");
            assertEquals("T\u221200:08", browser.evaluate("document.getElementById('live-countdown').textContent").asText());
            assertEquals(1, browser.evaluate("document.querySelectorAll('#live-slos tbody tr').length").asInt());

            // the page reads live.js again by itself: a new second appears without a reload
            int before = updates(browser);
            second(page, 13, 0);
            await().atMost(BOUND).until(() -> updates(browser) > before);
            assertEquals(3, browser.evaluate("window.dropnightLive.charts['live-chart-arrivals'].points").asInt() / 2,
                    "arrived and planned, three seconds each");

            Path png = browser.screenshot(Path.of(System.getProperty("dropnight.buildDir", "target"), "report-screenshots",
                    "live-page.png"));
            assertTrue(Files.size(png) > 10_000, "a screenshot with content at " + png);

            Files.writeString(run.resolve(RunFiles.INDEX_PAGE), "<!DOCTYPE html><title>report</title><p id=\"report\">report</p>");
            view.ended = true;
            page.end(Optional.of(run.resolve(RunFiles.INDEX_PAGE)), "report written");
            await().atMost(BOUND).until(() -> browser.evaluate("location.href").asText().endsWith("/" + RunFiles.INDEX_PAGE));
            await().atMost(BOUND).until(() -> browser.evaluate("document.getElementById('report') !== null").asBoolean());
            List<String> console = new ArrayList<>(browser.console());
            assertEquals(List.of(), console, "the page said nothing on its console");
        }
    }

    private static int updates(HeadlessChromium browser) throws Exception {
        return browser.evaluate("window.dropnightLive ? window.dropnightLive.updates : 0").asInt();
    }
}
