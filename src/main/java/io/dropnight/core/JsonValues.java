package io.dropnight.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed values read out of a JSON or YAML tree (a config file, an admin request), each failing
 * with a {@link ConfigException} that names the field, so a file and a request share one rule and
 * one message.
 */
public final class JsonValues {
    private static final String WHOLE_NUMBER = "must be a whole number";

    private JsonValues() {
    }

    /** {@code value} as an int: a whole number (not {@code 3.5}, not {@code "3"}) that fits in one. */
    public static int wholeInt(String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ConfigException(field, value, WHOLE_NUMBER);
        }
        return value.intValue();
    }

    /** {@code value} as a long: a whole number that fits in one. */
    public static long wholeLong(String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(field, value, WHOLE_NUMBER);
        }
        return value.longValue();
    }
}
