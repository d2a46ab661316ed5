package io.lakehub.routes.cdc;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium's change events (Kafka Connect {@link SourceRecord}s of the PostgreSQL connector, with
 * {@code decimal.handling.mode=precise} and {@code time.precision.mode=adaptive_time_microseconds})
 * as lake rows: the table's columns in lake types, plus {@link CdcSourceSpec#DELETED_COLUMN}. The
 * mapping follows the database poller's (docs/pipelines.md): a column the lake cannot hold
 * (interval, timetz, geometry, ...) is refused naming it and its type, never turned into text.
 */
final class ChangeRecords {
    /**
     * What Debezium sends for a value the change does not carry (an unchanged TOASTed value of an
     * update, with the default replica identity); set as the engine's {@code unavailable.value.placeholder}.
     */
    static final String UNAVAILABLE = "__lakehub_unavailable_value";

    /** Scale of a PostgreSQL numeric without precision, as the poller reads it. */
    static final int UNCONSTRAINED_SCALE = 10;

    private ChangeRecords() {}

    /** Whether the record is a row change (create, update, delete, snapshot read) rather than a heartbeat or tombstone. */
    static boolean isChange(SourceRecord record) {
        if (!(record.value() instanceof Struct value)) {
            return false;
        }
        Field op = value.schema().field("op");
        return op != null && value.schema().field("after") != null;
    }

    /** The row schema (the table's columns) of a change record. */
    static Schema rowSchema(SourceRecord record) {
        return record.valueSchema().field("after").schema();
    }

    /** The lake schema of {@code rowSchema}'s columns, followed by the delete flag. */
    static LakeSchema lakeSchema(Schema rowSchema, String table) {
        List<LakeField> fields = new ArrayList<>();
        for (Field f : rowSchema.fields()) {
            fields.add(lakeField(f.name(), f.schema(), table));
        }
        fields.add(new LakeField(CdcSourceSpec.DELETED_COLUMN, LakeType.BOOLEAN, true));
        return new LakeSchema(fields);
    }

    /** The row of a change record in {@code schema}'s order: after (before for a delete), then the delete flag. */
    static Object[] row(SourceRecord record, LakeSchema schema) {
        Struct value = (Struct) record.value();
        boolean delete = "d".equals(value.getString("op"));
        Struct image = delete ? value.getStruct("before") : value.getStruct("after");
        if (image == null && delete && record.key() instanceof Struct key) {
            image = key; // a delete without a before image: its key columns are enough
        }
        Object[] row = new Object[schema.size()];
        List<LakeField> fields = schema.fields();
        for (int i = 0; i < fields.size() - 1; i++) {
            LakeField f = fields.get(i);
            Field source = image == null ? null : image.schema().field(f.name());
            Object v = source == null ? null : image.get(source);
            if (!delete && isUnavailable(v)) {
                throw new IllegalArgumentException("An update of " + table(record) + " does not carry the value of"
                        + " column '" + f.name() + "' (a large value the update left unchanged, stored out of line"
                        + " by PostgreSQL). Set ALTER TABLE " + table(record) + " REPLICA IDENTITY FULL so that"
                        + " updates carry every value; nothing of this change was written.");
            }
            row[i] = v == null ? null : value(f, source.schema(), v);
        }
        row[fields.size() - 1] = delete;
        return row;
    }

    private static boolean isUnavailable(Object v) {
        if (v instanceof String text) {
            return text.equals(UNAVAILABLE);
        }
        if (v instanceof byte[] || v instanceof ByteBuffer) {
            byte[] b = bytes(v);
            return b.length == UNAVAILABLE.length()
                    && new String(b, java.nio.charset.StandardCharsets.UTF_8).equals(UNAVAILABLE);
        }
        if (v instanceof List<?> list && list.size() == 1) {
            return isUnavailable(list.getFirst());
        }
        return false;
    }

    private static String table(SourceRecord record) {
        Struct source = ((Struct) record.value()).getStruct("source");
        return source == null ? "the table" : source.getString("schema") + "." + source.getString("table");
    }

    private static LakeField lakeField(String name, Schema schema, String table) {
        String logical = schema.name() == null ? "" : schema.name();
        LakeType type = switch (logical) {
            case "io.debezium.time.Date" -> LakeType.DATE;
            case "io.debezium.time.Time", "io.debezium.time.MicroTime", "io.debezium.time.NanoTime" -> LakeType.TIME;
            case "io.debezium.time.Timestamp", "io.debezium.time.MicroTimestamp", "io.debezium.time.NanoTimestamp" ->
                LakeType.LOCAL_TIMESTAMP;
            case "io.debezium.time.ZonedTimestamp" -> LakeType.TIMESTAMP;
            case "io.debezium.data.Uuid" -> LakeType.UUID;
            case "io.debezium.data.Json" -> LakeType.JSON;
            case "io.debezium.data.VariableScaleDecimal" -> LakeType.DECIMAL;
            case "org.apache.kafka.connect.data.Decimal" -> LakeType.DECIMAL;
            case "io.debezium.time.ZonedTime", "io.debezium.time.MicroDuration", "io.debezium.time.Interval" -> null;
            default -> plain(schema);
        };
        if (type == null || (type == LakeType.LIST && schema.valueSchema() == null)) {
            throw refused(name, schema, table);
        }
        if (type == LakeType.DECIMAL) {
            if (logical.equals("io.debezium.data.VariableScaleDecimal")) {
                return LakeField.decimal(name, LakeField.MAX_DECIMAL_PRECISION, UNCONSTRAINED_SCALE);
            }
            String p = schema.parameters() == null ? null : schema.parameters().get("connect.decimal.precision");
            String s = schema.parameters() == null ? null : schema.parameters().get("scale");
            int scale = s == null ? 0 : Integer.parseInt(s);
            int precision = p == null ? LakeField.MAX_DECIMAL_PRECISION : Integer.parseInt(p);
            if (precision > LakeField.MAX_DECIMAL_PRECISION || scale > precision) {
                throw refused(name, schema, table);
            }
            return LakeField.decimal(name, precision, scale);
        }
        if (type == LakeType.LIST) {
            LakeField element = lakeField(LakeField.ELEMENT_NAME, schema.valueSchema(), table);
            if (element.type() == LakeType.LIST) {
                throw refused(name, schema, table);
            }
            return LakeField.list(name, element);
        }
        return new LakeField(name, type, true);
    }

    private static LakeType plain(Schema schema) {
        return switch (schema.type()) {
            case INT8, INT16, INT32 -> LakeType.INT;
            case INT64 -> LakeType.BIGINT;
            case FLOAT32, FLOAT64 -> LakeType.DOUBLE;
            case BOOLEAN -> LakeType.BOOLEAN;
            case STRING -> LakeType.STRING;
            case BYTES -> LakeType.BINARY;
            case ARRAY -> LakeType.LIST;
            default -> null;
        };
    }

    private static IllegalArgumentException refused(String column, Schema schema, String table) {
        String type = schema.name() != null ? schema.name() : schema.type().getName();
        return new IllegalArgumentException("Column '" + column + "' of " + table + " has a type the lake cannot hold"
                + " (" + type + " as decoded by the replication stream); change data capture stops here and nothing"
                + " of this change was written. Change the column's type, or read the table with from: jdbc and a"
                + " query that casts it.");
    }

    /** A change's value as {@link io.lakehub.processors.batch.ArrowValues} takes it for {@code field}. */
    private static Object value(LakeField field, Schema schema, Object v) {
        if (v == null) {
            return null;
        }
        String logical = schema.name() == null ? "" : schema.name();
        return switch (field.type()) {
            case DATE -> LocalDate.ofEpochDay(((Number) v).longValue());
            case TIME ->
                switch (logical) {
                    case "io.debezium.time.Time" -> LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L);
                    case "io.debezium.time.NanoTime" -> LocalTime.ofNanoOfDay(((Number) v).longValue());
                    default -> LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000L);
                };
            case LOCAL_TIMESTAMP -> {
                long n = ((Number) v).longValue();
                Instant t = switch (logical) {
                    case "io.debezium.time.Timestamp" -> Instant.ofEpochMilli(n);
                    case "io.debezium.time.NanoTimestamp" ->
                        Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
                    default -> Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000L), Math.floorMod(n, 1_000_000L) * 1000);
                };
                yield LocalDateTime.ofInstant(t, ZoneOffset.UTC);
            }
            case TIMESTAMP -> OffsetDateTime.parse(v.toString());
            case UUID -> java.util.UUID.fromString(v.toString());
            case DECIMAL -> {
                if (v instanceof Struct s) { // VariableScaleDecimal: {scale, value}
                    yield new BigDecimal(new BigInteger(bytes(s.get("value"))), s.getInt32("scale"));
                }
                yield v;
            }
            case BINARY -> bytes(v);
            case LIST -> {
                List<Object> out = new ArrayList<>();
                for (Object item : (List<?>) v) {
                    out.add(value(field.element(), schema.valueSchema(), item));
                }
                yield out;
            }
            case STRING, JSON -> v.toString();
            default -> v;
        };
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        ByteBuffer buffer = ((ByteBuffer) v).duplicate();
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return b;
    }
}
