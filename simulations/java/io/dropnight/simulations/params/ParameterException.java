package io.dropnight.simulations.params;

import java.util.Locale;

/**
 * A simulation parameter that breaks a rule. The message is one line for a person, naming the
 * system property, the offending value and the rule, for example
 * {@code scale = -1: must be a finite number > 0}.
 */
public final class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String property;

    public ParameterException(String property, Object value, String rule) {
        super(String.format(Locale.ROOT, "%s = %s: %s", property, value, rule));
        this.property = property;
    }

    /** The system property at fault. */
    public String property() {
        return property;
    }
}
