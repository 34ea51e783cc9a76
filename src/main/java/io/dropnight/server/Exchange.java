package io.dropnight.server;

import io.dropnight.core.Endpoint;
import io.dropnight.metrics.RequestOutcome;
import io.dropnight.server.api.HttpProblem;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One request on its way to a response. {@link #send} is the one place a response leaves the
 * service: it sets Content-Length and keep-alive, writes, and records the server time (first byte
 * read to last byte written) once the write has completed. Confined to the channel's event loop.
 */
final class Exchange {
    private final ChannelHandlerContext ctx;
    private final ServerContext context;
    private final long startNanos;
    private final boolean keepAlive;
    private final HttpVersion version;
    private final Runnable onDone;
    private String scenario;
    private Endpoint endpoint = Endpoint.UNROUTED;
    private boolean sent;

    Exchange(ChannelHandlerContext ctx, ServerContext context, long startNanos, boolean keepAlive,
             HttpVersion version, String scenario, Runnable onDone) {
        this.ctx = ctx;
        this.context = context;
        this.startNanos = startNanos;
        this.keepAlive = keepAlive;
        this.version = version;
        this.scenario = scenario;
        this.onDone = onDone;
    }

    void endpoint(Endpoint value) {
        this.endpoint = value;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    void sendProblem(HttpProblem problem, boolean close) {
        send(context.responses().problem(problem), RequestOutcome.CLIENT_ERROR, close);
    }

    void sendErrorPage(ErrorPage.Code code, RequestOutcome outcome) {
        send(context.responses().errorPage(endpoint, code), outcome, false);
    }

    /**
     * Writes {@code response} and records it with {@code outcome}. Exactly once per exchange;
     * a second call releases the response and is ignored.
     */
    void send(FullHttpResponse response, RequestOutcome outcome, boolean forceClose) {
        if (sent) {
            response.release();
            return;
        }
        sent = true;
        boolean close = forceClose || !keepAlive || context.drain().draining();
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) {
                context.recorder().record(scenario, endpoint, outcome, context.nanoClock().getAsLong() - startNanos);
            }
            if (close || !written.isSuccess()) {
                ctx.close();
            }
            onDone.run();
        });
    }
}
