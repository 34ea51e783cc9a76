package io.dropnight.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.core.UntrustedText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;

/** The service's one Jackson configuration: reading bodies with limits, writing replies. Thread-safe. */
public final class Json {
    private final ObjectMapper mapper;

    /** @param maxDepth the deepest nesting accepted in a request body */
    public Json(int maxDepth) {
        this.mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).maxStringLength(64 * 1024).maxNumberLength(64).build());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply is not serialisable: " + value.getClass().getName(), e);
        }
    }

    /**
     * Reads a JSON object body; an empty body reads as an empty object.
     *
     * @throws HttpProblem 400 naming what is wrong and where
     */
    public JsonNode readObject(ByteBuf body) {
        if (!body.isReadable()) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try (ByteBufInputStream in = new ByteBufInputStream(body.duplicate())) {
            node = mapper.readTree((java.io.InputStream) in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw HttpProblem.badRequest("invalid JSON" + where + ": " + UntrustedText.abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw HttpProblem.badRequest("unreadable body: " + UntrustedText.abbreviate(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("body must be a JSON object");
        }
        return node;
    }
}
