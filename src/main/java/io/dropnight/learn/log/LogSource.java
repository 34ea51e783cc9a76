package io.dropnight.learn.log;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An access log's lines, read once, streaming: plain text, or gzip when the file starts with gzip's
 * magic bytes (whatever its name), decompressed as it is read. A truncated or corrupt gzip stream is
 * a {@link LogFileException} saying so and after how many lines. A line longer than
 * {@link #MAX_LINE} characters is cut there (the rest skipped), so that a file without line breaks
 * cannot fill the heap. Not thread-safe; close it.
 */
public final class LogSource implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LogSource.class);
    /** The longest line kept, in characters; an access log's lines are a few hundred. */
    public static final int MAX_LINE = 64 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final String name;
    private final boolean gzip;
    private final Reader reader;
    private final char[] buffer = new char[BUFFER];
    private final StringBuilder longLine = new StringBuilder();
    private int position;
    private int limit;
    private long lines;

    private LogSource(String name, boolean gzip, Reader reader) {
        this.name = name;
        this.gzip = gzip;
        this.reader = reader;
    }

    /** @throws LogFileException when the file is missing, unreadable or not gzip though it says so */
    public static LogSource open(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            InputStream text = gzip ? new GZIPInputStream(in, BUFFER) : in;
            return new LogSource(file.toString(), gzip, new InputStreamReader(text, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new LogFileException("--log " + file + ": no such file");
        } catch (EOFException e) {
            throw new LogFileException(file + ": the gzip stream is truncated in its header");
        } catch (ZipException e) {
            throw new LogFileException(file + ": the gzip stream is corrupt in its header (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new LogFileException("--log " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Whether the file is gzip. */
    public boolean gzip() {
        return gzip;
    }

    /** Lines returned so far. */
    public long lines() {
        return lines;
    }

    /**
     * The next line without its line break ({@code \n} or {@code \r\n}), cut at {@link #MAX_LINE};
     * null at the end.
     *
     * @throws LogFileException when the gzip stream is truncated or corrupt, or the file cannot be read
     */
    public String nextLine() {
        longLine.setLength(0);
        boolean cut = false;
        while (true) {
            if (position == limit && !fill()) {
                if (longLine.length() == 0 && !cut) {
                    return null;
                }
                return done(longLine.toString());
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean ended = position < limit;
            if (longLine.length() == 0 && ended) {
                String line = new String(buffer, start, position - start);
                position++;
                return done(line);
            }
            int room = MAX_LINE - longLine.length();
            cut |= position - start > room;
            longLine.append(buffer, start, Math.min(room, position - start));
            if (ended) {
                position++;
                return done(longLine.toString());
            }
        }
    }

    private String done(String line) {
        lines++;
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private boolean fill() {
        try {
            int n = reader.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(0, n);
            return n > 0;
        } catch (EOFException e) {
            throw new LogFileException(name + ": the gzip stream is truncated after line " + lines
                    + " (the file ends before the compressed data does)");
        } catch (ZipException e) {
            throw new LogFileException(name + ": the gzip stream is corrupt after line " + lines + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new LogFileException(name + ": cannot be read after line " + lines + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Closing a file read to its end loses nothing: the figures are already counted.
            LOG.debug("closing {}: {}", name, e.getMessage());
        }
    }
}
