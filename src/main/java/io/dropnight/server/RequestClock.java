package io.dropnight.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * First in the pipeline, before the HTTP decoder: stamps the moment the first byte of each
 * request is read (server time is measured from there to the last byte written), and gives a
 * started request {@code requestTimeoutNanos} to arrive whole, so a slow sender (slowloris) is
 * answered 408 and closed instead of holding a connection forever.
 *
 * <p>Stateful: one per channel. All methods run on the channel's event loop.
 */
public final class RequestClock extends ChannelInboundHandlerAdapter {
    static final AttributeKey<RequestClock> KEY = AttributeKey.valueOf("dropnight.requestClock");

    private final LongSupplier nanoClock;
    private final long requestTimeoutNanos;
    private final Runnable onTimeout;
    private long pendingStartNanos;
    private long lastReadNanos;
    private ScheduledFuture<?> timeout;

    /**
     * @param onTimeout runs on the event loop when a request has not arrived whole in time
     */
    public RequestClock(LongSupplier nanoClock, long requestTimeoutNanos, Runnable onTimeout) {
        this.nanoClock = nanoClock;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.onTimeout = onTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(KEY).set(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            lastReadNanos = nanoClock.getAsLong();
            if (pendingStartNanos == 0) {
                pendingStartNanos = lastReadNanos;
                timeout = ctx.executor().schedule(onTimeout, requestTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Called when a whole request has been decoded: returns when its first byte was read and
     * stops its arrival timeout. Pipelined requests read in one go share that read's stamp.
     */
    long requestArrived() {
        long start = pendingStartNanos != 0 ? pendingStartNanos : lastReadNanos;
        pendingStartNanos = 0;
        cancelTimeout();
        return start != 0 ? start : nanoClock.getAsLong();
    }

    long now() {
        return nanoClock.getAsLong();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
