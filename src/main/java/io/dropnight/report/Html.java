package io.dropnight.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/** Escaping and number formatting for the report pages; every format uses {@link Locale#ROOT}. */
final class Html {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Html() {
    }

    /** Escapes text for an element body or a double-quoted attribute. Null becomes the empty string. */
    static String esc(String text) {
        return text == null ? "" : io.dropnight.core.HtmlEscape.escape(text);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Microseconds as milliseconds with three decimals, for example {@code 1.234}. */
    static String millis(long micros) {
        return fmt("%.3f", micros / 1000.0);
    }

    /**
     * JSON safe to embed in a {@code <script type="application/json">} element: {@code <}, {@code >},
     * {@code &} and the JavaScript line separators are escaped as unicode (only possible inside JSON
     * strings, where the escape means the same).
     */
    static String scriptJson(Object value) {
        try {
            return JSON.writeValueAsString(value)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data could not be serialised", e);
        }
    }

    /** Text safe inside a {@code <script>} element: a closing script tag cannot end it early. */
    static String scriptText(String js) {
        return js.replaceAll("(?i)</script", "<\\\\/script");
    }
}
