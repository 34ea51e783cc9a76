package io.dropnight.server;

import io.dropnight.server.api.AdminApi;
import io.dropnight.server.api.CatalogueApi;
import io.dropnight.server.api.Json;
import io.dropnight.server.api.OpsApi;
import io.dropnight.server.api.PagesApi;
import io.dropnight.server.api.PlaybackApi;
import io.dropnight.server.api.Routes;
import io.dropnight.auth.TokenService;
import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.VirtualBackend;
import io.dropnight.capacity.VirtualClock;
import io.dropnight.catalogue.Catalogue;
import io.dropnight.catalogue.CatalogueGenerator;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.catalogue.CatalogueConfig;
import io.dropnight.metrics.ServerMetrics;
import io.dropnight.shedding.OverloadPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline on an EmbeddedChannel: no socket, every buffer accounted for. */
class PipelineTest {
    private VirtualBackend backend;
    private EmbeddedChannel channel;
    private ServerMetrics metrics;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.systemUTC();
        Catalogue catalogue = CatalogueGenerator.generate(new CatalogueConfig(7, 50, Instant.now().plusSeconds(3600), 1));
        DropSchedule drop = new DropSchedule(Instant.now().plusSeconds(3600));
        Json json = new Json(8);
        metrics = new ServerMetrics();
        backend = new VirtualBackend(OverloadPolicy.FIXED, CapacityModel.defaults().withUnconstrained(true),
                new VirtualClock(), 1);
        TokenService tokens = new TokenService(clock);
        PlaybackApi playback = new PlaybackApi(catalogue, drop, tokens, clock, json, java.time.Duration.ofHours(1));
        ServerContext context = new ServerContext(
                Routes.table(new CatalogueApi(catalogue, drop, clock, json), playback, new PagesApi(catalogue, drop, clock),
                        new OpsApi(metrics, backend), new AdminApi(metrics, backend, drop, at -> { }, clock, json,
                                OverloadPolicy.FIXED, CapacityModel.defaults(), (d, atDrop) -> { })),
                playback::authenticate, "embedded-admin-token-123", backend, metrics, metrics::scenarioLabel,
                new Responses(json), NetworkLimits.defaults(), new Drain(), System::nanoTime);
        channel = new EmbeddedChannel(new DropnightInitializer(context, new ConnectionLimiter(10)));
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finishAndReleaseAll(), "no buffer may be left in the channel");
        backend.close();
    }

    @Test
    void answersHealthWithContentLengthAndKeepAlive() {
        String response = exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
        assertTrue(response.toLowerCase().contains("content-length: 15"), response);
        assertTrue(channel.isActive(), "keep-alive connection stays open");
    }

    @Test
    void malformedRequestLineIsABadRequestAndCloses() {
        String response = exchange("GARBAGE\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertFalse(channel.isActive());
    }

    @Test
    void apiWithoutTokenIsUnauthorizedJson() {
        String response = exchange("GET /api/home HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 401"), response);
        assertTrue(response.contains("\"code\":\"UNAUTHORIZED\""), response);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        String response = exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        int ok = response.indexOf("HTTP/1.1 200");
        int notFound = response.indexOf("HTTP/1.1 404");
        assertTrue(ok >= 0 && notFound > ok, response);
    }

    @Test
    void oversizedExpectContinueIsRefusedThroughTheMeasuredPath() {
        String response = exchange("POST /api/session HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 10000000\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), response);
        assertFalse(response.contains("100 Continue"), response);
        assertEquals(1, metrics.snapshot().scenarios().get("unlabelled").get("unrouted").getClientErrors());
    }

    @Test
    void smallExpectContinueStillGetsItsInterimResponse() {
        channel.writeInbound(Unpooled.copiedBuffer("POST /api/session HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 2\r\n\r\n", StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        ByteBuf interim = channel.readOutbound();
        assertTrue(interim.toString(StandardCharsets.UTF_8).startsWith("HTTP/1.1 100 Continue"));
        interim.release();
        String response = exchange("{}");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
    }

    private String exchange(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        assertEquals(false, out.length() == 0, "a response was written");
        return out.toString();
    }
}
