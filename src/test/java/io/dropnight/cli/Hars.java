package io.dropnight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small HAR 1.2 texts for tests: entries of a request and its answer. */
final class Hars {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Hars() {
    }

    static String har(ObjectNode... entries) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        ArrayNode list = log.putArray("entries");
        for (ObjectNode e : entries) {
            list.add(e);
        }
        return root.toString();
    }

    static ObjectNode entry(String method, String url, int status, String mime, String body) {
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
}
