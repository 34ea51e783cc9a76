package io.dropnight.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates a request and its body up to the limit; a larger body is answered by the request
 * handler's one send method (413, JSON, recorded) rather than by the aggregator's own response.
 */
final class BodyLimit extends HttpObjectAggregator {
    private final RequestHandler handler;

    BodyLimit(int maxBodyBytes, RequestHandler handler) {
        super(maxBodyBytes);
        this.handler = handler;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // The aggregator releases `oversized` after this returns and discards the rest of the body.
        handler.bodyTooLarge();
    }
}
