package io.dropnight.learn.log;

import java.util.Locale;
import java.util.Objects;

/**
 * What tells one viewer from another in a log line, as {@code --viewer} names it. A header or a
 * cookie the client sends (a viewer or device id, a session cookie) logged in a field of one's own
 * counts people; the client address is always there but merges everyone behind one NAT or proxy.
 * Immutable.
 *
 * @param kind  where the key is read
 * @param extra {@link Kind#EXTRA}: which field after combined's user agent, from 1; 0 otherwise
 * @param field {@link Kind#FIELD}: the JSON field's name; empty otherwise
 */
public record ViewerKey(Kind kind, int extra, String field) {
    /** Where the key is read. */
    public enum Kind {
        /** The client address: combined's {@code $remote_addr}, a JSON line's {@code address} field. */
        ADDRESS,
        /** The client address and the user agent together: fewer viewers merged behind one address. */
        ADDRESS_AGENT,
        /** combined's {@code $remote_user} (basic authentication's user). */
        USER,
        /** A field appended to combined, such as {@code "$http_x_viewer_id"} or {@code "$cookie_sid"}. */
        EXTRA,
        /** A named field of a JSON line. */
        FIELD
    }

    public ViewerKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
    }

    /** The key a format reads when {@code --viewer} is not given: combined's client address, a JSON line's {@code viewer}. */
    public static ViewerKey defaultFor(LogFormat format) {
        return format == LogFormat.COMBINED ? new ViewerKey(Kind.ADDRESS, 0, "") : new ViewerKey(Kind.FIELD, 0, "viewer");
    }

    /**
     * {@code address}, {@code address+agent}, {@code user}, {@code extra:N} (combined) or
     * {@code field:NAME} (JSON lines).
     *
     * @throws LogFileException (one line) for a key the format cannot have
     */
    public static ViewerKey parse(String text, LogFormat format) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        ViewerKey key;
        if (t.equals("address")) {
            key = new ViewerKey(Kind.ADDRESS, 0, "");
        } else if (t.equals("address+agent")) {
            key = new ViewerKey(Kind.ADDRESS_AGENT, 0, "");
        } else if (t.equals("user")) {
            key = new ViewerKey(Kind.USER, 0, "");
        } else if (t.matches("extra:[1-9][0-9]?")) {
            key = new ViewerKey(Kind.EXTRA, Integer.parseInt(t.substring(6)), "");
        } else if (text.trim().matches("field:[A-Za-z0-9_.@-]{1,64}")) {
            key = new ViewerKey(Kind.FIELD, 0, text.trim().substring(6));
        } else {
            throw new LogFileException("--viewer " + text + ": must be address, address+agent, user, extra:N (combined)"
                    + " or field:NAME (jsonl)");
        }
        boolean combinedOnly = key.kind == Kind.USER || key.kind == Kind.EXTRA;
        if (combinedOnly && format != LogFormat.COMBINED || key.kind == Kind.FIELD && format != LogFormat.JSON_LINES) {
            throw new LogFileException("--viewer " + text + ": is for the " + (combinedOnly ? "combined" : "jsonl")
                    + " format, and the log is read as " + format.label());
        }
        return key;
    }

    /** The key as {@code --viewer} spells it. */
    public String flag() {
        return switch (kind) {
            case ADDRESS -> "address";
            case ADDRESS_AGENT -> "address+agent";
            case USER -> "user";
            case EXTRA -> "extra:" + extra;
            case FIELD -> "field:" + field;
        };
    }

    /** What the key is, for the night file's header and the page. */
    public String describe(LogFormat format) {
        boolean combined = format == LogFormat.COMBINED;
        return switch (kind) {
            case ADDRESS -> "the client address (" + (combined ? "$remote_addr" : "the field address") + ")";
            case ADDRESS_AGENT -> "the client address and user agent together";
            case USER -> "the authenticated user ($remote_user)";
            case EXTRA -> String.format(Locale.ROOT, "field %d after combined's user agent (a header or cookie logged there)", extra);
            case FIELD -> "the field " + field + " (a header or cookie logged there)";
        };
    }

    /** What the key costs in accuracy, said beside the figures it produced. */
    public String cost() {
        return switch (kind) {
            case ADDRESS -> "NAT and proxies merge viewers: a household, an office or a mobile carrier's gateway behind one"
                    + " address is one viewer here, so arrivals are undercounted and requests per viewer overstated;"
                    + " behind a CDN or load balancer that does not pass the client's address every line is one viewer";
            case ADDRESS_AGENT -> "viewers behind one NAT or proxy with the same browser or app version still merge;"
                    + " a viewer whose user agent changes counts twice";
            case USER, EXTRA, FIELD -> "one viewer per value: a viewer who loses the value (a new session, a cleared"
                    + " cookie) arrives again, and lines without it are skipped";
        };
    }
}
