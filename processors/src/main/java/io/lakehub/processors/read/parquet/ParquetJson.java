package io.lakehub.processors.read.parquet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.lakehub.processors.read.ArrowBatchBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Base64;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Renders a nested Parquet value (a group, or the values of a repeated field) as compact JSON text.
 * LIST-annotated groups become arrays, following the Parquet spec's backward-compatibility rules
 * for two- and three-level lists; MAP groups become objects (keys as text); other groups become
 * objects with every field, absent ones as null; a repeated field becomes an array. Leaf values:
 * numbers as numbers (decimals with their exact digits; NaN and infinities as strings, JSON having
 * none), dates/times/timestamps and UUIDs as ISO strings (instants ending in Z, timestamps without
 * zone without), other bytes as Base64 strings.
 */
final class ParquetJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ParquetJson() {}

    /** The JSON text of field {@code field} of {@code parent} (which has at least one value). */
    static String render(Group parent, int field) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeField(g, parent, field);
        }
        return out.toString();
    }

    private static void writeField(JsonGenerator g, Group parent, int field) throws IOException {
        Type type = parent.getType().getType(field);
        int count = parent.getFieldRepetitionCount(field);
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            g.writeStartArray();
            for (int i = 0; i < count; i++) {
                writeValue(g, parent, field, i);
            }
            g.writeEndArray();
        } else if (count == 0) {
            g.writeNull();
        } else {
            writeValue(g, parent, field, 0);
        }
    }

    private static void writeValue(JsonGenerator g, Group parent, int field, int index) throws IOException {
        Type type = parent.getType().getType(field);
        if (type.isPrimitive()) {
            writePrimitive(g, type.asPrimitiveType(), parent, field, index);
        } else {
            writeGroup(g, parent.getGroup(field, index));
        }
    }

    private static void writeGroup(JsonGenerator g, Group group) throws IOException {
        GroupType type = group.getType();
        LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
        boolean singleRepeated = type.getFieldCount() == 1 && type.getType(0).isRepetition(Type.Repetition.REPEATED);
        if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && singleRepeated) {
            writeList(g, group);
        } else if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && singleRepeated
                && !type.getType(0).isPrimitive()
                && type.getType(0).asGroupType().getFieldCount() == 2) {
            writeMap(g, group);
        } else {
            g.writeStartObject();
            for (int f = 0; f < type.getFieldCount(); f++) {
                g.writeFieldName(type.getFieldName(f));
                writeField(g, group, f);
            }
            g.writeEndObject();
        }
    }

    private static void writeList(JsonGenerator g, Group list) throws IOException {
        Type repeated = list.getType().getType(0);
        int n = list.getFieldRepetitionCount(0);
        g.writeStartArray();
        for (int i = 0; i < n; i++) {
            if (repeated.isPrimitive()
                    || isElementItself(repeated.asGroupType(), list.getType().getName())) {
                // Two-level list: the repeated field is the element.
                writeValue(g, list, 0, i);
            } else {
                // Three-level list: the repeated group wraps one (optional) element field.
                Group wrapper = list.getGroup(0, i);
                if (wrapper.getFieldRepetitionCount(0) == 0) {
                    g.writeNull();
                } else {
                    writeValue(g, wrapper, 0, 0);
                }
            }
        }
        g.writeEndArray();
    }

    /** Spec rules: a repeated group with several fields, or named "array" / "<list>_tuple", is the element. */
    private static boolean isElementItself(GroupType repeated, String listName) {
        return !ParquetColumnKind.threeLevel(repeated, listName);
    }

    private static void writeMap(JsonGenerator g, Group map) throws IOException {
        int n = map.getFieldRepetitionCount(0);
        g.writeStartObject();
        for (int i = 0; i < n; i++) {
            Group entry = map.getGroup(0, i);
            g.writeFieldName(keyText(entry));
            if (entry.getFieldRepetitionCount(1) == 0) {
                g.writeNull();
            } else {
                writeValue(g, entry, 1, 0);
            }
        }
        g.writeEndObject();
    }

    private static String keyText(Group entry) throws IOException {
        Type keyType = entry.getType().getType(0);
        if (!keyType.isPrimitive()) {
            return render(entry, 0);
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writePrimitive(g, keyType.asPrimitiveType(), entry, 0, 0);
        }
        String json = out.toString();
        // A string key is already text: drop the quotes JSON put around it.
        if (!json.startsWith("\"")) {
            return json;
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return p.nextTextValue();
        }
    }

    private static void writePrimitive(JsonGenerator g, PrimitiveType type, Group group, int field, int index)
            throws IOException {
        ParquetColumnKind kind = ParquetColumnKind.ofPrimitive(type);
        switch (kind) {
            case BOOLEAN -> g.writeBoolean(group.getBoolean(field, index));
            case INT32 -> g.writeNumber(group.getInteger(field, index));
            case UINT32 -> g.writeNumber(Integer.toUnsignedLong(group.getInteger(field, index)));
            case INT64 -> g.writeNumber(group.getLong(field, index));
            case UINT64 -> g.writeNumber(Long.toUnsignedString(group.getLong(field, index)));
            case FLOAT -> number(g, ParquetColumnKind.floatToDouble(group.getFloat(field, index)));
            case DOUBLE -> number(g, group.getDouble(field, index));
            case FLOAT16 ->
                number(g, ParquetColumnKind.floatToDouble(ParquetColumnKind.float16(group.getBinary(field, index))));
            case DECIMAL, WIDE_DECIMAL -> g.writeNumber(ParquetColumnKind.decimal(type, group, field, index));
            case DATE ->
                g.writeString(
                        LocalDate.ofEpochDay(group.getInteger(field, index)).toString());
            case TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS ->
                g.writeString(ArrowBatchBuilder.isoInstant(
                        ParquetColumnKind.timestampMicros(kind, group.getLong(field, index))));
            case LOCAL_TIMESTAMP_MILLIS, LOCAL_TIMESTAMP_MICROS, LOCAL_TIMESTAMP_NANOS ->
                g.writeString(ArrowBatchBuilder.localTimestampText(
                        ParquetColumnKind.timestampMicros(kind, group.getLong(field, index))));
            case INT96 ->
                g.writeString(
                        ArrowBatchBuilder.isoInstant(ParquetColumnKind.int96Micros(group.getInt96(field, index))));
            case TIME_MILLIS ->
                g.writeString(
                        ArrowBatchBuilder.timeText(ParquetColumnKind.timeMicros(kind, group.getInteger(field, index))));
            case TIME_MICROS, TIME_NANOS ->
                g.writeString(
                        ArrowBatchBuilder.timeText(ParquetColumnKind.timeMicros(kind, group.getLong(field, index))));
            case STRING, JSON ->
                g.writeString(
                        ParquetColumnKind.utf8(group.getBinary(field, index).getBytes()));
            case UUID ->
                g.writeString(
                        ParquetColumnKind.uuid(group.getBinary(field, index)).toString());
            case BINARY -> g.writeString(Base64.getEncoder().encodeToString(binaryOf(type, group, field, index)));
            case LIST, NESTED -> throw new IllegalStateException("A primitive is never nested");
        }
    }

    private static byte[] binaryOf(PrimitiveType type, Group group, int field, int index) {
        return switch (type.getPrimitiveTypeName()) {
            case INT96 -> group.getInt96(field, index).getBytes();
            default -> group.getBinary(field, index).getBytes();
        };
    }

    private static void number(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeString(Double.toString(d));
        }
    }
}
