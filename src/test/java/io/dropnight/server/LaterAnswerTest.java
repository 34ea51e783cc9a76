package io.dropnight.server;

import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.VirtualBackend;
import io.dropnight.capacity.VirtualClock;
import io.dropnight.core.Endpoint;
import io.dropnight.metrics.ServerMetrics;
import io.dropnight.server.api.Json;
import io.dropnight.server.api.Reply;
import io.dropnight.server.api.Route;
import io.dropnight.server.api.Router;
import io.dropnight.shedding.OverloadPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route whose answer comes later (a confirm waiting for its commit): answered on the channel's
 * event loop when its stage completes, in pipelined order; a failed stage is the error page.
 */
class LaterAnswerTest {
    private final CompletableFuture<Reply> pending = new CompletableFuture<>();
    private VirtualBackend backend;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        Json json = new Json(8);
        ServerMetrics metrics = new ServerMetrics();
        backend = new VirtualBackend(OverloadPolicy.FIXED, CapacityModel.defaults().withUnconstrained(true),
                new VirtualClock(), 1);
        Router router = new Router(List.of(
                new Route(HttpMethod.POST, "/later", Endpoint.CONFIRM, Route.Access.PUBLIC, r -> Route.Call.later(() -> pending)),
                new Route(HttpMethod.POST, "/fails", Endpoint.CONFIRM, Route.Access.PUBLIC,
                        r -> Route.Call.later(() -> CompletableFuture.failedFuture(new IllegalStateException("commit failed")))),
                new Route(HttpMethod.GET, "/now", Endpoint.HOME, Route.Access.PUBLIC,
                        r -> Route.Call.of(() -> Reply.json(HttpResponseStatus.OK, Map.of("now", true))))));
        ServerContext context = new ServerContext(router, token -> null, "embedded-admin-token-123", backend, metrics,
                metrics::scenarioLabel, new Responses(json), NetworkLimits.defaults(), new Drain(), System::nanoTime);
        channel = new EmbeddedChannel(new DropnightInitializer(context, new ConnectionLimiter(10)));
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finishAndReleaseAll(), "no buffer may be left in the channel");
        backend.close();
    }

    @Test
    void aLaterAnswerIsSentWhenItsStageCompletesAndThePipelineWaitsForIt() throws Exception {
        String none = send("POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nGET /now HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("", none, "nothing is answered before the commit, not even the request behind it");

        Thread committer = new Thread(() -> pending.complete(Reply.json(HttpResponseStatus.OK, Map.of("booked", true))));
        committer.start();
        committer.join();
        String both = send("");

        int booked = both.indexOf("{\"booked\":true}");
        int now = both.indexOf("{\"now\":true}");
        assertTrue(both.startsWith("HTTP/1.1 200") && booked > 0 && now > booked, both);
    }

    @Test
    void aFailedStageIsTheErrorPage() {
        String response = send("POST /fails HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 503"), response);
        assertTrue(response.contains(ErrorPage.MARKER), response);
        assertFalse(response.contains("commit failed"), "no internals on the wire");
    }

    private String send(String raw) {
        if (!raw.isEmpty()) {
            channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        }
        channel.runPendingTasks();
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }
}
