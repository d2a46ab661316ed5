package io.lakehub.processors.read.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Rewrites nested JSON text in which an object repeats a key so that each key appears once with
 * its last value (in the position of its first appearance), the way most JSON parsers resolve
 * repeated keys. Only nested values with repeated keys take this path: it goes through Jackson's
 * tree model, which keeps numbers exact (as BigDecimal) but may respell them ({@code 1e5} as
 * {@code 1E+5}).
 */
final class LastKeyWins {
    private static final ObjectMapper TREE = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private LastKeyWins() {}

    /** {@code json} (valid, compact JSON text) with every object's repeated keys collapsed to their last value. */
    static String rewrite(String json) {
        try {
            return TREE.writeValueAsString(TREE.readTree(json));
        } catch (JsonProcessingException e) {
            // The text was just written by our own generator from parsed tokens.
            throw new IllegalStateException("JSON copied from the source does not parse again", e);
        }
    }
}
