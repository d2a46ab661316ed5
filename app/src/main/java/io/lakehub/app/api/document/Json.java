package io.lakehub.app.api.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The command line's JSON mapper for the API documents, configured like the server's so that
 * {@code sql --format json} prints what {@code POST /api/sql} answers.
 */
public final class Json {
    /** Tolerates fields a newer hub may add to a document. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    public static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot render " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * An audit event's details as JSON; text that is not JSON (a journal written by other tools)
     * is kept as a JSON string rather than dropped.
     */
    public static JsonNode details(String details) {
        if (details == null) {
            return null;
        }
        try {
            return MAPPER.readTree(details);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(details);
        }
    }
}
