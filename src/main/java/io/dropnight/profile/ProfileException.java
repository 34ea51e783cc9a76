package io.dropnight.profile;

/**
 * A profile that must not be run: its message is one line naming the file, the key and the rule.
 * Carries no stack trace, which would bury that line.
 */
public final class ProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source where the profile came from (a path, or {@code built-in dropnight})
     * @param key    the dotted key, such as {@code title.save.episodeIds}
     * @param rule   what is wrong, as a sentence fragment
     */
    public ProfileException(String source, String key, String rule) {
        super("profile " + source + ": " + key + ": " + rule, null, false, false);
    }
}
