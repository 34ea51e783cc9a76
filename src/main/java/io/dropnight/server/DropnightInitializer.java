package io.dropnight.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** Builds each connection's pipeline, top to bottom. Shared; holds no per-channel state. */
public final class DropnightInitializer extends ChannelInitializer<Channel> {
    private final ServerContext context;
    private final ConnectionLimiter connectionLimiter;
    private final Authenticator authenticator;
    private final RequestProblems problems;

    public DropnightInitializer(ServerContext context, ConnectionLimiter connectionLimiter) {
        this.context = context;
        this.connectionLimiter = connectionLimiter;
        this.authenticator = new Authenticator(context.sessions(), context.adminToken());
        this.problems = new RequestProblems(context.limits());
    }

    @Override
    protected void initChannel(Channel ch) {
        RequestHandler handler = new RequestHandler(context, authenticator, problems);
        ChannelPipeline p = ch.pipeline();
        p.addLast("connections", connectionLimiter);
        p.addLast("idle", new IdleStateHandler(0, 0, context.limits().idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast("clock", new RequestClock(context.nanoClock(), context.limits().requestTimeout().toNanos(),
                handler::requestTimedOut));
        p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(context.limits().maxInitialLineBytes())
                .setMaxHeaderSize(context.limits().maxHeaderBytes())
                .setMaxChunkSize(16 * 1024)));
        p.addLast("body", new BodyLimit(context.limits().maxBodyBytes(), handler));
        p.addLast("handler", handler);
    }
}
