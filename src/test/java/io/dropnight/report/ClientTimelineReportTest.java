package io.dropnight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run against an external target has no server log: its timeline around the drop comes from client.hlog. */
class ClientTimelineReportTest {

    @Test
    void theClientLogAloneGivesThePerSecondTimelineWithTheDropMarked() throws Exception {
        RunModel model = RunModel.of(RunReader.read(Fixtures.run(Fixtures.EXTERNAL)));
        assertEquals(10.0, model.dropAtSec().getAsDouble(), 1e-9, "the drop, from the client log's start");
        NightModel night = model.nights().get(0);
        assertTrue(night.load().points().isEmpty(), "no server log");
        List<ClientLoadSeries.Point> points = night.clientLoad().points();
        assertEquals(ReportFixtures.SECONDS, points.size());
        ClientLoadSeries.Point before = points.get(5);
        ClientLoadSeries.Point surge = points.get(12);
        assertEquals(0.0, before.secondsSinceStart() - 5, 1e-9);
        assertEquals(90.0, before.sentPerSec(), 1e-9, "15 requests a second on four endpoints, 30 heartbeats");
        assertEquals(before.sentPerSec(), before.answeredPerSec(), 1e-9);
        assertEquals(0.0, before.errorPagesPerSec() + before.failuresPerSec(), 1e-9);
        assertEquals(450.0, surge.sentPerSec(), 1e-9);
        assertTrue(surge.errorPagesPerSec() > 50 && surge.failuresPerSec() > 0, surge.toString());
        assertEquals(surge.sentPerSec(), surge.answeredPerSec() + surge.errorPagesPerSec() + surge.failuresPerSec(), 1e-9);
        assertEquals(List.of("session", "home", "title", "playback-start", "heartbeat"),
                night.endpoints().stream().map(EndpointLatency::endpoint).toList());
        assertTrue(night.endpoint("home").client().getTotalCount() > 0);
    }

    @Test
    void theRunPageDrawsTheClientTimelineAndTheComparisonAlignsOnTheDrop(@TempDir Path reports) throws Exception {
        Fixtures.copyRuns(reports, Fixtures.EXTERNAL, Fixtures.NONE);
        String page = Files.readString(ReportGenerator.generate(reports.resolve(Fixtures.EXTERNAL)));
        assertTrue(page.contains("requests sent and answered per second"), "client load chart");
        assertTrue(page.contains("error pages and failures per second"), "client errors chart");
        assertTrue(page.contains("FAIL"), "the verdict in the header");

        Path compare = new ReportGenerator(Clock.systemUTC()).comparison(
                List.of(reports.resolve(Fixtures.EXTERNAL), reports.resolve(Fixtures.NONE)), reports.resolve("compare.html"));
        String html = Files.readString(compare);
        assertTrue(html.contains("answered ok per second (client), runs aligned on the drop"), "client timeline aligned");
        assertTrue(html.contains(Fixtures.EXTERNAL + " (client)"), "the external run is drawn from its client log");
    }
}
