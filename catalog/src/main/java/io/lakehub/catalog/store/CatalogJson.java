package io.lakehub.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON documents the catalog stores: schemas, change lists, snapshot properties and audit
 * details. The layout is spelled out here rather than derived from the records, so that renaming a
 * Java field can never change what is already stored.
 */
final class CatalogJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private CatalogJson() {}

    static String schema(LakeSchema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode fields = root.putArray("fields");
        for (LakeField f : schema.fields()) {
            fields.addObject()
                    .put("name", f.name())
                    .put("type", f.type().displayName())
                    .put("nullable", f.nullable());
        }
        return write(root);
    }

    static LakeSchema schema(String json) {
        JsonNode root = read(json);
        List<LakeField> fields = new ArrayList<>();
        for (JsonNode f : root.path("fields")) {
            fields.add(new LakeField(
                    f.path("name").asText(),
                    LakeType.parse(f.path("type").asText()),
                    f.path("nullable").asBoolean(true)));
        }
        return new LakeSchema(fields);
    }

    static String stats(List<ColumnStats> stats) {
        ArrayNode all = MAPPER.createArrayNode();
        for (ColumnStats s : stats) {
            all.addObject()
                    .put("column", s.column())
                    .put("null_count", s.nullCount())
                    .put("min", s.min())
                    .put("max", s.max());
        }
        return write(all);
    }

    static List<ColumnStats> stats(String json) {
        List<ColumnStats> stats = new ArrayList<>();
        for (JsonNode s : read(json)) {
            stats.add(new ColumnStats(
                    s.path("column").asText(),
                    s.path("null_count").asLong(),
                    s.path("min").isNull() ? null : s.path("min").asText(),
                    s.path("max").isNull() ? null : s.path("max").asText()));
        }
        return List.copyOf(stats);
    }

    static String stringList(List<String> lines) {
        return write(lines);
    }

    static List<String> stringList(String json) {
        try {
            return List.copyOf(MAPPER.readValue(json, STRING_LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The catalog holds a change list that is not a JSON array", e);
        }
    }

    /** Sorted, so that equal maps are stored as equal text. */
    static String properties(Map<String, String> properties) {
        return write(new TreeMap<>(properties));
    }

    static Map<String, String> properties(String json) {
        try {
            return Map.copyOf(MAPPER.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The catalog holds snapshot properties that are not a JSON object", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render catalog JSON", e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The catalog holds a JSON document it cannot parse", e);
        }
    }
}
