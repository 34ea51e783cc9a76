package io.dropnight.profile;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The viewers' accounts: one CSV row per viewer, its header the session names a journey may use
 * ({@code #{username}}, {@code #{password}}). Read and checked before any load; with several
 * injectors each takes a disjoint share of the rows ({@link #share}), so no account signs in from
 * two injectors. How rows are handed to viewers is Gatling's feeder strategy ({@link Strategy}).
 * The rows' values are never recorded (run.json has the file, its columns and its row count).
 * Immutable.
 *
 * @param file     the CSV file
 * @param strategy how rows are handed out
 * @param columns  the header: the session names each row sets
 * @param rows     every row, in file order
 */
public record Accounts(Path file, Strategy strategy, List<String> columns, List<Map<String, String>> rows) {
    /** The largest accounts file read: about a million rows of a few short columns. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Gatling's feeder strategies. */
    public enum Strategy {
        /** each row once, in order: the night needs a row per viewer */
        QUEUE,
        /** in order, starting again at the first row when all are used */
        CIRCULAR,
        /** a random row each time (rows may repeat) */
        RANDOM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Strategy> of(String text) {
            return Arrays.stream(values()).filter(s -> s.label().equals(text)).findFirst();
        }
    }

    public Accounts {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(strategy, "strategy");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * Reads {@code file}: a header of session names, then at least one row with a value in every
     * column.
     *
     * @param source   the profile, named in every error
     * @param key      the profile's key that names the file
     * @param reserved session names the journey sets itself, which no column may take
     * @throws ProfileException naming the profile, the key and the rule
     */
    static Accounts read(String source, String key, Path file, Strategy strategy, List<String> reserved) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ProfileException(source, key, file + " does not exist");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ProfileException(source, key, file + " is over " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            CsvMapper csv = new CsvMapper();
            csv.enable(CsvParser.Feature.TRIM_SPACES);
            csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            List<Map<String, String>> rows = new ArrayList<>();
            List<String> columns;
            try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader().withStrictHeaders(false)).readValues(file.toFile())) {
                CsvSchema schema = (CsvSchema) it.getParserSchema();
                columns = new ArrayList<>(schema.getColumnNames());
                checkColumns(source, key, file, columns, reserved);
                while (it.hasNextValue()) {
                    Map<String, String> row = new LinkedHashMap<>(it.nextValue());
                    int line = rows.size() + 2;
                    if (row.size() != columns.size() || row.values().stream().anyMatch(v -> v == null || v.isEmpty())) {
                        throw new ProfileException(source, key, String.format(Locale.ROOT,
                                "%s line %d: every row needs a value in each of the %d columns %s", file, line, columns.size(), columns));
                    }
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                throw new ProfileException(source, key, file + " has a header but no account");
            }
            return new Accounts(file, strategy, columns, rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProfileException p) {
                throw p;
            }
            throw new ProfileException(source, key, file + " is not a readable CSV file: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static void checkColumns(String source, String key, Path file, List<String> columns, List<String> reserved) {
        if (columns.isEmpty()) {
            throw new ProfileException(source, key, file + " needs a header line naming its columns, such as username,password");
        }
        for (String c : columns) {
            if (!SESSION_NAME.matcher(c).matches()) {
                throw new ProfileException(source, key, file + ": column '" + c
                        + "' is not a session name (letters, digits or _, not starting with a digit)");
            }
            if (reserved.contains(c)) {
                throw new ProfileException(source, key, file + ": column '" + c + "' is set by the journey itself");
            }
        }
    }

    /**
     * The rows injector {@code index} of {@code count} takes: every {@code count}-th row from its
     * index, so the shares are disjoint and together are the file.
     */
    public Accounts share(int index, int count) {
        if (count <= 1) {
            return this;
        }
        List<Map<String, String>> mine = new ArrayList<>();
        for (int i = index; i < rows.size(); i += count) {
            mine.add(rows.get(i));
        }
        return new Accounts(file, strategy, columns, mine);
    }

    /**
     * Whether these rows serve {@code viewers} viewers: a queue uses each row once.
     *
     * @param who the injector, for the line ("the night" when unsharded)
     * @return the line that stops the night when they do not; empty when they do
     */
    public Optional<String> shortOf(int viewers, String who) {
        if (strategy != Strategy.QUEUE || rows.size() >= viewers) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "accounts %s: %,d rows for %s, which starts %,d viewers; strategy queue"
                + " signs each account in once: add rows, or use strategy circular (accounts reused)", file, rows.size(), who, viewers));
    }
}
