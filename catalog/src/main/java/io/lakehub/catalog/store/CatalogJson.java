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
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * A schema as {@code {"fields":[{"name":..,"type":..,"nullable":..}]}}; a decimal adds {@code
     * "precision"} and {@code "scale"}, a list adds {@code "element"} (an object of the same shape,
     * without the name). Rows written before these types existed read back unchanged.
     */
    static String schema(LakeSchema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode fields = root.putArray("fields");
        for (LakeField f : schema.fields()) {
            ObjectNode node = fields.addObject().put("name", f.name());
            type(node, f);
        }
        return write(root);
    }

    private static void type(ObjectNode node, LakeField f) {
        node.put("type", f.type().displayName()).put("nullable", f.nullable());
        if (f.type() == LakeType.DECIMAL) {
            node.put("precision", f.precision()).put("scale", f.scale());
        }
        if (f.element() != null) {
            type(node.putObject("element"), f.element());
        }
    }

    /**
     * Schemas parsed before, by their JSON: every commit and every dataset lookup reads one of a
     * handful of schemas, and parsing it each time was a fixed cost of every small commit (ADR
     * 0052). {@link LakeSchema} is immutable, so sharing is safe; cleared when full.
     */
    private static final ConcurrentHashMap<String, LakeSchema> PARSED_SCHEMAS = new ConcurrentHashMap<>();

    private static final int MAX_PARSED_SCHEMAS = 256;

    static LakeSchema schema(String json) {
        LakeSchema cached = PARSED_SCHEMAS.get(json);
        if (cached != null) {
            return cached;
        }
        LakeSchema parsed = parseSchema(json);
        if (PARSED_SCHEMAS.size() >= MAX_PARSED_SCHEMAS) {
            PARSED_SCHEMAS.clear();
        }
        PARSED_SCHEMAS.put(json, parsed);
        return parsed;
    }

    private static LakeSchema parseSchema(String json) {
        JsonNode root = read(json);
        List<LakeField> fields = new ArrayList<>();
        for (JsonNode f : root.path("fields")) {
            fields.add(field(f.path("name").asText(), f));
        }
        return new LakeSchema(fields);
    }

    private static LakeField field(String name, JsonNode f) {
        String typeName = f.path("type").asText();
        LakeType type = LakeType.fromDisplayName(typeName).orElseGet(() -> LakeType.parse(typeName));
        boolean nullable = f.path("nullable").asBoolean(true);
        return switch (type) {
            case DECIMAL ->
                new LakeField(
                        name,
                        type,
                        nullable,
                        f.path("precision").asInt(),
                        f.path("scale").asInt(),
                        null);
            case LIST -> new LakeField(name, type, nullable, 0, 0, field(LakeField.ELEMENT_NAME, f.path("element")));
            default -> new LakeField(name, type, nullable);
        };
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
