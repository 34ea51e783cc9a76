package io.dropnight.profile;

import java.util.Locale;
import java.util.Objects;

/**
 * A value a step saves from an answer other than from its JSON body (which JMESPath reads, see
 * {@link CallSpec#save()}): a response header, a cookie the answer sets (the viewer's cookie jar
 * keeps it anyway; this names its value for a later {@code #{name}}), or a regular expression on
 * the body, its first group if it has one, its first match or, with {@code all}, every match as a
 * list. Immutable; validated by {@link ProfileReader}.
 *
 * @param kind       where the value is read
 * @param expression the header's or cookie's name, or the regular expression
 * @param all        for a regex: every match, as a list
 */
public record Capture(Kind kind, String expression, boolean all) {
    /** Where a capture reads its value. */
    public enum Kind {
        HEADER, COOKIE, REGEX;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * For a {@link Kind#COOKIE}: the regular expression whose first group is the cookie's value in
     * one {@code Set-Cookie} header, the one the load's check and the preflight both apply.
     */
    public String setCookieValuePattern() {
        return "^\\s*" + java.util.regex.Pattern.quote(expression) + "=([^;]*)";
    }

    public Capture {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expression, "expression");
        if (all && kind != Kind.REGEX) {
            throw new IllegalArgumentException("all is for a regex");
        }
    }
}
