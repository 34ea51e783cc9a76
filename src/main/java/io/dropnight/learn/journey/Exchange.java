package io.dropnight.learn.journey;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One request of a recorded session and the answer it got, as the HAR entry holds them. Immutable.
 *
 * @param index           its place among the session's entries (0-based, after sorting by start time)
 * @param method          upper case
 * @param url             the whole URL, as sent
 * @param requestHeaders  in order; HTTP/2 pseudo-headers ({@code :authority}) left out
 * @param requestMime     the request body's media type, or empty
 * @param requestText     the request body as text, or empty (none, or binary)
 * @param status          the answer's status; 0 for a request the browser never completed
 * @param responseHeaders in order
 * @param responseMime    the answer's media type, lower case, or empty
 * @param responseText    the answer's body as text, or empty (none, binary, base64 or over the bound)
 * @param resourceType    what the browser said it fetched ({@code _resourceType}: image, script, ...), or empty
 */
public record Exchange(int index, String method, URI url, List<Header> requestHeaders, String requestMime,
                       Optional<String> requestText, int status, List<Header> responseHeaders, String responseMime,
                       Optional<String> responseText, String resourceType) {

    /** A header as recorded. */
    public record Header(String name, String value) {
    }

    public Exchange {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }

    /** The first request header of that name (case-insensitive). */
    public Optional<String> requestHeader(String name) {
        return first(requestHeaders, name);
    }

    /** The first response header of that name (case-insensitive). */
    public Optional<String> responseHeader(String name) {
        return first(responseHeaders, name);
    }

    /** {@code scheme://host[:port]}, the base URL of the request's host; a URL's user and password are never kept. */
    public String origin() {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT)
                + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** Path and query as sent, {@code /} at least. */
    public String pathAndQuery() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static Optional<String> first(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }
}
