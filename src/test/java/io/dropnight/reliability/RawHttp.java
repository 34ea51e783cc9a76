package io.dropnight.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client over a plain {@link Socket}: writes exactly the bytes it is
 * given (so it can send what no real client would) and parses what comes back strictly, so a
 * malformed response fails the test. Responses are expected to carry Content-Length, as every
 * response of the service does. Not thread-safe; one instance per connection.
 */
public final class RawHttp implements AutoCloseable {
    /** Longest response this client accepts; a bigger one is a test failure, not a memory problem. */
    private static final int MAX_RESPONSE_BYTES = 4 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** One parsed response. Header names are lower case. */
    public record Response(String statusLine, int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What a connection produced: the responses in order, and whether the server closed it. */
    public record Outcome(List<Response> responses, boolean closed) {
        public Response first() {
            return responses.isEmpty() ? null : responses.get(0);
        }
    }

    public RawHttp(InetSocketAddress address, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code request} and reads until {@code expected} responses, a close or the read timeout. */
    public static Outcome exchange(InetSocketAddress address, byte[] request, int expected, Duration readTimeout)
            throws IOException {
        try (RawHttp c = new RawHttp(address, readTimeout)) {
            c.write(request);
            return c.read(expected);
        }
    }

    /** A plain GET with Connection: close; the status and body, or an exception. */
    public static Response get(InetSocketAddress address, String path, String bearer) throws IOException {
        String auth = bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n";
        byte[] req = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Outcome o = exchange(address, req, 1, Duration.ofSeconds(5));
        if (o.responses().isEmpty()) {
            throw new IOException("no response to GET " + path);
        }
        return o.first();
    }

    /** A POST of a JSON body with Connection: close. */
    public static Response post(InetSocketAddress address, String path, String bearer, String json)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String auth = bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n";
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] req = new byte[head.length + body.length];
        System.arraycopy(head, 0, req, 0, head.length);
        System.arraycopy(body, 0, req, head.length, body.length);
        Outcome o = exchange(address, req, 1, Duration.ofSeconds(5));
        if (o.responses().isEmpty()) {
            throw new IOException("no response to POST " + path);
        }
        return o.first();
    }

    /**
     * Writes bytes. A server that has already answered and closed (a 413 before the whole body was
     * sent) may reset the connection under a large write; that is not an error here, the reply is
     * read afterwards.
     */
    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException closedByServer) {
            // The read that follows sees the response the server sent before closing, or the close.
        }
    }

    /** Reads until {@code expected} responses, the server's close, or the read timeout. */
    public Outcome read(int expected) throws IOException {
        List<Response> responses = new ArrayList<>();
        boolean closed = false;
        try {
            while (responses.size() < expected) {
                Response r = readResponse();
                if (r == null) {
                    closed = true;
                    break;
                }
                responses.add(r);
                if ("close".equalsIgnoreCase(r.header("connection"))) {
                    closed = awaitClose();
                    break;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            // The server is waiting for more: the connection is open.
        } catch (java.net.SocketException reset) {
            closed = true;
        }
        return new Outcome(List.copyOf(responses), closed);
    }

    /** Whether the server closes the connection (EOF) within the read timeout. */
    public boolean awaitClose() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /**
     * Parses every response in {@code bytes} (as a server wrote them, back to back).
     *
     * @param toHead the first request was HEAD: its response has Content-Length but, rightly, no body
     * @throws IOException when the bytes are not well-formed HTTP/1.1 responses
     */
    public static List<Response> parseAll(byte[] bytes, boolean toHead) throws IOException {
        InputStream in = new java.io.ByteArrayInputStream(bytes);
        List<Response> all = new ArrayList<>();
        Response r;
        while ((r = readResponse(in, toHead && all.isEmpty())) != null) {
            all.add(r);
        }
        return all;
    }

    private Response readResponse() throws IOException {
        return readResponse(in, false);
    }

    /** Reads one response; null on a clean EOF before its first byte. */
    private static Response readResponse(InputStream in, boolean toHead) throws IOException {
        String statusLine = readLine(in, true);
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("malformed status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine(in, false)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(parts[1]);
        if (status == 204 || status == 304 || status < 200 || toHead) {
            // RFC 9110 8.6: these never have a body, and a server must not send Content-Length with 204.
            return new Response(statusLine, status, headers, "");
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("response without Content-Length: " + statusLine + " " + headers);
        }
        int n = Integer.parseInt(length);
        if (n < 0 || n > MAX_RESPONSE_BYTES) {
            throw new IOException("bad Content-Length " + n);
        }
        byte[] body = in.readNBytes(n);
        if (body.length != n) {
            throw new IOException("body cut short: " + body.length + " of " + n + " bytes");
        }
        return new Response(statusLine, Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("response line longer than 16 KiB");
            }
            line.write(b);
        }
        if (eofAllowed && line.size() == 0) {
            return null;
        }
        throw new IOException("connection closed inside a response: " + line);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
