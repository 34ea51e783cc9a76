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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void prometheusRouteAnswersTheTextFormatWrittenIntoItsOwnBuffer() {
        exchange("GET /health HTTP/1.1\r\nHost: x\r\nX-Scenario: night\r\n\r\n");
        String response = exchange("GET /metrics/prometheus HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
        assertTrue(response.contains("content-type: text/plain; version=0.0.4; charset=utf-8"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(response.contains("content-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"), response);
        assertTrue(body.contains("dropnight_service_requests_total{endpoint=\"health\",outcome=\"ok\",scenario=\"night\"} 1.0\n"),
                body);
        assertTrue(body.contains("dropnight_service_policy_info{policy=\"fixed\"} 1\n"), body);
        assertTrue(channel.isActive(), "keep-alive connection stays open");
    }

    @Test
    void prometheusRouteAnswersOpenMetricsWhenAccepted() {
        String response = exchange("GET /metrics/prometheus HTTP/1.1\r\nHost: x\r\n"
                + "Accept: application/openmetrics-text; version=1.0.0; charset=utf-8\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
        assertTrue(response.contains("content-type: application/openmetrics-text; version=1.0.0; charset=utf-8"), response);
        assertTrue(response.endsWith("# EOF\n"), response);
    }

    /** Whatever the service answers another method on /metrics, it answers on /metrics/prometheus. */
    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "POST", "PUT", "DELETE"})
    void otherMethodsOnThePrometheusRouteGetTheUsual405(String method) {
        String json = exchange(method + " /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        String prometheus = exchange(method + " /metrics/prometheus HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertTrue(prometheus.startsWith("HTTP/1.1 405 Method Not Allowed"), prometheus);
        assertEquals(statusAndType(json), statusAndType(prometheus));
        if (!method.equals("HEAD")) {
            assertTrue(prometheus.contains("\"code\":\"METHOD_NOT_ALLOWED\""), prometheus);
        }
    }

    private static String statusAndType(String response) {
        String type = response.lines().filter(l -> l.startsWith("content-type:")).findFirst().orElse("");
        return response.lines().findFirst().orElse("") + " / " + type;
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
