package io.dropnight.learn.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a HAR 1.2 file (as every browser's developer tools save a session) into its exchanges, in
 * the order they started. Bounded: a file over {@link #MAX_BYTES} or with over {@link #MAX_ENTRIES}
 * entries is refused unread, and an answer's body is kept for correlation only up to
 * {@link #MAX_BODY_CHARS} (a longer one is treated as absent). Entries that are not http(s), that
 * the browser never completed (status 0), and CORS preflights ({@code OPTIONS}) are left out and
 * counted. Every refusal is a {@link HarException} naming the file, the value and the rule.
 * Stateless and thread-safe.
 */
public final class HarReader {
    /** A recording with content is large; past this it is refused unread (the tree is held in memory). */
    public static final long MAX_BYTES = 100L * 1024 * 1024;
    public static final int MAX_ENTRIES = 5_000;
    /** An answer body longer than this is not searched for values (a page of JSON is far shorter). */
    public static final int MAX_BODY_CHARS = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was read: the exchanges kept and how many entries were left out, and why. */
    public record Session(Path file, String creator, int entries, List<Exchange> exchanges, int notHttp, int incomplete,
                          int preflights) {
        public Session {
            exchanges = List.copyOf(exchanges);
        }
    }

    private HarReader() {
    }

    /** Reads {@code file}; refuses what is not a HAR 1.2 session with at least one completed http(s) request. */
    public static Session read(Path file) {
        JsonNode root = log(file, parse(file));
        JsonNode log = root.path("entries");
        if (!log.isArray()) {
            throw new HarException(file + ": log.entries is missing: a HAR 1.2 file is {\"log\": {\"version\": \"1.2\", \"entries\": [...]}}");
        }
        if (log.size() > MAX_ENTRIES) {
            throw new HarException(file + ": log.entries holds " + log.size() + " entries, over " + MAX_ENTRIES
                    + ": record one viewer's session, not a whole browsing day");
        }
        List<JsonNode> entries = new ArrayList<>();
        log.forEach(entries::add);
        entries.sort(Comparator.comparing(HarReader::started)); // stable: equal or unreadable times keep their order
        List<Exchange> kept = new ArrayList<>();
        int notHttp = 0;
        int incomplete = 0;
        int preflights = 0;
        for (JsonNode e : entries) {
            Optional<URI> url = url(e.path("request").path("url").asText(""));
            String method = e.path("request").path("method").asText("").toUpperCase(Locale.ROOT);
            int status = e.path("response").path("status").asInt(0);
            if (url.isEmpty()) {
                notHttp++;
            } else if (status < 100 || status > 599) {
                incomplete++;
            } else if (method.equals("OPTIONS")) {
                preflights++;
            } else {
                kept.add(exchange(kept.size(), method, url.get(), e));
            }
        }
        if (kept.isEmpty()) {
            throw new HarException(file + ": log.entries holds no request to draft from (" + entries.size()
                    + " entries; a step needs a completed http or https request other than OPTIONS)");
        }
        String creator = scalar(root.path("creator").path("name")) + " " + scalar(root.path("creator").path("version"));
        return new Session(file, creator.trim(), entries.size(), kept, notHttp, incomplete, preflights);
    }

    private static String scalar(JsonNode n) {
        return n.isValueNode() ? n.asText().replaceAll("\\p{Cntrl}", " ") : "";
    }

    private static JsonNode parse(Path file) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new HarException(file + ": " + Files.size(file) / (1024 * 1024) + " MB is over " + MAX_BYTES / (1024 * 1024)
                        + " MB: save one viewer's session (without the answers' content if need be)");
            }
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new HarException(file + ": does not exist");
        } catch (JsonProcessingException e) {
            // The location only: the parser's message may quote the recording's bytes.
            throw new HarException(file + ": is not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): a HAR file is JSON, saved by the browser's developer tools");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new HarException(file + ": cannot be read as UTF-8 text: " + e.getClass().getSimpleName());
        }
    }

    private static JsonNode log(Path file, JsonNode root) {
        if (root == null || !root.isObject() || !root.path("log").isObject()) {
            throw new HarException(file + ": has no log object: a HAR 1.2 file is {\"log\": {\"version\": \"1.2\", \"entries\": [...]}}");
        }
        JsonNode log = root.get("log");
        String version = log.path("version").asText("(missing)");
        if (!version.equals("1.2") && !version.equals("1.1")) {
            throw new HarException(file + ": log.version = " + version + ": must be 1.2 (HAR 1.2, as browsers save it; 1.1 is read too)");
        }
        return log;
    }

    private static OffsetDateTime started(JsonNode entry) {
        try {
            return OffsetDateTime.parse(entry.path("startedDateTime").asText(""));
        } catch (DateTimeParseException e) {
            return OffsetDateTime.MIN;
        }
    }

    private static Optional<URI> url(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Exchange exchange(int index, String method, URI url, JsonNode e) {
        JsonNode req = e.path("request");
        JsonNode res = e.path("response");
        JsonNode post = req.path("postData");
        Optional<String> requestText = post.path("text").isTextual() ? Optional.of(post.get("text").asText()) : Optional.empty();
        if (requestText.isEmpty() && post.path("params").isArray() && !post.get("params").isEmpty()) {
            requestText = Optional.of(formText(post.get("params")));
        }
        return new Exchange(index, method, url, headers(req.path("headers")), mime(post.path("mimeType")), requestText,
                res.path("status").asInt(), headers(res.path("headers")), mime(res.path("content").path("mimeType")),
                body(res.path("content")), e.path("_resourceType").asText("").toLowerCase(Locale.ROOT));
    }

    /** A form the recorder kept only as {@code params}: written back as the urlencoded text the browser sent. */
    private static String formText(JsonNode params) {
        StringBuilder b = new StringBuilder();
        for (JsonNode p : params) {
            b.append(b.length() == 0 ? "" : "&").append(java.net.URLEncoder.encode(p.path("name").asText(""), StandardCharsets.UTF_8))
                    .append('=').append(java.net.URLEncoder.encode(p.path("value").asText(""), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static List<Exchange.Header> headers(JsonNode list) {
        List<Exchange.Header> out = new ArrayList<>();
        for (JsonNode h : list) {
            String name = h.path("name").asText("");
            if (!name.isEmpty() && !name.startsWith(":")) {
                out.add(new Exchange.Header(name, h.path("value").asText("")));
            }
        }
        return out;
    }

    private static String mime(JsonNode node) {
        String m = node.asText("").toLowerCase(Locale.ROOT);
        int semi = m.indexOf(';');
        return (semi < 0 ? m : m.substring(0, semi)).trim();
    }

    private static Optional<String> body(JsonNode content) {
        if (!content.path("text").isTextual()) {
            return Optional.empty();
        }
        String text = content.get("text").asText();
        if ("base64".equalsIgnoreCase(content.path("encoding").asText(""))) {
            if (text.length() > MAX_BODY_CHARS * 4L / 3 || !textual(mime(content.path("mimeType")))) {
                return Optional.empty();
            }
            try {
                text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                return Optional.empty();
            }
        }
        return text.length() > MAX_BODY_CHARS ? Optional.empty() : Optional.of(text);
    }

    private static boolean textual(String mime) {
        return mime.startsWith("text/") || mime.contains("json") || mime.contains("xml") || mime.contains("javascript")
                || mime.contains("mpegurl") || mime.contains("x-www-form-urlencoded");
    }
}
