package io.dropnight.core;

import java.util.Locale;

/**
 * A configuration value that breaks a rule. The message is one line meant for a person: it names
 * the field, the offending value and the rule, for example
 * {@code capacity.slots = -3: must be a whole number >= 1}.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ConfigException(String field, Object value, String rule) {
        super(oneLine(String.format(Locale.ROOT, "%s = %s: %s", field, value, rule)));
        this.field = field;
    }

    /** Parser messages span lines; an error for a person stays on one. */
    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** The dotted name of the field at fault, as written in a config file. */
    public String field() {
        return field;
    }
}
