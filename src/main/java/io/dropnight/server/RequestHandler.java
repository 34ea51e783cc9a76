package io.dropnight.server;

import io.dropnight.core.Endpoint;
import io.dropnight.server.api.HttpProblem;
import io.dropnight.server.api.RequestView;
import io.dropnight.server.api.Route;
import io.dropnight.server.api.Router;
import io.dropnight.capacity.Verdict;
import io.dropnight.metrics.Outcome;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Answers one connection's requests in order: decode checks, routing, authentication, admission
 * through the virtual backend, then the route's reply. HTTP/1.1 requires pipelined responses in
 * request order, so requests that arrive while one is in flight wait in a bounded queue.
 *
 * <p>Stateful: one per channel; everything runs on the channel's event loop.
 */
public final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final String BEARER = "Bearer ";

    private final ServerContext context;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean busy;

    private record Queued(FullHttpRequest request, long startNanos) {
    }

    public RequestHandler(ServerContext context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = clock().requestArrived();
        if (!busy) {
            dispatch(request, start);
        } else if (queued.size() < context.limits().maxPipelined()) {
            queued.add(new Queued(request.retain(), start));
        } else {
            LOG.debug("closing {}: more than {} pipelined requests", ctx.channel(), context.limits().maxPipelined());
            ctx.close();
        }
    }

    private void dispatch(FullHttpRequest request, long start) {
        busy = true;
        context.drain().begin();
        String scenario = context.scenarioLabels().apply(request.headers().get("X-Scenario"));
        Exchange ex = new Exchange(ctx, context, start, HttpUtil.isKeepAlive(request), request.protocolVersion(),
                scenario, this::exchangeDone);
        try {
            route(ex, request);
        } catch (HttpProblem problem) {
            ex.sendProblem(problem, false);
        } catch (RuntimeException bug) {
            LOG.error("internal error answering {} {}", request.method(), request.uri(), bug);
            ex.sendErrorPage(ErrorPage.Code.INTERNAL_ERROR, Outcome.ERROR_PAGE);
        }
    }

    private void route(Exchange ex, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            ex.sendProblem(decodeProblem(request.decoderResult().cause()), true);
            return;
        }
        HttpProblem framing = framingProblem(request);
        if (framing != null) {
            ex.sendProblem(framing, true);
            return;
        }
        QueryStringDecoder uri = decodeUri(request.uri());
        Router.Match match = context.router().match(request.method(), uri.path());
        if (!match.found()) {
            throw match.methodNotAllowed()
                    ? new HttpProblem(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                            request.method() + " is not allowed here; allowed: " + match.allowed())
                    : HttpProblem.notFound("no route for " + request.method() + " " + io.dropnight.server.api.Json.abbreviate(uri.path()));
        }
        Route route = match.route();
        ex.endpoint(route.endpoint());
        String subject = authenticate(route.access(), request);
        Route.Call call = route.handler().prepare(new RequestView(request.method(), uri.path(), match.pathParams(),
                uri.parameters(), request.headers(), request.content(), subject));
        if (!route.endpoint().modelled()) {
            answer(ex, call);
            return;
        }
        context.backend().serve(route.endpoint(), call.cacheKey(), ctx.executor(), verdict -> onVerdict(ex, call, verdict));
    }

    private String authenticate(Route.Access access, FullHttpRequest request) {
        if (access == Route.Access.PUBLIC) {
            return null;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()).trim() : null;
        if (access == Route.Access.ADMIN) {
            if (!context.isAdmin(token)) {
                throw HttpProblem.unauthorized("admin routes need Authorization: Bearer <admin token>");
            }
            return "admin";
        }
        String subject = token == null ? null : context.sessions().apply(token);
        if (subject == null) {
            throw HttpProblem.unauthorized(token == null
                    ? "this route needs Authorization: Bearer <token> from POST /api/session"
                    : "the session token is invalid or expired; get a new one from POST /api/session");
        }
        return subject;
    }

    private void onVerdict(Exchange ex, Route.Call call, Verdict verdict) {
        switch (verdict) {
            case SERVED -> answer(ex, call);
            case REJECTED -> ex.sendErrorPage(ErrorPage.Code.SERVICE_OVERLOADED, Outcome.REJECTED);
            case FAILED -> ex.sendErrorPage(ErrorPage.Code.BACKEND_UNAVAILABLE, Outcome.ERROR_PAGE);
        }
    }

    private void answer(Exchange ex, Route.Call call) {
        try {
            io.dropnight.server.api.Reply reply = call.answer().get();
            Outcome outcome = reply.status().code() < 400 ? Outcome.OK : Outcome.CLIENT_ERROR;
            ex.send(context.responses().of(reply), outcome, false);
        } catch (HttpProblem problem) {
            ex.sendProblem(problem, false);
        } catch (RuntimeException bug) {
            LOG.error("internal error answering {}", ex.endpoint(), bug);
            ex.sendErrorPage(ErrorPage.Code.INTERNAL_ERROR, Outcome.ERROR_PAGE);
        }
    }

    private void exchangeDone() {
        busy = false;
        context.drain().end();
        Queued next = queued.poll();
        if (next != null && ctx.channel().isActive()) {
            try {
                dispatch(next.request(), next.startNanos());
            } finally {
                next.request().release();
            }
        } else if (next != null) {
            next.request().release();
        }
    }

    /** Called by the {@link RequestClock} when a started request has not arrived whole in time. */
    void requestTimedOut() {
        refuseAndClose(new HttpProblem(HttpResponseStatus.REQUEST_TIMEOUT, "REQUEST_TIMEOUT",
                "the request did not arrive whole within " + context.limits().requestTimeout().toMillis() + " ms"));
    }

    /** Called by {@link BodyLimit} when a body is larger than allowed. */
    void bodyTooLarge() {
        refuseAndClose(new HttpProblem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "the body is larger than " + context.limits().maxBodyBytes() + " bytes"));
    }

    /**
     * Answers a request that never became whole (too slow, too large) and closes the connection.
     * With a response still owed to an earlier request, only closes: answering now would break
     * the order of responses.
     */
    private void refuseAndClose(HttpProblem problem) {
        if (busy) {
            ctx.close();
            return;
        }
        long start = clock().requestArrived();
        busy = true;
        context.drain().begin();
        new Exchange(ctx, context, start, false, io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.dropnight.metrics.ScenarioLabels.UNLABELLED, this::exchangeDone).sendProblem(problem, true);
    }

    private static QueryStringDecoder decodeUri(String uri) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            decoder.path();
            decoder.parameters();
            return decoder;
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("the request target is not valid: " + io.dropnight.server.api.Json.abbreviate(e.getMessage()));
        }
    }

    /**
     * What the decoder lets through but HTTP/1.1 forbids: a version other than 1.x (Netty parses
     * {@code HTTP/9.9} or an HTTP/2 preface as a version) and, RFC 9112 section 3.2, an HTTP/1.1
     * request without a Host header. Either way the connection can no longer be trusted.
     */
    private static HttpProblem framingProblem(FullHttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1) {
            return new HttpProblem(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP_VERSION_NOT_SUPPORTED",
                    "this server speaks HTTP/1.1 and HTTP/1.0, not " + io.dropnight.server.api.Json.abbreviate(version.text()));
        }
        if (version.minorVersion() >= 1 && !request.headers().contains(HttpHeaderNames.HOST)) {
            return HttpProblem.badRequest("an HTTP/1.1 request needs a Host header");
        }
        return null;
    }

    private HttpProblem decodeProblem(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new HttpProblem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "HEADERS_TOO_LARGE",
                    "the request headers are larger than " + context.limits().maxHeaderBytes() + " bytes");
        }
        if (cause instanceof TooLongHttpLineException) {
            return new HttpProblem(HttpResponseStatus.REQUEST_URI_TOO_LONG, "REQUEST_LINE_TOO_LONG",
                    "the request line is longer than " + context.limits().maxInitialLineBytes() + " bytes");
        }
        if (cause instanceof TooLongFrameException) {
            return new HttpProblem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "a part of the request is too large");
        }
        return HttpProblem.badRequest("malformed HTTP request: "
                + io.dropnight.server.api.Json.abbreviate(cause == null ? "unknown" : cause.getMessage()));
    }

    private RequestClock clock() {
        return ctx.channel().attr(RequestClock.KEY).get();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && !busy) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Queued q;
        while ((q = queued.poll()) != null) {
            q.request().release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof CodecException) {
            // Caused by the peer (a reset, a body cut short, a pipelining flood): routine on the
            // internet, and a hostile client must not be able to fill the log with stack traces.
            LOG.debug("connection {} failed: {}", ctx.channel(), cause.toString());
        } else {
            LOG.warn("closing {} after an unexpected error", ctx.channel(), cause);
        }
        ctx.close();
    }

}
