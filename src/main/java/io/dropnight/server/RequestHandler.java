package io.dropnight.server;

import io.dropnight.capacity.Verdict;
import io.dropnight.metrics.RequestOutcome;
import io.dropnight.metrics.ScenarioLabels;
import io.dropnight.server.api.HttpProblem;
import io.dropnight.server.api.Reply;
import io.dropnight.server.api.RequestView;
import io.dropnight.server.api.Route;
import io.dropnight.server.api.Router;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Answers one connection's requests in order: what is wrong with a request is asked of
 * {@link RequestProblems}, who may call a route of the {@link Authenticator}; this handler routes,
 * sends modelled requests through the virtual backend and answers with the route's reply.
 * HTTP/1.1 requires pipelined responses in request order, so requests that arrive while one is in
 * flight wait in a bounded queue.
 *
 * <p>Stateful: one per channel; everything runs on the channel's event loop.
 */
public final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final ServerContext context;
    private final Authenticator authenticator;
    private final RequestProblems problems;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean busy;

    private record Queued(FullHttpRequest request, long startNanos) {
    }

    /**
     * @param context       what every connection shares
     * @param authenticator checks each route's access (shared)
     * @param problems      maps what is wrong with a request to its answer (shared)
     */
    RequestHandler(ServerContext context, Authenticator authenticator, RequestProblems problems) {
        this.context = context;
        this.authenticator = authenticator;
        this.problems = problems;
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
            ex.sendErrorPage(ErrorPage.Code.INTERNAL_ERROR, RequestOutcome.ERROR_PAGE);
        }
    }

    private void route(Exchange ex, FullHttpRequest request) {
        HttpProblem arrival = problems.arrival(request);
        if (arrival != null) {
            ex.sendProblem(arrival, true);
            return;
        }
        QueryStringDecoder uri = RequestProblems.decodeTarget(request.uri());
        Router.Match match = context.router().match(request.method(), uri.path());
        if (!match.found()) {
            throw RequestProblems.noRoute(request.method(), uri.path(), match);
        }
        Route route = match.route();
        ex.endpoint(route.endpoint());
        String subject = authenticator.subject(route.access(), request.headers());
        Route.Call call = route.handler().prepare(new RequestView(request.method(), uri.path(), match.pathParams(),
                uri.parameters(), request.headers(), request.content(), subject));
        if (!route.endpoint().modelled()) {
            answer(ex, call);
            return;
        }
        context.backend().serve(route.endpoint(), call.cacheKey(), ctx.executor(), verdict -> onVerdict(ex, call, verdict));
    }

    private void onVerdict(Exchange ex, Route.Call call, Verdict verdict) {
        switch (verdict) {
            case SERVED -> answer(ex, call);
            case REJECTED -> ex.sendErrorPage(ErrorPage.Code.SERVICE_OVERLOADED, RequestOutcome.REJECTED);
            case FAILED -> ex.sendErrorPage(ErrorPage.Code.BACKEND_UNAVAILABLE, RequestOutcome.ERROR_PAGE);
        }
    }

    private void answer(Exchange ex, Route.Call call) {
        if (call.later() != null) {
            answerLater(ex, call);
            return;
        }
        try {
            Reply reply = call.answer().get();
            RequestOutcome outcome = reply.status().code() < 400 ? RequestOutcome.OK : RequestOutcome.CLIENT_ERROR;
            ex.send(context.responses().of(reply), outcome, false);
        } catch (HttpProblem problem) {
            ex.sendProblem(problem, false);
        } catch (RuntimeException bug) {
            LOG.error("internal error answering {}", ex.endpoint(), bug);
            ex.sendErrorPage(ErrorPage.Code.INTERNAL_ERROR, RequestOutcome.ERROR_PAGE);
        }
    }

    /** Starts the call's work and answers on this channel's event loop when its stage completes. */
    private void answerLater(Exchange ex, Route.Call call) {
        java.util.concurrent.CompletionStage<Reply> stage;
        try {
            stage = call.later().get();
        } catch (HttpProblem problem) {
            ex.sendProblem(problem, false);
            return;
        } catch (RuntimeException bug) {
            LOG.error("internal error answering {}", ex.endpoint(), bug);
            ex.sendErrorPage(ErrorPage.Code.INTERNAL_ERROR, RequestOutcome.ERROR_PAGE);
            return;
        }
        stage.whenComplete((reply, failure) -> {
            try {
                ctx.executor().execute(() -> sendLater(ex, reply, failure));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("an answer for {} came after its event loop stopped", ex.endpoint(), e);
            }
        });
    }

    private void sendLater(Exchange ex, Reply reply, Throwable failure) {
        if (failure == null) {
            answer(ex, Route.Call.of(() -> reply));
        } else if (failure instanceof HttpProblem || failure.getCause() instanceof HttpProblem) {
            ex.sendProblem(failure instanceof HttpProblem p ? p : (HttpProblem) failure.getCause(), false);
        } else {
            // The backend's work failed (a commit that did not happen): the outage's error page.
            LOG.warn("{} failed: {}", ex.endpoint(), failure.toString());
            ex.sendErrorPage(ErrorPage.Code.BACKEND_UNAVAILABLE, RequestOutcome.ERROR_PAGE);
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
        refuseAndClose(problems.timedOut());
    }

    /** Called by {@link BodyLimit} when a body is larger than allowed. */
    void bodyTooLarge() {
        refuseAndClose(problems.bodyTooLarge());
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
        new Exchange(ctx, context, start, false, HttpVersion.HTTP_1_1, ScenarioLabels.UNLABELLED, this::exchangeDone)
                .sendProblem(problem, true);
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
