package io.dropnight.server;

import java.nio.charset.StandardCharsets;

/**
 * The branded error page viewers saw on the night: an image from the series and "Something went
 * wrong…". Every body carries {@link #MARKER}, so a client can recognise the page even when a
 * deployment serves it with status 200.
 */
public final class ErrorPage {
    /** A string found in every error page, HTML or JSON, and in the {@link #HEADER} header. */
    public static final String MARKER = "something-went-wrong";
    /** Response header naming the page, set on every error page. */
    public static final String HEADER = "X-Dropnight-Error-Page";
    /** The message, as the service showed it. */
    public static final String MESSAGE = "Something went wrong. Sorry, we're having trouble with your request. "
            + "You'll find lots to explore on the home page.";

    /** The rule {@link #allowedStatus} checks, for messages. */
    public static final String STATUS_RULE = "must be 200 or a 5xx status such as 503";

    /**
     * Whether the page may be served with {@code status} when shedding or in an outage: a 5xx, or
     * 200 to rehearse a deployment (a CDN, an app shell) that serves it so.
     */
    public static boolean allowedStatus(int status) {
        return status == 200 || (status >= 500 && status <= 599);
    }

    /** Stable error codes an API client can switch on. */
    public enum Code {
        /** Shed by the overload policy or a full queue. */
        SERVICE_OVERLOADED,
        /** The modelled backend is in an outage. */
        BACKEND_UNAVAILABLE,
        /** A bug in the service; details are in the service's log, never on the wire. */
        INTERNAL_ERROR
    }

    private static final byte[] HTML = ("<!DOCTYPE html>\n"
            + "<html lang=\"en\" data-error-page=\"" + MARKER + "\"><head><meta charset=\"utf-8\">"
            + "<title>Something went wrong</title>"
            + "<style>body{margin:0;background:#141414;color:#eee;font:18px/1.5 system-ui,sans-serif}"
            + ".still{height:40vh;background:linear-gradient(160deg,#300 0%,#a11 45%,#111 100%)}"
            + "main{max-width:40em;margin:2em auto;padding:0 1em}a{color:#e50914}</style></head>"
            + "<body><div class=\"still\" role=\"img\" aria-label=\"A still from the series\"></div>"
            + "<main id=\"" + MARKER + "\"><h1>Something went wrong.</h1>"
            + "<p>Sorry, we're having trouble with your request. "
            + "You'll find lots to explore on the home page.</p>"
            + "<p><a href=\"/\">Home</a></p></main></body></html>\n").getBytes(StandardCharsets.UTF_8);

    private ErrorPage() {
    }

    /** The HTML page (a fresh copy; callers wrap it in a buffer they own). */
    public static byte[] html() {
        return HTML.clone();
    }

    /** The JSON body for API routes, as a structure for Jackson. */
    public static Object json(Code code, int retryAfterSeconds) {
        return java.util.Map.of("error", new Body(code.name(), MESSAGE, MARKER, retryAfterSeconds));
    }

    /** JSON body of an API error page. */
    public record Body(String code, String message, String page, int retryAfterSeconds) {
    }
}
