package io.dropnight.core;

/** Text that came from a client (a path, a header, a parser's message about a body), made safe to echo. */
public final class UntrustedText {
    private static final int MAX_LENGTH = 120;

    private UntrustedText() {
    }

    /**
     * One line of at most 120 characters: line breaks and tabs become a space, longer text is cut
     * and ends with {@code ...}. Null becomes the empty string.
     */
    public static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_LENGTH ? oneLine : oneLine.substring(0, MAX_LENGTH - 3) + "...";
    }
}
