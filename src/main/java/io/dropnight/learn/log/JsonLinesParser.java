package io.dropnight.learn.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One JSON object per line ({@code log_format ... escape=json} in nginx), its fields named by
 * {@link JsonFields}: {@code time} as ISO-8601 text ({@code $time_iso8601}) or epoch seconds
 * ({@code $msec}); {@code status} a number or digits; {@code duration} seconds ({@code $request_time}),
 * optional; {@code path} with or without its query string. Read with Jackson's streaming parser,
 * top-level fields only. One per pass: not thread-safe.
 */
final class JsonLinesParser implements LineParser {
    private static final JsonFactory JSON = new JsonFactory();

    private final String time;
    private final String method;
    private final String path;
    private final String status;
    private final String duration;
    private final String viewerField;
    private final String agentField;

    JsonLinesParser(ViewerKey key, JsonFields fields) {
        this.time = fields.of("time");
        this.method = fields.of("method");
        this.path = fields.of("path");
        this.status = fields.of("status");
        this.duration = fields.of("duration");
        this.viewerField = key.kind() == ViewerKey.Kind.FIELD ? key.field() : fields.of("address");
        this.agentField = key.kind() == ViewerKey.Kind.ADDRESS_AGENT ? fields.of("agent") : null;
    }

    @Override
    public Outcome parse(String line, LogLine into) {
        into.clear();
        String viewer = null;
        String agent = null;
        boolean timed = false;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Outcome.UNPARSABLE;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (name.equals(time)) {
                    timed = time(p, value, into);
                } else if (name.equals(method)) {
                    into.method = p.getValueAsString();
                } else if (name.equals(path)) {
                    into.path = withoutQuery(p.getValueAsString());
                } else if (name.equals(status)) {
                    into.status = p.getValueAsInt(-1);
                } else if (name.equals(duration) && value != JsonToken.VALUE_NULL) {
                    into.durationMicros = micros(p.getValueAsString());
                } else if (name.equals(viewerField)) {
                    viewer = p.getValueAsString();
                } else if (name.equals(agentField)) {
                    agent = p.getValueAsString();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return Outcome.UNPARSABLE;
            }
        } catch (IOException e) {
            return Outcome.UNPARSABLE; // not JSON: counted, and the first such line is shown
        }
        if (!timed || into.method == null || into.method.isEmpty() || into.path == null || !into.path.startsWith("/")
                || into.status < 100 || into.status > 599) {
            return Outcome.UNPARSABLE;
        }
        if (viewer == null || viewer.isEmpty() || viewer.equals("-")) {
            return Outcome.NO_VIEWER;
        }
        into.viewer = agentField == null ? ViewerHash.of(viewer, 0, viewer.length())
                : ViewerHash.of(viewer, 0, viewer.length(), agent == null ? "" : agent, 0, agent == null ? 0 : agent.length());
        return Outcome.PARSED;
    }

    private static boolean time(JsonParser p, JsonToken value, LogLine into) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            into.epochSecond = (long) Math.floor(p.getValueAsDouble());
            return true;
        }
        if (value != JsonToken.VALUE_STRING) {
            return false;
        }
        try {
            into.epochSecond = OffsetDateTime.parse(p.getText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
            return true;
        } catch (DateTimeException e) {
            return false; // not a time: the line does not parse
        }
    }

    private static String withoutQuery(String path) {
        if (path == null) {
            return null;
        }
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** Seconds (such as {@code 0.012}) as microseconds; {@link LogLine#NO_DURATION} when it is not a number. */
    private static long micros(String seconds) {
        try {
            return new BigDecimal(seconds.trim()).movePointRight(6).longValue();
        } catch (NumberFormatException | NullPointerException e) {
            return LogLine.NO_DURATION;
        }
    }
}
