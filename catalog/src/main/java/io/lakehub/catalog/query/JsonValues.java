package io.lakehub.catalog.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBStruct;

/**
 * Converts the Java objects the DuckDB driver returns into JSON-friendly values, as {@link
 * QueryResult} documents: Boolean, Integer, Long, Double, BigDecimal, String, List, Map or null.
 */
final class JsonValues {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonValues() {}

    /**
     * The JSON-friendly form of one value: small integers widen to Integer, HUGEINT and UBIGINT become
     * BigDecimal, NaN and infinities become the strings {@code "NaN"}, {@code "Infinity"}, {@code
     * "-Infinity"}, dates and times ISO-8601 strings (timestamps with time zone as UTC instants
     * ending in {@code Z}), BLOBs base64 strings, LIST/ARRAY a List, STRUCT and MAP a Map (keys as
     * strings), JSON the parsed value (its text when it does not parse). Anything else becomes its
     * text.
     */
    static Object of(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case String s -> s;
            case Byte b -> b.intValue();
            case Short s -> s.intValue();
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> finite(d);
            case Float f -> Float.isFinite(f) ? Double.valueOf(Float.toString(f)) : finite(f.doubleValue());
            case LocalDate d -> d.toString();
            case LocalTime t -> t.format(DateTimeFormatter.ISO_LOCAL_TIME);
            case LocalDateTime t -> localDateTime(t);
            case Timestamp t -> localDateTime(t.toLocalDateTime());
            case OffsetDateTime t -> instant(t.toInstant());
            case Instant t -> instant(t);
            case UUID u -> u.toString();
            case org.duckdb.JsonNode j -> json(j.toString());
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Blob blob -> Base64.getEncoder().encodeToString(bytes(blob));
            case ByteBuffer buffer -> Base64.getEncoder().encodeToString(bytes(buffer));
            case java.sql.Array array -> list((Object[]) array.getArray());
            case DuckDBStruct struct -> map(struct.getMap());
            case Struct struct -> list(struct.getAttributes());
            case Map<?, ?> map -> map(map);
            default -> value.toString();
        };
    }

    /** A TIMESTAMP (no time zone) as {@code 2024-01-31T12:00:00[.ffffff]}. */
    static String localDateTime(LocalDateTime t) {
        return t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /** A TIMESTAMPTZ as the UTC instant {@code 2024-01-31T12:00:00[.ffffff]Z}. */
    static String instant(Instant t) {
        return t.toString();
    }

    /** Parsed JSON text, numbers as Integer/Long/BigDecimal; the text itself if it does not parse. */
    static Object json(String text) {
        try {
            return fromTree(JSON.readTree(text));
        } catch (JsonProcessingException notJson) {
            // DuckDB does not validate JSON read from files; invalid text is shown as it is.
            return text;
        }
    }

    private static Object finite(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return d;
    }

    private static List<Object> list(Object[] elements) throws SQLException {
        List<Object> out = new ArrayList<>(elements.length);
        for (Object e : elements) {
            out.add(of(e));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, Object> map(Map<?, ?> in) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            Object key = of(e.getKey());
            out.put(String.valueOf(key), of(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static byte[] bytes(Blob blob) throws SQLException {
        long length = blob.length();
        return length == 0 ? new byte[0] : blob.getBytes(1, Math.toIntExact(length));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private static Object fromTree(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                out.put(f.getKey(), fromTree(f.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(e -> out.add(fromTree(e)));
            return Collections.unmodifiableList(out);
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.asText();
    }
}
