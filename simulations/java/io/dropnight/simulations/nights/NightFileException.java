package io.dropnight.simulations.nights;

/** A night file that cannot be run: one line naming the file, the key, the value and the rule. */
public final class NightFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NightFileException(String source, String key, String rule) {
        super("night " + source + ": " + key + ": " + rule, null, false, false);
    }
}
