package io.dropnight.simulations.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.reservations.Confirmation;
import io.dropnight.runfolder.RunFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The client's record of every confirmation a viewer received ({@value RunFiles#CONFIRMATIONS} in
 * the run folder): the one writer and reader of that file, what the promises are checked against
 * after a cinema rush.
 *
 * <p>One JSON object a line: {@code {"viewer":"viewer-7","confirmKey":"confirm-7-1","bookingId":"b-12",
 * "screeningId":"scr-0003","seats":[12,13],"receivedAt":"2026-12-31T20:00:01.234Z"}}. Each line is
 * written and flushed to the operating system as the confirmation arrives, so a killed injector
 * (SIGKILL) leaves every confirmation it was told about on disk but the one it was writing; that
 * last line may be torn, and {@link #read} counts and names it instead of failing. (Flushed, not
 * forced to the device: the record survives the process, not the machine.)
 *
 * <p>Thread-safe: Gatling's threads append at once; each line is written whole under a lock.
 */
public final class ConfirmationLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;
    private long lines;

    private ConfirmationLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens {@value RunFiles#CONFIRMATIONS} in {@code runDir} for appending (created if absent).
     *
     * @throws IOException when it cannot be opened
     */
    public static ConfirmationLog open(Path runDir) throws IOException {
        Path file = runDir.resolve(RunFiles.CONFIRMATIONS);
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new ConfirmationLog(file, out);
    }

    /** Where it writes. */
    public Path file() {
        return file;
    }

    /**
     * Appends one confirmation and flushes it. Any thread.
     *
     * @param at when the viewer received it
     * @throws UncheckedIOException when the line cannot be written (the harness's own failure)
     */
    public void append(Confirmation c, Instant at) {
        String line = line(c, at);
        synchronized (this) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
                lines++;
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot record a confirmation: " + e.getMessage(), e);
            }
        }
    }

    /** Confirmations appended through this log. */
    public synchronized long appended() {
        return lines;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    static String line(Confirmation c, Instant at) {
        ObjectNode o = JSON.createObjectNode();
        o.put("viewer", c.viewer()).put("confirmKey", c.confirmKey()).put("bookingId", c.bookingId())
                .put("screeningId", c.screeningId());
        ArrayNode seats = o.putArray("seats");
        c.seats().forEach(seats::add);
        o.put("receivedAt", at.toString());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a confirmation is always writable as JSON", e);
        }
    }

    /**
     * What the file holds.
     *
     * @param confirmations every whole line, in the order written
     * @param tornLastLine  the last line, when it was cut off (a killed injector's): not counted as a confirmation
     */
    public record Read(List<Confirmation> confirmations, Optional<String> tornLastLine) {
        public Read {
            confirmations = List.copyOf(confirmations);
            Objects.requireNonNull(tornLastLine, "tornLastLine");
        }

        /** Torn lines: 0, or 1 when the writer was killed mid-line. */
        public int torn() {
            return tornLastLine.isPresent() ? 1 : 0;
        }

        /** One line for people: how many were read, and the torn one named. */
        public String describe() {
            String read = String.format(Locale.ROOT, "%,d confirmations received", confirmations.size());
            return tornLastLine.map(t -> read + String.format(Locale.ROOT, "; 1 torn last line left out (the injector was"
                    + " stopped while writing it): %s", abbreviated(t))).orElse(read);
        }
    }

    /**
     * Reads {@value RunFiles#CONFIRMATIONS} of {@code runDir}. A last line without its newline that
     * does not parse was cut off by a kill: it is counted and named in {@link Read#tornLastLine()}.
     *
     * @throws IOException naming the file, the line and the rule, when it is missing or a line before the last is not a
     *                     confirmation (the file is not one this class wrote)
     */
    public static Read read(Path runDir) throws IOException {
        Path file = runDir.resolve(RunFiles.CONFIRMATIONS);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": missing (the night recorded no confirmations file)");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Confirmation> confirmations = new ArrayList<>();
        Optional<String> torn = Optional.empty();
        String[] lines = text.split("\n", -1);
        // split leaves "" after a final newline; a last piece with text has no newline: perhaps torn
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            boolean last = i == lines.length - 1;
            try {
                confirmations.add(parse(line));
            } catch (IOException | RuntimeException e) {
                if (!last) {
                    throw new IOException(String.format(Locale.ROOT, "%s: line %d is not a confirmation (%s): %s", file, i + 1,
                            firstLine(e.getMessage()), abbreviated(line)), e);
                }
                torn = Optional.of(line);
            }
        }
        return new Read(confirmations, torn);
    }

    private static Confirmation parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode seats = n.get("seats");
        if (seats == null || !seats.isArray() || seats.isEmpty()) {
            throw new IOException("seats must be a list of seat numbers");
        }
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode s : seats) {
            if (!s.isInt()) {
                throw new IOException("seat " + s + " is not a whole number");
            }
            numbers.add(s.asInt());
        }
        return new Confirmation(text(n, "viewer"), text(n, "confirmKey"), text(n, "bookingId"), text(n, "screeningId"), numbers);
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException(field + " is missing");
        }
        return v.asText();
    }

    private static String abbreviated(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
