package io.dropnight.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.simulations.params.LiveOptions;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** live.html written once, live.js rewritten each tick (ticked by hand here), the report named at the end. */
class LivePageTest {
    @TempDir
    Path run;

    private final SteppedNightView view = new SteppedNightView();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<String> console = new ArrayList<>();

    private LivePage page(Optional<LiveServer> server) {
        return LivePage.write(run, view, server, clock::get, console::add);
    }

    private JsonNode data() throws Exception {
        return LiveDataTest.parse(Files.readString(run.resolve(RunFiles.LIVE_DATA)));
    }

    /** One second of the night, then a tick of the page. */
    private void second(LivePage page, long arrivals) {
        view.step(arrivals, 10 * arrivals, 0);
        clock.addAndGet(1_000);
        page.tick();
    }

    @Test
    void writesASelfContainedPageAndItsFirstData() throws Exception {
        page(Optional.empty());
        String html = Files.readString(run.resolve(RunFiles.LIVE_PAGE));
        assertTrue(html.contains("data-live-source=\"live.js\""), "the page reads live.js beside it");
        assertTrue(html.contains("Chart.js v"), "Chart.js is inlined");
        assertFalse(html.contains(" src="), "nothing is loaded from elsewhere");
        assertEquals(6, html.split("<canvas ", -1).length - 1, "six charts");
        JsonNode d = data();
        assertEquals(0, d.get("timeline").get("t").size(), "no point before a second has passed");
        assertFalse(d.get("ended").asBoolean());
        assertEquals(List.of(), console);
    }

    @Test
    void eachTickRewritesTheDataWithAPointMore() throws Exception {
        LivePage page = page(Optional.empty());
        second(page, 3);
        second(page, 5);
        JsonNode t = data().get("timeline");
        assertEquals(List.of(3.0, 5.0), List.of(t.get("arrivals").get(0).asDouble(), t.get("arrivals").get(1).asDouble()));
        assertEquals(3_000, data().get("at").asLong());
        assertEquals(List.of(), console);
    }

    @Test
    void theLastDataNamesTheReportAndNothingIsWrittenAfterIt() throws Exception {
        LivePage page = page(Optional.empty());
        second(page, 3);
        view.ended = true;
        view.verdict = "fail";
        clock.addAndGet(1_000);
        page.end(Optional.of(run.resolve(RunFiles.INDEX_PAGE)), "report: " + run.resolve(RunFiles.INDEX_PAGE));
        JsonNode d = data();
        assertTrue(d.get("ended").asBoolean());
        assertEquals("fail", d.get("verdict").asText());
        assertEquals("index.html", d.get("report").asText(), "relative to the run folder, as the page reads it");
        second(page, 9);
        assertEquals(3_000, data().get("at").asLong(), "a tick after the end writes nothing");
    }

    @Test
    void withoutAReportTheLastDataSaysWhy() throws Exception {
        LivePage page = page(Optional.empty());
        view.ended = true;
        page.end(Optional.empty(), "report: not written: disk full");
        JsonNode d = data();
        assertTrue(d.get("report").isNull());
        assertEquals("report: not written: disk full", d.get("reportNote").asText());
    }

    @Test
    void aFailedWriteIsSaidOnceAndTriedAgainTheNextSecond() throws Exception {
        LivePage page = page(Optional.empty());
        Path data = run.resolve(RunFiles.LIVE_DATA);
        Files.delete(data);
        Files.createDirectory(data); // a folder in its place: the rename fails
        second(page, 1);
        second(page, 1);
        assertEquals(1, console.size(), console.toString());
        assertTrue(console.get(0).startsWith("live page: live.js not written"), console.get(0));
        Files.delete(data);
        second(page, 1);
        assertEquals(3, data().get("timeline").get("t").size(), "the seconds missed are still in the timeline");
    }

    @Test
    void aRunFolderThatCannotBeWrittenLeavesTheNightWithoutAPage() throws Exception {
        Path notAFolder = Files.writeString(run.resolve("file"), "x");
        LivePage page = LivePage.write(notAFolder, view, Optional.empty(), clock::get, console::add);
        assertEquals(1, console.size(), console.toString());
        assertTrue(console.get(0).startsWith("live page: not written ("), console.get(0));
        assertTrue(console.get(0).endsWith("the night goes on without it"), console.get(0));
        page.start();
        page.tick();
        page.end(Optional.empty(), "none");
        assertEquals(1, console.size(), "an absent page does nothing: " + console);
    }

    @Test
    void theMetricsPortServesThePageAndItsLatestData() throws Exception {
        try (LiveServer server = LiveServer.start(new LiveOptions(OptionalInt.of(0), LiveOptions.LOOPBACK, false),
                new PrometheusRegistry())) {
            LivePage page = page(Optional.of(server));
            second(page, 4);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> root = http.send(HttpRequest.newBuilder(server.pageUrl()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, root.statusCode());
            assertTrue(root.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertArrayEquals(Files.readAllBytes(run.resolve(RunFiles.LIVE_PAGE)), root.body());
            URI js = server.pageUrl().resolve(RunFiles.LIVE_DATA + "?t=12345");
            HttpResponse<String> data = http.send(HttpRequest.newBuilder(js).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, data.statusCode());
            assertEquals("no-store", data.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(Files.readString(run.resolve(RunFiles.LIVE_DATA)), data.body());
            assertEquals(1, LiveDataTest.parse(data.body()).get("timeline").get("t").size());
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(server.pageUrl().resolve("/secrets")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, other.statusCode());
            assertEquals(3, server.scrapes(), "the page's answers count as looks, for the wait after the night");
        }
    }
}
