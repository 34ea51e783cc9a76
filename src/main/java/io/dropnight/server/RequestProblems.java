package io.dropnight.server;

import io.dropnight.core.UntrustedText;
import io.dropnight.server.api.HttpProblem;
import io.dropnight.server.api.Router;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.util.Objects;

/**
 * What is wrong with a request before any route reads it, as the {@link HttpProblem} to answer: a
 * failed decode, a framing HTTP/1.1 forbids, a bad request target, no route, a request that came
 * too slowly or too large. Every message names the limit or the rule; client text in it is
 * abbreviated. Immutable and thread-safe.
 */
final class RequestProblems {
    private final NetworkLimits limits;

    RequestProblems(NetworkLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * The first problem with how {@code request} arrived (decode failure, then framing), or null
     * when there is none. Either kind means the connection can no longer be trusted.
     */
    HttpProblem arrival(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return decodeFailure(request.decoderResult().cause());
        }
        return framing(request);
    }

    /** Maps the decoder's failure to the status that names it (431, 414, 413, else 400). */
    HttpProblem decodeFailure(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new HttpProblem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "HEADERS_TOO_LARGE",
                    "the request headers are larger than " + limits.maxHeaderBytes() + " bytes");
        }
        if (cause instanceof TooLongHttpLineException) {
            return new HttpProblem(HttpResponseStatus.REQUEST_URI_TOO_LONG, "REQUEST_LINE_TOO_LONG",
                    "the request line is longer than " + limits.maxInitialLineBytes() + " bytes");
        }
        if (cause instanceof TooLongFrameException) {
            return new HttpProblem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "a part of the request is too large");
        }
        return HttpProblem.badRequest("malformed HTTP request: "
                + UntrustedText.abbreviate(cause == null ? "unknown" : cause.getMessage()));
    }

    /**
     * What the decoder lets through but HTTP/1.1 forbids: a version other than 1.x (Netty parses
     * {@code HTTP/9.9} or an HTTP/2 preface as a version) and, RFC 9112 section 3.2, an HTTP/1.1
     * request without a Host header.
     */
    static HttpProblem framing(FullHttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1) {
            return new HttpProblem(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP_VERSION_NOT_SUPPORTED",
                    "this server speaks HTTP/1.1 and HTTP/1.0, not " + UntrustedText.abbreviate(version.text()));
        }
        if (version.minorVersion() >= 1 && !request.headers().contains(HttpHeaderNames.HOST)) {
            return HttpProblem.badRequest("an HTTP/1.1 request needs a Host header");
        }
        return null;
    }

    /**
     * The request target, decoded.
     *
     * @throws HttpProblem 400 when its path or query is not valid percent-encoded UTF-8
     */
    static QueryStringDecoder decodeTarget(String uri) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            decoder.path();
            decoder.parameters();
            return decoder;
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("the request target is not valid: " + UntrustedText.abbreviate(e.getMessage()));
        }
    }

    /** 405 naming the allowed methods when the path exists, else 404. */
    static HttpProblem noRoute(HttpMethod method, String path, Router.Match miss) {
        return miss.methodNotAllowed()
                ? new HttpProblem(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                        method + " is not allowed here; allowed: " + miss.allowed())
                : HttpProblem.notFound("no route for " + method + " " + UntrustedText.abbreviate(path));
    }

    /** 408: a started request did not arrive whole in time. */
    HttpProblem timedOut() {
        return new HttpProblem(HttpResponseStatus.REQUEST_TIMEOUT, "REQUEST_TIMEOUT",
                "the request did not arrive whole within " + limits.requestTimeout().toMillis() + " ms");
    }

    /** 413: the body is larger than allowed. */
    HttpProblem bodyTooLarge() {
        return new HttpProblem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "the body is larger than " + limits.maxBodyBytes() + " bytes");
    }
}
