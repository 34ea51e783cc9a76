package io.dropnight.runfolder;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line {@code serve} prints on standard output once it accepts connections, and that a
 * launcher (the embedded service of a night) waits for: one owner for both sides. Stateless.
 */
public final class ReadyLine {
    private static final String PREFIX = "Dropnight listening on ";
    private static final Pattern LINE = Pattern.compile(Pattern.quote(PREFIX) + "(http://\\S+)");

    private ReadyLine() {
    }

    /** {@code Dropnight listening on http://<host>:<port>}. */
    public static String of(String host, int port) {
        return PREFIX + "http://" + host + ":" + port;
    }

    /** The address a ready line announces, or empty for any other line. */
    public static Optional<URI> parse(String line) {
        Matcher m = LINE.matcher(line);
        return m.find() ? Optional.of(URI.create(m.group(1))) : Optional.empty();
    }
}
