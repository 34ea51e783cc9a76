package io.dropnight.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small HAR 1.2 texts for tests: entries of a request and its answer. */
public final class Hars {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Hars() {
    }

    public static String har(ObjectNode... entries) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        ArrayNode list = log.putArray("entries");
        for (ObjectNode e : entries) {
            list.add(e);
        }
        return root.toString();
    }

    public static ObjectNode entry(String method, String url, int status, String mime, String body) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode req = e.putObject("request");
        req.put("method", method).put("url", url);
        req.putArray("headers");
        ObjectNode res = e.putObject("response");
        res.put("status", status);
        res.putArray("headers").addObject().put("name", "Content-Type").put("value", mime);
        res.putObject("content").put("mimeType", mime).put("text", body);
        return e;
    }

    /** Adds a request header to {@code entry}. */
    public static ObjectNode sent(ObjectNode entry, String name, String value) {
        ((ArrayNode) entry.path("request").path("headers")).addObject().put("name", name).put("value", value);
        return entry;
    }

    /** Adds a response header to {@code entry}. */
    public static ObjectNode answered(ObjectNode entry, String name, String value) {
        ((ArrayNode) entry.path("response").path("headers")).addObject().put("name", name).put("value", value);
        return entry;
    }

    /** Gives {@code entry} a request body. */
    public static ObjectNode body(ObjectNode entry, String mime, String text) {
        ((ObjectNode) entry.path("request")).putObject("postData").put("mimeType", mime).put("text", text);
        return entry;
    }
}
