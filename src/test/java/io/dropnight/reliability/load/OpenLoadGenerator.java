package io.dropnight.reliability.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-model HTTP/1.1 load generator (wrk2's rule): arrivals follow a schedule computed up front
 * and are sent when due whatever the server is doing, and latency is measured from when a request
 * <em>should</em> have been sent, so a stalled server cannot hide its stall (no coordinated
 * omission). Keep-alive connections are reused; a new one is opened when none is idle, up to
 * {@code maxConnections}; beyond that an arrival is counted as {@code overflow}, never delayed.
 * Each request gets {@code timeout} from its intended time, then counts as a timeout and its
 * connection is closed, as a real client gives up. A run is bounded by its schedule plus the timeout.
 *
 * <p>One run at a time; {@link #close()} releases the event loop.
 */
public final class OpenLoadGenerator implements AutoCloseable {
    /** Dispatch tick: arrivals due within a tick are sent together, late by at most this. */
    private static final long TICK_MICROS = 500;
    private static final String ERROR_PAGE_HEADER = "X-Dropnight-Error-Page";

    private final InetSocketAddress address;
    private final Duration timeout;
    private final int maxConnections;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Bootstrap bootstrap;

    /**
     * @param timeout        how long a request may take from its intended send time
     * @param maxConnections the most connections open at once
     */
    public OpenLoadGenerator(InetSocketAddress address, Duration timeout, int maxConnections) {
        this.address = address;
        this.timeout = timeout;
        this.maxConnections = maxConnections;
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new ResponseHandler());
                    }
                });
    }

    /** Runs the schedule, waits for every arrival's outcome, and returns one result per target. */
    public List<TargetResult> run(List<Target> targets, Duration duration, Arrivals.Shape shape, long seed)
            throws InterruptedException {
        Arrivals arrivals = Arrivals.of(targets, duration.toNanos(), shape, seed);
        List<TargetResult> results = new ArrayList<>();
        targets.forEach(t -> results.add(new TargetResult()));
        CountDownLatch outcomes = new CountDownLatch(arrivals.size());
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "loadgen-pacer"));
        long startNanos = System.nanoTime() + 5_000_000;
        int[] next = {0};
        pacer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            while (next[0] < arrivals.size() && startNanos + arrivals.offsetNanos(next[0]) <= now) {
                int i = next[0]++;
                int t = arrivals.target(i);
                send(targets.get(t), results.get(t), startNanos + arrivals.offsetNanos(i), outcomes);
            }
        }, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
        try {
            long boundMillis = duration.toMillis() + timeout.toMillis() * 2 + 5_000;
            if (!outcomes.await(boundMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(outcomes.getCount() + " arrivals have no outcome after " + boundMillis + " ms");
            }
        } finally {
            pacer.shutdownNow();
        }
        results.forEach(TargetResult::seal);
        return results;
    }

    private void send(Target target, TargetResult result, long intendedNanos, CountDownLatch outcomes) {
        result.offered.increment();
        Pending p = new Pending(target, result, intendedNanos, outcomes);
        Channel ch;
        while ((ch = idle.pollFirst()) != null) {
            if (ch.isActive()) {
                Channel c = ch;
                c.eventLoop().execute(() -> c.pipeline().get(ResponseHandler.class).start(c, p));
                return;
            }
        }
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            p.finish(result.overflow, 0);
            return;
        }
        ChannelFuture f = bootstrap.connect(address);
        f.channel().closeFuture().addListener(x -> open.decrementAndGet());
        f.addListener(done -> {
            if (done.isSuccess()) {
                f.channel().pipeline().get(ResponseHandler.class).start(f.channel(), p);
            } else {
                p.finish(result.connectionErrors, 0);
            }
        });
    }

    /** One arrival on its way; finished exactly once. Confined to its channel's event loop once started. */
    private static final class Pending {
        final Target target;
        final TargetResult result;
        final long intendedNanos;
        final CountDownLatch outcomes;
        ScheduledFuture<?> timer;
        boolean finished;

        Pending(Target target, TargetResult result, long intendedNanos, CountDownLatch outcomes) {
            this.target = target;
            this.result = result;
            this.intendedNanos = intendedNanos;
            this.outcomes = outcomes;
        }

        void finish(java.util.concurrent.atomic.LongAdder outcome, long latencyMicros) {
            if (finished) {
                return;
            }
            finished = true;
            if (timer != null) {
                timer.cancel(false);
            }
            outcome.increment();
            if (outcome == result.ok) {
                result.okMicros.recordValue(latencyMicros);
            } else if (outcome == result.errorPages) {
                result.errorPageMicros.recordValue(latencyMicros);
            }
            outcomes.countDown();
        }
    }

    /** Per connection: at most one request in flight (no pipelining), as browsers do. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private Pending pending;

        void start(Channel ch, Pending p) {
            pending = p;
            p.result.sendLagMicros.recordValue(Math.max(0, (System.nanoTime() - p.intendedNanos) / 1000));
            long remainingNanos = p.intendedNanos + timeout.toNanos() - System.nanoTime();
            p.timer = ch.eventLoop().schedule(() -> {
                p.finish(p.result.timeouts, 0);
                ch.close();
            }, Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
            ch.writeAndFlush(request(p.target)).addListener(w -> {
                if (!w.isSuccess()) {
                    p.finish(p.result.connectionErrors, 0);
                    ch.close();
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Pending p = pending;
            pending = null;
            if (p == null || p.finished) {
                ctx.close();
                return;
            }
            long latencyMicros = Math.max(0, (System.nanoTime() - p.intendedNanos) / 1000);
            int status = response.status().code();
            if (status >= 200 && status < 300) {
                p.finish(p.result.ok, latencyMicros);
            } else if (status == 503 && response.headers().contains(ERROR_PAGE_HEADER)) {
                p.finish(p.result.errorPages, latencyMicros);
            } else {
                p.finish(p.result.otherStatus, latencyMicros);
            }
            if (HttpUtil.isKeepAlive(response)) {
                idle.addLast(ctx.channel());
            } else {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (pending != null) {
                pending.finish(pending.result.connectionErrors, 0);
                pending = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static FullHttpRequest request(Target t) {
        boolean post = t.method().equals("POST");
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(t.method()), t.path(),
                post ? Unpooled.wrappedBuffer("{}".getBytes(StandardCharsets.US_ASCII)) : Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        r.headers().set("X-Scenario", t.name());
        if (t.bearer() != null) {
            r.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + t.bearer());
        }
        if (post) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
        HttpUtil.setContentLength(r, r.content().readableBytes());
        return r;
    }

    @Override
    public void close() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
