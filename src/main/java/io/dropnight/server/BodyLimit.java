package io.dropnight.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

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

    /**
     * An {@code Expect: 100-continue} request whose declared body is too large gets no interim
     * response here: it falls through to {@link #handleOversizedMessage}, so that the 413 goes
     * through the one send path and is measured, as every other refusal is.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && declaredLength(start) > maxContentLength) {
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    /** The declared body length, or -1 when absent or not a number (the decoder refuses those). */
    private static long declaredLength(HttpMessage start) {
        try {
            return HttpUtil.getContentLength(start, -1L);
        } catch (NumberFormatException notANumber) {
            return -1L;
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // The aggregator releases `oversized` after this returns and discards the rest of the body.
        handler.bodyTooLarge();
    }
}
