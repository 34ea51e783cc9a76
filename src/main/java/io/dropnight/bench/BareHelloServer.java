package io.dropnight.bench;

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
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A bare Netty HTTP server that answers every request with {@link HelloHandler#BODY}: the ceiling
 * the benchmark compares the service against. It uses the service's transport and sizing (epoll
 * when available, one acceptor loop, Netty's default worker count of twice the cores unless told
 * otherwise, TCP_NODELAY, the same backlog) so that the difference measured is the service's own
 * work. Not thread-safe: start and stop from one thread.
 */
public final class BareHelloServer {
    private final int eventLoops;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;

    /** @param eventLoops worker event loops; 0 for Netty's default (twice the cores), as the service uses */
    public BareHelloServer(int eventLoops) {
        if (eventLoops < 0) {
            throw new IllegalArgumentException("eventLoops must be 0 (Netty's default) or more, was " + eventLoops);
        }
        this.eventLoops = eventLoops;
    }

    /** Binds and returns the address actually bound (a free port when {@code port} is 0). */
    public InetSocketAddress start(String host, int port) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(eventLoops, io);
        serverChannel = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new BareHelloInitializer())
                .bind(host, port).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Closes the listening socket and shuts the event loops down. */
    public void stop() throws InterruptedException {
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * {@code java -cp dropnight.jar io.dropnight.bench.BareHelloServer [--port N] [--event-loops N]}:
     * binds 127.0.0.1, prints its URL on stdout and serves until SIGTERM or SIGINT. Exit code 2 on a
     * bad flag.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        int loops = 0;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[i + 1]);
                    case "--event-loops" -> loops = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown flag " + args[i]
                            + "; expected --port N and --event-loops N");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bare-hello: " + e.getMessage());
            System.exit(2);
        }
        run(new BareHelloServer(loops), "127.0.0.1", port);
    }

    /** Starts {@code server}, prints its URL, and serves until SIGTERM or SIGINT stops it. */
    public static void run(BareHelloServer server, String host, int port) throws InterruptedException {
        InetSocketAddress address = server.start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bare-hello-stop"));
        System.out.printf(Locale.ROOT, "Bare hello listening on http://%s:%d%n", address.getHostString(), address.getPort());
        System.out.flush();
        server.serverChannel.closeFuture().sync();
    }
}
