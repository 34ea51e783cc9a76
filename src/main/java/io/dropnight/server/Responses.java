package io.dropnight.server;

import io.dropnight.core.Endpoint;
import io.dropnight.server.api.HttpProblem;
import io.dropnight.server.api.Json;
import io.dropnight.server.api.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Builds every response the service sends, so that content type, length and the error page's
 * marker are set in one place. Keep-alive is decided by the caller's send method. Thread-safe.
 */
public final class Responses {
    /** Seconds a shed client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private final Json json;
    private final HttpResponseStatus unavailableStatus;

    /** Error pages for shedding and outages answer 503. */
    public Responses(Json json) {
        this(json, 503);
    }

    /**
     * @param unavailableStatus status of the error page for shedding and outages: 503, or 200 to
     *                          rehearse a deployment that serves the page with 200 (clients must
     *                          then recognise it by its {@link ErrorPage#MARKER})
     */
    public Responses(Json json, int unavailableStatus) {
        this.json = json;
        this.unavailableStatus = HttpResponseStatus.valueOf(unavailableStatus);
    }

    public FullHttpResponse of(Reply reply) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(), content(reply));
        if (reply.contentType() != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            r.headers().set(h.getKey(), h.getValue());
        }
        return r;
    }

    private ByteBuf content(Reply reply) {
        if (reply.writer() != null) {
            return written(reply.writer());
        }
        byte[] body = reply.bytes() != null ? reply.bytes()
                : reply.json() != null ? json.write(reply.json()) : null;
        return body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    }

    /**
     * A body written into a pooled buffer, which the response owns once returned; released here
     * when the writer fails.
     */
    private static ByteBuf written(Reply.BodyWriter writer) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer();
        boolean complete = false;
        try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
            writer.writeTo(out);
            complete = true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a response body", e);
        } finally {
            if (!complete) {
                buffer.release();
            }
        }
        return buffer;
    }

    public FullHttpResponse problem(HttpProblem problem) {
        return of(problem.reply());
    }

    /**
     * The branded error page: HTML for the browser routes, JSON for the API, 503 with
     * {@code Retry-After} and the marker header either way.
     */
    public FullHttpResponse errorPage(Endpoint endpoint, io.dropnight.server.ErrorPage.Code code) {
        boolean html = endpoint == Endpoint.PAGE_HOME || endpoint == Endpoint.PAGE_TITLE;
        HttpResponseStatus status = code == ErrorPage.Code.INTERNAL_ERROR
                ? HttpResponseStatus.INTERNAL_SERVER_ERROR : unavailableStatus;
        Reply reply = html ? new Reply(status, Reply.HTML, null, ErrorPage.html(), null, Map.of())
                : Reply.json(status, ErrorPage.json(code, RETRY_AFTER_SECONDS));
        FullHttpResponse r = of(reply);
        r.headers().set(ErrorPage.HEADER, ErrorPage.MARKER);
        if (status == HttpResponseStatus.SERVICE_UNAVAILABLE) {
            r.headers().set(HttpHeaderNames.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

}
