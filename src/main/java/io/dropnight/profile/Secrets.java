package io.dropnight.profile;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of a profile: {@code ${env:NAME}} anywhere in a value is replaced by the environment
 * variable {@code NAME} when the file is read, and only there. The file's text, as recorded in
 * run.json and the report, keeps the placeholder; {@link #redact} puts it back into any text that
 * could carry a value to the console (a preflight's request line, an error). A variable that is not
 * set stops the run before any load, naming it. Immutable once read; thread-safe.
 */
public final class Secrets {
    /** {@code ${env:NAME}}: a name of letters, digits and _, not starting with a digit. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern ANY_ENV = Pattern.compile("\\$\\{env:");
    /** Values shorter than this are not redacted from text (a 1-character value would mangle every line). */
    private static final int MIN_REDACTED_LENGTH = 4;
    public static final Secrets NONE = new Secrets(UnaryOperator.identity());

    private final UnaryOperator<String> environment;
    /** Placeholder → value, for every secret resolved so far. */
    private final Map<String, String> resolved = new LinkedHashMap<>();

    private Secrets(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** @param environment a variable's value by name, null when unset ({@link System#getenv(String)}) */
    static Secrets from(UnaryOperator<String> environment) {
        return new Secrets(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * {@code text} with every {@code ${env:NAME}} replaced by its value.
     *
     * @throws ProfileException naming {@code source} and {@code key} when a variable is unset or a
     *                          placeholder is malformed
     */
    synchronized String resolve(String source, String key, String text) {
        if (text == null || !text.contains("${env:")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start());
            if (ANY_ENV.matcher(between).find()) {
                throw malformed(source, key, between);
            }
            String value = environment.apply(m.group(1));
            if (value == null) {
                throw new ProfileException(source, key, "${env:" + m.group(1) + "} is not set in the environment"
                        + " (a secret is given as an environment variable, never written in the file)");
            }
            out.append(between).append(value);
            resolved.put(m.group(), value);
            last = m.end();
        }
        String rest = text.substring(last);
        if (ANY_ENV.matcher(rest).find()) {
            throw malformed(source, key, rest);
        }
        return out.append(rest).toString();
    }

    /** {@code text} with every secret value put back as its placeholder, longest value first. */
    public synchronized String redact(String text) {
        if (text == null || resolved.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> e : resolved.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> x) -> x.getValue().length()).reversed()).toList()) {
            if (e.getValue().length() >= MIN_REDACTED_LENGTH) {
                out = out.replace(e.getValue(), e.getKey());
            }
        }
        return out;
    }

    /** The names of the variables read, for run.json (never their values). */
    public synchronized java.util.List<String> names() {
        return resolved.keySet().stream().map(p -> p.substring("${env:".length(), p.length() - 1)).toList();
    }

    private static ProfileException malformed(String source, String key, String text) {
        return new ProfileException(source, key, "'" + text.substring(text.indexOf("${env:")).lines().findFirst().orElse("")
                + "' is not a secret placeholder: write ${env:NAME}, NAME of letters, digits and _");
    }
}
