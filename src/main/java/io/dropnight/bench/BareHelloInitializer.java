package io.dropnight.bench;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/** Builds each connection's pipeline: the HTTP codec, then the shared hello handler. */
final class BareHelloInitializer extends ChannelInitializer<SocketChannel> {
    private final HelloHandler hello = new HelloHandler();

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("codec", new HttpServerCodec()).addLast("hello", hello);
    }
}
