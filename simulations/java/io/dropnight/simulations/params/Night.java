package io.dropnight.simulations.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The release night rehearsed ({@code -Dnight}): one of the five built-in night files by name, or
 * a night file of the user's (issue 23). Its name tags every request ({@code X-Scenario}). The
 * file itself is read and checked by the nights' reader; here only its name is taken. Immutable.
 *
 * @param label the night's name, the lower-case name used on the command line, in {@code X-Scenario} and in tags
 * @param file  the user's night file; empty for a built-in night
 */
public record Night(String label, Optional<Path> file) {
    /** The incident: a synchronized step of arrivals at the drop instant of a final episode. */
    public static final Night FINALE_DROP = new Night("finale-drop", Optional.empty());
    /** A season launch: several episodes, a larger and longer surge. */
    public static final Night PREMIERE_DROP = new Night("premiere-drop", Optional.empty());
    /** The control night: a large but gradual Christmas audience the default capacity must pass. */
    public static final Night CHRISTMAS_VOLUME = new Night("christmas-volume", Optional.empty());
    /** A live event: everyone joins in the same minute and stays, sending heartbeats. */
    public static final Night LIVE_EVENT = new Night("live-event", Optional.empty());
    /** The cinema rush (issue 27): everyone at the instant reservations open, nothing sold twice, nothing lost. */
    public static final Night CINEMA_RUSH = new Night("cinema-rush", Optional.empty());
    private static final List<Night> BUILT_IN = List.of(FINALE_DROP, PREMIERE_DROP, CHRISTMAS_VOLUME, LIVE_EVENT, CINEMA_RUSH);
    private static final YAMLMapper YAML = new YAMLMapper();
    /** A night file is a page of YAML; a larger one is refused unread. */
    private static final long MAX_BYTES = 1024 * 1024;

    public Night {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(file, "file");
    }

    /** The five built-in nights. */
    public static List<Night> values() {
        return BUILT_IN;
    }

    /** What {@code -Dnight} said: the built-in night's name, or the file's path. */
    public String property() {
        return file.map(Path::toString).orElse(label);
    }

    /**
     * A built-in night's name, or the path of a night file ({@code .yml} or {@code .yaml}), whose
     * {@code name} is taken.
     *
     * @throws ParameterException naming the accepted values, or what is wrong with the file
     */
    public static Night parse(String property, String text) {
        String t = text.trim();
        for (Night n : BUILT_IN) {
            if (n.label.equals(t.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        if (!t.endsWith(".yml") && !t.endsWith(".yaml")) {
            throw new ParameterException(property, text, "must be one of "
                    + BUILT_IN.stream().map(Night::label).collect(Collectors.joining(", ")) + ", or a night file (.yml)");
        }
        Path path = Path.of(t);
        try {
            if (!Files.isRegularFile(path)) {
                throw new ParameterException(property, text, "the night file does not exist");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new ParameterException(property, text, "the night file is over 1 MB; a night is a page of YAML");
            }
            JsonNode name = YAML.readTree(path.toFile()).path("name");
            if (!name.isTextual() || !name.asText().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new ParameterException(property, text, "the night file's name must be 1 to 40 lower-case letters,"
                        + " digits or - (it tags every request), not " + name);
            }
            return new Night(name.asText(), Optional.of(path));
        } catch (IOException e) {
            throw new ParameterException(property, text, "the night file cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
        }
    }

    @Override
    public String toString() {
        return property();
    }
}
