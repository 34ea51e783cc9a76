package io.dropnight.profile;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatling's expression-language functions that stand alone in a profile's text
 * ({@code #{randomUuid()}}, {@code #{currentTimeMillis()}}, {@code #{currentDate(yyyy-MM-dd)}},
 * {@code #{randomInt(1,10)}}, ...), evaluated as Gatling evaluates them, so that the preflight sends
 * what the load sends instead of refusing them. Stateless.
 */
public final class ElFunctions {
    /** The functions known here, as Gatling names them. */
    public static final List<String> NAMES = List.of("randomUuid", "randomSecureUuid", "currentTimeMillis", "currentDate",
            "randomInt", "randomLong", "randomAlphanumeric");
    private static final Pattern CALL = Pattern.compile("\\s*([A-Za-z]+)\\((.*)\\)\\s*");
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private ElFunctions() {
    }

    /**
     * @param call the text between {@code #{} and {@code }}, such as {@code randomInt(1,10)}
     * @return its value, or empty when it is not one of {@link #NAMES} with arguments it takes
     */
    public static Optional<String> evaluate(String call) {
        Matcher m = CALL.matcher(call);
        if (!m.matches()) {
            return Optional.empty();
        }
        String args = m.group(2).strip();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            return switch (m.group(1)) {
                case "randomUuid", "randomSecureUuid" -> args.isEmpty() ? Optional.of(UUID.randomUUID().toString()) : Optional.empty();
                case "currentTimeMillis" -> args.isEmpty() ? Optional.of(Long.toString(System.currentTimeMillis())) : Optional.empty();
                case "currentDate" -> args.isEmpty() ? Optional.empty()
                        : Optional.of(new SimpleDateFormat(args, Locale.ROOT).format(new Date()));
                case "randomInt" -> {
                    long[] r = range(args, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    yield r == null ? Optional.empty() : Optional.of(Long.toString(random.nextLong(r[0], r[1])));
                }
                case "randomLong" -> {
                    long[] r = range(args, Long.MIN_VALUE, Long.MAX_VALUE);
                    yield r == null ? Optional.empty() : Optional.of(Long.toString(random.nextLong(r[0], r[1])));
                }
                case "randomAlphanumeric" -> {
                    int n = Integer.parseInt(args);
                    StringBuilder b = new StringBuilder(n);
                    for (int i = 0; i < n; i++) {
                        b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
                    }
                    yield n > 0 && n <= 1024 ? Optional.of(b.toString()) : Optional.empty();
                }
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code min,max} (max exclusive, as Gatling's), or none for the type's whole range; null when malformed. */
    private static long[] range(String args, long min, long max) {
        if (args.isEmpty()) {
            return new long[] {min, max};
        }
        String[] parts = args.split(",");
        if (parts.length != 2) {
            return null;
        }
        long low = Long.parseLong(parts[0].strip());
        long high = Long.parseLong(parts[1].strip());
        return low < high ? new long[] {low, high} : null;
    }
}
