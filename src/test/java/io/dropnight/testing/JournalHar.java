package io.dropnight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A HAR 1.2 recording made of what WireMock saw ({@link WireMockTarget#serveEvents()}): each serve
 * event an entry, its request (method, absolute URL, headers, body) and the answer WireMock gave
 * (status, headers, body), as a browser's developer tools would have saved them. Nothing recorded
 * by hand. Stateless.
 */
public final class JournalHar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalHar() {
    }

    public static String har(List<JsonNode> serveEvents) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "WireMock journal").put("version", "3.13.2");
        ArrayNode entries = log.putArray("entries");
        for (JsonNode e : serveEvents) {
            entries.add(entry(e.path("request"), e.path("response")));
        }
        return root.toPrettyString();
    }

    private static ObjectNode entry(JsonNode request, JsonNode response) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("startedDateTime", Instant.ofEpochMilli(request.path("loggedDate").asLong()).toString());
        entry.put("time", 1);
        ObjectNode req = entry.putObject("request");
        req.put("method", request.path("method").asText()).put("url", request.path("absoluteUrl").asText())
                .put("httpVersion", request.path("protocol").asText("HTTP/1.1"));
        String requestType = headers(req.putArray("headers"), request.path("headers"));
        if (!request.path("body").asText("").isEmpty()) {
            req.putObject("postData").put("mimeType", requestType).put("text", request.path("body").asText());
        }
        ObjectNode res = entry.putObject("response");
        res.put("status", response.path("status").asInt()).put("statusText", "").put("httpVersion", "HTTP/1.1");
        String responseType = headers(res.putArray("headers"), response.path("headers"));
        ObjectNode content = res.putObject("content");
        content.put("mimeType", responseType).put("size", response.path("body").asText("").length());
        if (response.has("body")) {
            content.put("text", response.path("body").asText());
        }
        entry.putObject("cache");
        entry.putObject("timings").put("send", 0).put("wait", 1).put("receive", 0);
        return entry;
    }

    /** Copies WireMock's header map (a value, or a list of values) as HAR's list; returns the Content-Type. */
    private static String headers(ArrayNode out, JsonNode headers) {
        String type = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            List<JsonNode> values = new java.util.ArrayList<>();
            if (h.getValue().isArray()) {
                h.getValue().forEach(values::add);
            } else {
                values.add(h.getValue());
            }
            for (JsonNode v : values) {
                out.addObject().put("name", h.getKey()).put("value", v.asText());
                if (h.getKey().equalsIgnoreCase("Content-Type")) {
                    type = v.asText();
                }
            }
        }
        return type;
    }
}
