package io.dropnight.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one reader of a run folder's JSON objects (run.json, client-summary.json): an absent file is
 * an empty object; anything but a JSON object is a {@link RunFileException} naming the file.
 * Thread-safe.
 */
public final class JsonObjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonObjects() {
    }

    public static JsonNode read(Path file) throws RunFileException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new RunFileException(file + ": must hold a JSON object");
            }
            return node;
        } catch (IOException e) {
            String message = e.getMessage() == null ? "no detail" : e.getMessage();
            int nl = message.indexOf('\n');
            throw new RunFileException(file + ": is not valid JSON (" + (nl < 0 ? message : message.substring(0, nl)) + ")", e);
        }
    }
}
