package io.dropnight.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Owns the event loops and the listening socket: epoll where available, NIO otherwise. Not
 * thread-safe: start and stop from one thread.
 */
public final class DropnightServer {
    private final ServerContext context;
    private final int eventLoops;
    private final ChannelGroup channels = new DefaultChannelGroup("dropnight", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;

    /** @param eventLoops worker event loops; 0 for Netty's default (twice the cores) */
    public DropnightServer(ServerContext context, int eventLoops) {
        this.context = context;
        this.eventLoops = eventLoops;
    }

    /** Whether the native epoll transport is in use. */
    public static boolean epoll() {
        return Epoll.isAvailable();
    }

    /** Binds and returns the address actually bound (the port is chosen when 0 is given). */
    public InetSocketAddress start(String host, int port) throws InterruptedException {
        IoHandlerFactory io = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(eventLoops, io);
        ConnectionLimiter limiter = new ConnectionLimiter(context.limits().maxConnections());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new TrackingInitializer(new DropnightInitializer(context, limiter), channels));
        serverChannel = b.bind(host, port).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** An event loop for service-wide timers (the drop instant). */
    public EventLoopGroup workers() {
        return workers;
    }

    /**
     * Stops accepting, lets requests in flight finish (up to {@code grace}), closes every
     * connection and shuts the event loops down.
     *
     * @return whether every in-flight request finished within the grace period
     */
    public boolean stop(Duration grace) throws InterruptedException {
        if (serverChannel == null) {
            return true;
        }
        serverChannel.close().sync();
        context.drain().start();
        boolean drained;
        try {
            context.drain().drained().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            drained = true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            drained = false;
        }
        channels.close().awaitUninterruptibly(grace.toMillis());
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        return drained;
    }

    /** Adds each accepted channel to a group so that stop can close them all. */
    private static final class TrackingInitializer extends io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel> {
        private final DropnightInitializer delegate;
        private final ChannelGroup channels;

        TrackingInitializer(DropnightInitializer delegate, ChannelGroup channels) {
            this.delegate = delegate;
            this.channels = channels;
        }

        @Override
        protected void initChannel(io.netty.channel.socket.SocketChannel ch) {
            channels.add(ch);
            ch.pipeline().addLast(delegate);
        }
    }
}
