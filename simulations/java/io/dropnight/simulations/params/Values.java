package io.dropnight.simulations.params;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a {@code -D} value is read and checked, for every parameter record of this package: each
 * failure is a {@link ParameterException} naming the property, the value and the rule. Stateless.
 */
final class Values {
    private static final Pattern SERVICE_TIME = Pattern.compile("[a-z-]+=\\S+");

    private Values() {
    }

    static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }


    static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    static double number(String property, String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below in one line, with the rule
        }
        throw new ParameterException(property, text, "must be a number such as 0.5 or 20");
    }

    static long whole(String property, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ParameterException(property, text, "must be a whole number");
        }
    }

    static boolean bool(String property, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ParameterException(property, text, "must be true or false");
        };
    }

    static Duration duration(String property, String text) {
        try {
            return Durations.parse(property, text);
        } catch (ConfigException e) {
            throw new ParameterException(property, text, "must be a duration such as 500ms, 30s or 2m");
        }
    }

    static URI url(String property, String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below in one line, with the rule
        }
        throw new ParameterException(property, text, "must be an http(s) URL with a host and no path, such as http://127.0.0.1:8080");
    }

    static void between(String property, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(property, fmt(value), "must be a number from " + fmt(min) + " to " + fmt(max));
        }
    }

    static <T> T notNull(String property, T value) {
        if (value == null) {
            throw new ParameterException(property, "null", "is required");
        }
        return value;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    static List<String> serviceTimes(String property, String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (!SERVICE_TIME.matcher(p).matches()) {
                throw new ParameterException(property, text, "must be ENDPOINT=SPEC[,ENDPOINT=SPEC...], such as playback-start=lognormal:20ms:120ms");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }
}
