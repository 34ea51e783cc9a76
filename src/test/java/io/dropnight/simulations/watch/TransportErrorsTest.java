package io.dropnight.simulations.watch;

import io.gatling.http.client.impl.PrematureCloseException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Transport errors told apart by where they were raised, on errors the kernel really raised through
 * the transports Gatling uses (Netty's native epoll, its default, and NIO) and the JDK's sockets;
 * out of descriptors is provoked for real by InconclusiveInjectorTest (prlimit on a child JVM).
 */
class TransportErrorsTest {
    /** RFC 5737's TEST-NET-1: never an address of this host, so binding to it is EADDRNOTAVAIL. */
    private static final String NOT_LOCAL = "192.0.2.1";

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aConnectToAPortWhereNothingListensIsRefusedTheTargets(String transport) throws Exception {
        Throwable e = nettyConnect(transport, new InetSocketAddress("127.0.0.1", closedPort()), null);
        assertEquals(TransportErrors.Kind.CONNECT_REFUSED, TransportErrors.classify(e), e.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aLocalAddressTheHostCannotAssignIsOutOfPorts(String transport) throws Exception {
        // EADDRNOTAVAIL, the errno of an exhausted ephemeral port range, raised without touching the host's range
        Throwable e = nettyConnect(transport, new InetSocketAddress("127.0.0.1", closedPort()),
                new InetSocketAddress(NOT_LOCAL, 0));
        assertEquals(TransportErrors.Kind.EPHEMERAL_PORTS, TransportErrors.classify(e), e.toString());
    }

    @Test
    void theJdksOwnSocketsSayTheSame() throws Exception {
        try (Socket s = new Socket()) {
            IOException e = assertThrows(IOException.class, () -> s.bind(new InetSocketAddress(NOT_LOCAL, 0)));
            assertEquals(TransportErrors.Kind.EPHEMERAL_PORTS, TransportErrors.classify(e), e.toString());
        }
        try (Socket s = new Socket()) {
            IOException e = assertThrows(IOException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", closedPort())));
            assertEquals(TransportErrors.Kind.CONNECT_REFUSED, TransportErrors.classify(e), e.toString());
        }
    }

    @Test
    void aConnectTimeoutIsAConnectFailureNotRefused() throws Exception {
        // A listener whose accept queue is full and never drained: the kernel drops further SYNs, the
        // connect times out (on a host that answers them anyway, the test says nothing of timeouts).
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            // Connections closed by the client stay in the queue until accepted: it stays full.
            Throwable e = null;
            for (int i = 0; i < 8 && e == null; i++) {
                e = nettyConnectOrNull(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 300);
            }
            assumeTrue(e != null, "this host accepted every connect to a full queue");
            assertEquals(TransportErrors.Kind.CONNECT_FAILED, TransportErrors.classify(e), e.toString());
        }
    }

    /** As Netty's epoll transport reported it when ServiceKilledMidRunTest's service died under the connects. */
    @Test
    void aConnectResetByTheTargetIsTheTargetsLikeARefusal() {
        Exception e = new java.net.ConnectException("finishConnect(..) failed with error(-104): Connection reset by peer");
        assertEquals(TransportErrors.Kind.CONNECT_REFUSED, TransportErrors.classify(e));
        assertEquals(TransportErrors.Kind.OTHER, TransportErrors.classify(new IOException("Connection reset by peer")),
                "a reset of an established connection is no connect failure");
    }

    @Test
    void gatlingsOwnErrorsAreOther() {
        assertEquals(TransportErrors.Kind.OTHER, TransportErrors.classify(PrematureCloseException.INSTANCE));
    }

    @Test
    void theInjectorsOwnLimitWinsOverTheWrappingConnectError() {
        // as Netty's native transport reports a socket it could not create, wrapped by the connect
        Exception emfile = new IOException("newSocketStream(..) failed: Too many open files");
        Exception wrapped = new java.net.ConnectException("connect failed");
        wrapped.initCause(emfile);
        assertEquals(TransportErrors.Kind.FILE_DESCRIPTORS, TransportErrors.classify(wrapped));
        assertEquals(TransportErrors.Kind.FILE_DESCRIPTORS,
                TransportErrors.classify(new IOException("accept(..) failed: Too many open files in system")));
    }

    @Test
    void countsByKindAndKeepsTheFirstError() throws Exception {
        TransportErrors errors = new TransportErrors();
        Throwable refused = nettyConnect("nio", new InetSocketAddress("127.0.0.1", closedPort()), null);
        errors.count(refused);
        errors.count(refused);
        errors.count(PrematureCloseException.INSTANCE);
        assertEquals(2, errors.count(TransportErrors.Kind.CONNECT_REFUSED));
        assertEquals(1, errors.count(TransportErrors.Kind.OTHER));
        assertEquals(0, errors.count(TransportErrors.Kind.FILE_DESCRIPTORS));
        String first = errors.firstMessage(TransportErrors.Kind.CONNECT_REFUSED);
        assertNotNull(first);
        assertTrue(first.contains("Connection refused"), first);
        assertEquals(null, errors.firstMessage(TransportErrors.Kind.EPHEMERAL_PORTS));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static Throwable nettyConnect(String transport, SocketAddress to, SocketAddress from) throws Exception {
        if (transport.equals("epoll")) {
            assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport is not available here");
        }
        EventLoopGroup group = transport.equals("epoll") ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        try {
            Bootstrap b = new Bootstrap().group(group)
                    .channel(transport.equals("epoll") ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                    .handler(new ChannelInboundHandlerAdapter());
            ChannelFuture f = from == null ? b.connect(to) : b.connect(to, from);
            assertTrue(f.await(10, TimeUnit.SECONDS), "the connect did not end");
            assertFalse(f.isSuccess(), "the connect should have failed");
            return f.cause();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** A connect with a short timeout; null when it succeeded (the channel is left open). */
    private static Throwable nettyConnectOrNull(SocketAddress to, int timeoutMillis) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            ChannelFuture f = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                    .handler(new ChannelInboundHandlerAdapter()).connect(to);
            assertTrue(f.await(10, TimeUnit.SECONDS), "the connect did not end");
            if (f.isSuccess()) {
                Channel c = f.channel();
                c.close().await(5, TimeUnit.SECONDS);
                return null;
            }
            return f.cause();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }
}
