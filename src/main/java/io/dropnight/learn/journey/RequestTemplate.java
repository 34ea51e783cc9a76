package io.dropnight.learn.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one recorded request into the draft's request: each value it sends (a path segment, a
 * query parameter, a header, a form field, a JSON string, a text body) asked of the
 * {@link Correlator}; secrets and a viewer's identity replaced by {@code ${env:...}} placeholders;
 * headers the browser or the harness manage themselves (cookies among them: the harness keeps a
 * cookie jar per viewer) left out. Stateless.
 */
final class RequestTemplate {
    /** Request headers a browser or the harness set on their own; never written into a draft. */
    static final Set<String> MANAGED = Set.of("host", "connection", "content-length", "cookie", "user-agent", "accept",
            "accept-encoding", "accept-language", "referer", "origin", "upgrade-insecure-requests", "cache-control", "pragma",
            "if-none-match", "if-modified-since", "dnt", "priority", "te", "content-type", "x-scenario", "keep-alive",
            "x-requested-with");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestTemplate() {
    }

    /**
     * @param host   the named host the request is made on
     * @param step   the step it belongs to (captures go to earlier steps, notes name this one)
     */
    static DraftCall of(Exchange e, String host, DraftStep step, Correlator c) {
        DraftCall call = new DraftCall(e, host, e.pathAndQuery());
        // An asset's whole URL is the page's to name (a link in its HTML), not a value to capture.
        Optional<String> whole = AssetRule.isAsset(e) ? Optional.empty() : c.lookup(e.url().toString(), "url");
        if (whole.isPresent()) {
            call.host = Optional.empty();
            call.absolute = true;
            call.address = whole.get();
        } else {
            call.address = address(e, step, c);
        }
        headers(e, call, step, c);
        body(e, call, step, c);
        return call;
    }

    private static String address(Exchange e, DraftStep step, Correlator c) {
        String raw = e.url().getRawPath() == null || e.url().getRawPath().isEmpty() ? "/" : e.url().getRawPath();
        StringBuilder path = new StringBuilder();
        String[] segments = raw.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            // An asset's file name (app.3f9a.js) is the build's, not the viewer's: only an id from a JSON answer is referenced.
            Optional<String> ref = AssetRule.isAsset(e) ? c.lookup(decode(s), "value", true) : c.reference(step, "path segment " + i, decode(s));
            path.append(i == 0 ? "" : "/").append(ref.orElse(s));
        }
        String query = e.url().getRawQuery();
        if (query == null) {
            return c.replaceKnown(path.toString());
        }
        StringBuilder q = new StringBuilder();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            String name = decodeForm(kv[0]);
            String value = kv.length == 2 ? kv[1] : null;
            if (value != null && Names.secret(name)) {
                value = c.lookup(decodeForm(value), Names.camel(name)).orElse(Names.envPlaceholder(name));
            } else if (value != null) {
                value = c.reference(step, "query " + name, decodeForm(value)).orElse(value);
            }
            q.append(q.length() == 0 ? "" : "&").append(kv[0]).append(value == null ? "" : "=" + value);
        }
        return c.replaceKnown(path.toString()) + "?" + c.replaceKnown(q.toString());
    }

    private static void headers(Exchange e, DraftCall call, DraftStep step, Correlator c) {
        for (Exchange.Header h : e.requestHeaders()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (MANAGED.contains(lower) || lower.startsWith("sec-") || call.headers.keySet().stream().anyMatch(h.name()::equalsIgnoreCase)) {
                continue;
            }
            String value = h.value().trim();
            int space = value.indexOf(' ');
            boolean scheme = lower.equals("authorization") && space > 0;
            String token = scheme ? value.substring(space + 1).trim() : value;
            boolean secret = Names.secret(h.name()) || lower.contains("auth") || lower.contains("session");
            // A secret is only looked up: never listed with its value when no answer returned it.
            Optional<String> ref = secret ? c.lookup(token, Names.camel(h.name())) : c.reference(step, "header " + h.name(), token);
            if (ref.isPresent()) {
                call.headers.put(h.name(), scheme ? value.substring(0, space) + " " + ref.get() : ref.get());
            } else if (secret) {
                call.headers.put(h.name(), Names.envPlaceholder(h.name()));
            } else {
                call.headers.put(h.name(), c.replaceKnown(literal(value, "header " + h.name(), e)));
            }
        }
    }

    private static void body(Exchange e, DraftCall call, DraftStep step, Correlator c) {
        if (e.requestText().isEmpty()) {
            if (Set.of("POST", "PUT", "PATCH").contains(e.method()) && !e.requestMime().isEmpty()) {
                call.bodyLeftOut = Optional.of("its " + e.requestMime() + " body is not text in the recording");
            }
            return;
        }
        String text = e.requestText().get();
        String mime = e.requestMime();
        if (mime.equals("application/x-www-form-urlencoded")) {
            for (String pair : text.split("&")) {
                String[] kv = pair.split("=", 2);
                String name = literal(decodeForm(kv[0]), "form field name", e);
                String value = kv.length == 2 ? decodeForm(kv[1]) : "";
                if (!name.isEmpty()) {
                    call.form.put(name, field(name, value, "form field " + name, step, c, e));
                }
            }
        } else if (mime.contains("json") && json(text).filter(JsonNode::isContainerNode).isPresent()) {
            call.json = template(json(text).get(), "", step, c, e);
        } else if (mime.startsWith("multipart/")) {
            call.bodyLeftOut = Optional.of("its multipart body (a file upload) is not drafted");
        } else {
            call.body = Optional.of(c.reference(step, "body", text).orElseGet(() -> c.replaceKnown(literal(text, "body", e))));
            if (!mime.isEmpty() && !mime.equals("text/plain")) {
                call.headers.put("Content-Type", mime);
            }
        }
    }

    /** A form field or JSON string: a secret or identity becomes a placeholder (or a reference), a returned value a reference. */
    private static String field(String name, String value, String where, DraftStep step, Correlator c, Exchange e) {
        if (Names.secret(name) || Names.identity(name)) {
            return c.lookup(value, Names.camel(name)).orElse(Names.envPlaceholder(name));
        }
        return c.reference(step, where, value).orElseGet(() -> c.replaceKnown(literal(value, where, e)));
    }

    /**
     * A recorded text written as it is: {@code #{} and {@code ${} would be read by the journey file as
     * an expression or a secret, so a recording holding them is refused in one line (the value not shown).
     */
    private static String literal(String text, String where, Exchange e) {
        if (text.contains("#{") || text.contains("${")) {
            throw new HarException("the " + e.method() + " request to " + e.origin() + e.url().getRawPath() + " sends '#{' or '${'"
                    + " in its " + where + ", which a journey file reads as an expression or a secret: leave it out with --exclude");
        }
        return text;
    }

    private static JsonNode template(JsonNode node, String path, DraftStep step, Correlator c, Exchange e) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                out.set(literal(f.getKey(), "JSON body's field names", e), f.getValue().isTextual()
                        ? new TextNode(field(f.getKey(), f.getValue().asText(), "json " + at, step, c, e)) : template(f.getValue(), at, step, c, e));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                String at = path + "[" + i + "]";
                out.add(v.isTextual() ? new TextNode(c.reference(step, "json " + at, v.asText())
                        .orElseGet(() -> literal(v.asText(), "json " + at, e))) : template(v, at, step, c, e));
            }
            return out;
        }
        return node;
    }

    private static Optional<JsonNode> json(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** A query's or form's part: {@code +} is a space. */
    private static String decodeForm(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A path segment: {@code +} is itself. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

}
