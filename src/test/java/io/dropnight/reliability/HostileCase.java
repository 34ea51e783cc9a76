package io.dropnight.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One saved hostile request from {@code src/test/resources/hostile/*.http}.
 *
 * <p>File format: header lines {@code # why: ...}, {@code # expect: 400 413 closed} (the statuses
 * accepted; {@code closed}: the server must close the connection afterwards) and optionally
 * {@code # body: text} (the response body must contain it). Then the request, where line breaks
 * in the file are ignored and every byte on the wire is written explicitly: {@code \r}, {@code \n},
 * {@code \t}, {@code \\}, {@code \xNN}, and the templates {@code {{REPEAT:s:n}}},
 * {@code {{HEADERS:n}}}, {@code {{CHUNKS:count:size}}}, {@code {{LEN}}} (the body's length),
 * {@code {{ADMIN}}} and {@code {{SESSION}}} (tokens filled in by the test).
 */
public record HostileCase(String name, String why, Set<Integer> statuses, boolean mustClose, String bodyContains,
                          String template) {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([A-Z]+)(?::([^:}]*))?(?::([^}]*))?}}");

    @Override
    public String toString() {
        return name;
    }

    /** Every saved case, sorted by name. */
    public static Stream<HostileCase> corpus() {
        URL dir = HostileCase.class.getResource("/hostile");
        if (dir == null) {
            throw new IllegalStateException("the hostile corpus is not on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".http")).sorted().map(HostileCase::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HostileCase read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String why = "";
        String body = null;
        Set<Integer> statuses = new LinkedHashSet<>();
        boolean close = false;
        StringBuilder request = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("# why:")) {
                why = line.substring(6).trim();
            } else if (line.startsWith("# body:")) {
                body = line.substring(7).trim();
            } else if (line.startsWith("# expect:")) {
                for (String token : line.substring(9).trim().split("\\s+")) {
                    if (token.equals("closed")) {
                        close = true;
                    } else {
                        statuses.add(Integer.parseInt(token));
                    }
                }
            } else if (!line.startsWith("#")) {
                request.append(line);
            }
        }
        String name = file.getFileName().toString().replace(".http", "");
        if (statuses.isEmpty()) {
            throw new IllegalStateException(name + ": no '# expect:' line");
        }
        return new HostileCase(name, why, Set.copyOf(statuses), close, body, request.toString());
    }

    /** The bytes to send, with the tokens filled in. */
    public byte[] bytes(String adminToken, String sessionToken) {
        String wire = expandTemplates(unescape(template), adminToken, sessionToken);
        int headEnd = wire.indexOf("\r\n\r\n");
        if (wire.contains("{{LEN}}")) {
            int len = wire.length() - headEnd - 4;
            wire = wire.replace("{{LEN}}", Integer.toString(len));
        }
        return wire.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Interprets the escapes; the result holds one char per byte (ISO-8859-1). */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0x7f) {
                    throw new IllegalArgumentException("write non-ASCII bytes as \\xNN: " + c);
                }
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e);
            }
        }
        return out.toString();
    }

    private static String expandTemplates(String wire, String admin, String session) {
        Matcher m = TEMPLATE.matcher(wire);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = switch (m.group(1)) {
                case "LEN" -> "{{LEN}}";
                case "ADMIN" -> admin;
                case "SESSION" -> session;
                case "REPEAT" -> m.group(2).repeat(Integer.parseInt(m.group(3)));
                case "HEADERS" -> headers(Integer.parseInt(m.group(2)));
                case "CHUNKS" -> chunks(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                default -> throw new IllegalArgumentException("unknown template " + m.group());
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String headers(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("X-Flood-").append(i).append(": ").append("v".repeat(8)).append("\r\n");
        }
        return b.toString();
    }

    private static String chunks(int count, int size) {
        StringBuilder b = new StringBuilder();
        String data = "c".repeat(size);
        for (int i = 0; i < count; i++) {
            b.append(Integer.toHexString(size).toUpperCase(Locale.ROOT)).append("\r\n").append(data).append("\r\n");
        }
        return b.toString();
    }

    /** Statuses, for messages. */
    public List<Integer> statusList() {
        return new ArrayList<>(statuses);
    }
}
