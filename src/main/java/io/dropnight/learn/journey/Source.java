package io.dropnight.learn.journey;

/**
 * Where an earlier answer returned a value that a later request sends: what the journey file's
 * {@code capture:} says to keep it. Immutable.
 *
 * @param kind       how it is read from the answer
 * @param expression the JMESPath, header name, cookie name or regular expression (its first group)
 * @param hint       a name for it, from its field or header (made unique and valid by the drafter)
 */
public record Source(Kind kind, String expression, String hint) {
    /** The journey file's capture kinds, most robust first: the order they are preferred in. */
    public enum Kind { JSON, HEADER, COOKIE, REGEX;

        /** The key written in {@code capture:}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
