package io.dropnight.server;

import io.dropnight.server.api.Json;
import io.dropnight.server.api.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A body written by its route straight into the response's buffer, and who releases that buffer. */
class ResponsesTest {
    private final Responses responses = new Responses(new Json(8));

    @Test
    void aWrittenBodyBecomesTheResponsesContent() {
        FullHttpResponse r = responses.of(Reply.written(HttpResponseStatus.OK, "text/plain; charset=utf-8",
                out -> out.write("dropnight_up 1\n".getBytes(StandardCharsets.UTF_8))));
        try {
            assertEquals("dropnight_up 1\n", r.content().toString(StandardCharsets.UTF_8));
            assertEquals("text/plain; charset=utf-8", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
            assertEquals(1, r.content().refCnt(), "the response owns its one reference");
        } finally {
            r.release();
        }
    }

    @Test
    void aWriterFailingWithAnIoErrorLeavesItsBufferReleased() {
        AtomicReference<ByteBuf> buffer = new AtomicReference<>();
        assertThrows(UncheckedIOException.class, () -> responses.of(Reply.written(HttpResponseStatus.OK, "text/plain",
                out -> {
                    buffer.set(((ByteBufOutputStream) out).buffer());
                    out.write(new byte[100]);
                    throw new IOException("disk on fire");
                })));
        assertEquals(0, buffer.get().refCnt());
    }

    @Test
    void aWriterFailingWithABugLeavesItsBufferReleased() {
        AtomicReference<ByteBuf> buffer = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> responses.of(Reply.written(HttpResponseStatus.OK, "text/plain",
                out -> {
                    buffer.set(((ByteBufOutputStream) out).buffer());
                    throw new IllegalStateException("a bug");
                })));
        assertEquals(0, buffer.get().refCnt());
    }
}
