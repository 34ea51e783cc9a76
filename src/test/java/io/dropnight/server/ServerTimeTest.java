package io.dropnight.server;

import io.dropnight.server.api.AdminApi;
import io.dropnight.server.api.CatalogueApi;
import io.dropnight.core.Endpoint;
import io.dropnight.server.api.Json;
import io.dropnight.server.api.OpsApi;
import io.dropnight.server.api.PagesApi;
import io.dropnight.server.api.PlaybackApi;
import io.dropnight.server.api.Routes;
import io.dropnight.auth.TokenService;
import io.dropnight.capacity.CacheModel;
import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.ServiceTimeDistribution;
import io.dropnight.capacity.VirtualBackend;
import io.dropnight.capacity.VirtualClock;
import io.dropnight.catalogue.Catalogue;
import io.dropnight.catalogue.CatalogueGenerator;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.catalogue.CatalogueConfig;
import io.dropnight.metrics.RequestOutcome;
import io.dropnight.metrics.RequestRecorder;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server time, as the README defines it: from the first byte of a request read to the last byte of
 * its response written, queueing and modelled service time included. The pipeline runs on an
 * EmbeddedChannel; the server's clock is injected (a hand-moved offset plus the virtual backend's
 * own time), so the nanoseconds recorded are exact.
 */
class ServerTimeTest {
    private static final long SERVICE_NANOS = 30_000_000L; // every modelled endpoint: fixed:30ms

    private record Recorded(String scenario, Endpoint endpoint, RequestOutcome outcome, long nanos) {
    }

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final VirtualClock modelClock = new VirtualClock();
    /** Time that passes outside the model: between reads, for example. */
    private long wireNanos = 1_000_000_000L;
    private VirtualBackend backend;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.systemUTC();
        Instant dropAt = Instant.now().plusSeconds(3600);
        Catalogue catalogue = CatalogueGenerator.generate(new CatalogueConfig(7, 50, dropAt, 1));
        DropSchedule drop = new DropSchedule(dropAt);
        Json json = new Json(8);
        EnumMap<Endpoint, ServiceTimeDistribution> times = new EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) {
            if (e.modelled()) {
                times.put(e, ServiceTimeDistribution.parse("test", "fixed:30ms"));
            }
        }
        // 4 slots and a miss cost of 1: nothing waits for a slot, a cold cache costs nothing extra.
        CapacityModel model = new CapacityModel(false, 1.0, 4, 16, times,
                new CacheModel(Duration.ofSeconds(30), 1.0, false, false));
        backend = new VirtualBackend(OverloadPolicy.FIXED, model, modelClock, 1);
        ServerMetrics metrics = new ServerMetrics();
        TokenService tokens = new TokenService(clock);
        PlaybackApi playback = new PlaybackApi(catalogue, drop, tokens, clock, json, Duration.ofHours(1));
        RequestRecorder recorder = (scenario, endpoint, outcome, nanos) ->
                recorded.add(new Recorded(scenario, endpoint, outcome, nanos));
        ServerContext context = new ServerContext(
                Routes.table(new CatalogueApi(catalogue, drop, clock, json), playback, new PagesApi(catalogue, drop, clock),
                        new OpsApi(metrics, backend), new AdminApi(metrics, backend, drop, at -> { }, clock, json,
                                OverloadPolicy.FIXED, model, (d, atDrop) -> { })),
                playback::authenticate, "embedded-admin-token-123", backend, recorder, metrics::scenarioLabel,
                new Responses(json), NetworkLimits.defaults(), new Drain(), () -> wireNanos + modelClock.nanoTime());
        channel = new EmbeddedChannel(new DropnightInitializer(context, new ConnectionLimiter(10)));
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finishAndReleaseAll(), "no buffer may be left in the channel");
        backend.close();
    }

    @Test
    void countsFromTheFirstByteOfARequestSplitAcrossReads() {
        read("GET / HTTP/1.1\r\nHo");
        wireNanos += 7_000_000L; // the rest arrives 7 ms later
        read("st: x\r\nX-Scenario: split\r\n\r\n");
        runModelAndLoop();

        assertEquals(List.of(new Recorded("split", Endpoint.PAGE_HOME, RequestOutcome.OK, 37_000_000L)), recorded,
                "7 ms on the wire + 30 ms modelled");
        assertTrue(readResponses().startsWith("HTTP/1.1 200 OK"));
    }

    @Test
    void includesTheModelledServiceTime() {
        read("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        runModelAndLoop();
        assertEquals(List.of(new Recorded("unlabelled", Endpoint.PAGE_HOME, RequestOutcome.OK, SERVICE_NANOS)), recorded);
        assertTrue(readResponses().startsWith("HTTP/1.1 200 OK"));
    }

    @Test
    void aPipelinedRequestCountsItsWaitBehindTheOneBefore() {
        // Three requests in one read share its stamp; HTTP/1.1 answers them in order, one at a time.
        read("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /title/2 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        runModelAndLoop();

        List<Long> nanos = new ArrayList<>();
        recorded.forEach(r -> nanos.add(r.nanos()));
        assertEquals(List.of(Endpoint.PAGE_HOME, Endpoint.PAGE_TITLE, Endpoint.HEALTH),
                recorded.stream().map(Recorded::endpoint).toList());
        // 30 ms; 30 waiting + 30 modelled; 60 waiting and no model (health is not modelled).
        assertEquals(List.of(30_000_000L, 60_000_000L, 60_000_000L), nanos);
        String responses = readResponses();
        assertEquals(3, responses.split("HTTP/1.1 200 OK", -1).length - 1, responses);
    }

    @Test
    void aRequestReadLaterStartsItsOwnClock() {
        read("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        runModelAndLoop();
        wireNanos += 500_000_000L; // the next request arrives half a second later, on the same connection
        read("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        runModelAndLoop();
        assertEquals(List.of(SERVICE_NANOS, 0L), recorded.stream().map(Recorded::nanos).toList(),
                "health is answered at once: the idle half second is not its time");
        readResponses();
    }

    private void read(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
    }

    /** Runs the model to idle and the event loop's tasks until neither has work left. */
    private void runModelAndLoop() {
        for (int i = 0; i < 100 && (modelClock.pending() > 0 || channel.hasPendingTasks()); i++) {
            modelClock.runUntilIdle();
            channel.runPendingTasks();
        }
        assertEquals(0, modelClock.pending(), "the model is idle");
    }

    private String readResponses() {
        StringBuilder out = new StringBuilder();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }
}
