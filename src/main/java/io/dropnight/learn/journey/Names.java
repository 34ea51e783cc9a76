package io.dropnight.learn.journey;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The drafter's word rules in one place, each stated in the draft's header: which values are worth
 * correlating, which look generated (listed when not correlated), which field and header names hold
 * secrets or a viewer's identity, and how a capture is named. Stateless.
 */
final class Names {
    /** Values shorter than this are never correlated (1, 20, abc are everywhere). */
    static final int MIN_LENGTH = 4;
    /** Words that are values of many fields; never correlated. */
    static final Set<String> COMMON = Set.of("true", "false", "null", "none", "undefined", "json", "html", "text", "home", "index",
            "default", "main", "page", "desc", "asc", "list", "item", "items", "data", "show", "open", "auto", "web");
    static final String CORRELATION_RULE = "a value is correlated when it is at least " + MIN_LENGTH
            + " characters, not a common word (true, null, home, ...) and not a number under 10000; a plain word (letters, -, _)"
            + " only from a JSON field named like an id (id, *Id, *_id, slug, key, uuid, code, token); a value the client sent"
            + " before any answer returned it is its own (listed below when it looks generated)";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z_-]+");
    private static final Pattern ID_KEY = Pattern.compile("(?i)(id|.*Id|.*_id|slug|key|.*Key|uuid|guid|code|.*token|.*Token|ref)");
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9._~+/=-]{16,}");
    private static final Pattern SECRET = Pattern.compile("(?i).*(pass|pwd|secret|token|api[-_]?key|access[-_]?key|credential"
            + "|authorization|otp|cvv).*");
    private static final Pattern IDENTITY = Pattern.compile("(?i)(user|user[-_]?name|login|email|e-mail|account|phone|msisdn)");
    /** Captured names the harness gives a meaning of its own (docs/JOURNEYS.md): a draft never captures into them. */
    static final Set<String> RESERVED = Set.of("userId", "episodeId", "finalEpisodeId", "episodeIds", "dropAt");

    private Names() {
    }

    /** Worth correlating by the length and common-word rule. */
    static boolean worth(String value) {
        if (value == null || value.length() < MIN_LENGTH || COMMON.contains(value.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return !(value.matches("\\d+") && value.length() < 5);
    }

    /** A plain word: letters, - and _ only, which may only be correlated from an id-named JSON field. */
    static boolean plainWord(String value) {
        return PLAIN_WORD.matcher(value).matches();
    }

    /** Whether a JSON field of this name holds an identifier. */
    static boolean idKey(String key) {
        return key != null && ID_KEY.matcher(key).matches();
    }

    /** Looks generated (an id, a token): letters and digits, a UUID, or 16 token characters; listed when not correlated. */
    static boolean generated(String value) {
        return worth(value) && (UUID.matcher(value).matches() || TOKEN_CHARS.matcher(value).matches()
                || value.matches(".*[A-Za-z].*") && value.matches(".*\\d.*") || value.matches("\\d{5,}"));
    }

    /** A field, parameter or header whose value is a secret (a password, a token, a key). */
    static boolean secret(String name) {
        return SECRET.matcher(name).matches();
    }

    /** A field whose value is a viewer's identity (user name, e-mail): personal data, never written. */
    static boolean identity(String name) {
        return IDENTITY.matcher(name).matches();
    }

    /** {@code ${env:DROPNIGHT_<NAME>}} for a secret or identity field {@code name}. */
    static String envPlaceholder(String name) {
        String upper = name.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return "${env:DROPNIGHT_" + upper.replaceAll("^_+|_+$", "") + "}";
    }

    /** {@code x-csrf-token} → {@code csrfToken}; {@code access_token} → {@code accessToken}; a valid session name or "value". */
    static String camel(String words) {
        String[] parts = words.replaceFirst("(?i)^x-", "").split("[^A-Za-z0-9]+");
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            String p = part;
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals(p.toUpperCase(Locale.ROOT))) {
                p = p.toLowerCase(Locale.ROOT); // CSRF → csrf
            }
            b.append(b.length() == 0 ? p.substring(0, 1).toLowerCase(Locale.ROOT) : p.substring(0, 1).toUpperCase(Locale.ROOT))
                    .append(p.substring(1));
        }
        String s = b.toString();
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "value" + s : s;
    }
}
