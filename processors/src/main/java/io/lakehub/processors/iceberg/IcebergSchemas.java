package io.lakehub.processors.iceberg;

import io.lakehub.catalog.schema.FieldIds;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Dataset schemas as Iceberg schemas (ADR 0039). Every column is optional (a Lakehub file may hold
 * nulls in any column); the hidden upsert columns are not part of the table. Field ids are the
 * dataset's stable ids ({@link FieldIds}: a column's position in the dataset schema, which never
 * changes), the same the Parquet writer puts into the files; a column is matched by name ignoring
 * case as SQL does.
 */
final class IcebergSchemas {

    private IcebergSchemas() {}

    /** The Iceberg schema of a dataset schema, with the dataset's stable field ids. */
    static Schema schema(LakeSchema lake) {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 0;
        for (LakeField f : lake.fields()) {
            id++;
            fields.add(Types.NestedField.optional(id, f.name(), type(f, id)));
        }
        return new Schema(fields);
    }

    /** The Iceberg type of a column with the given id (a list's element gets {@link FieldIds#elementId}). */
    static Type type(LakeField f, int columnId) {
        return switch (f.type()) {
            case BOOLEAN -> Types.BooleanType.get();
            case INT -> Types.IntegerType.get();
            case BIGINT -> Types.LongType.get();
            case DOUBLE -> Types.DoubleType.get();
            case DECIMAL -> Types.DecimalType.of(f.precision(), f.scale());
            case DATE -> Types.DateType.get();
            case TIME -> Types.TimeType.get();
            case TIMESTAMP -> Types.TimestampType.withZone();
            case LOCAL_TIMESTAMP -> Types.TimestampType.withoutZone();
            case UUID -> Types.UUIDType.get();
            case STRING, JSON -> Types.StringType.get();
            case BINARY -> Types.BinaryType.get();
            case LIST -> Types.ListType.ofOptional(FieldIds.elementId(columnId), type(f.element(), columnId));
        };
    }

    /**
     * The schema the table must take to show {@code lake}: new columns are added with their ids,
     * widened types promoted (int to long, decimal precision), a respelled name renamed; null when the
     * table already matches.
     *
     * @throws IllegalStateException naming the column when Iceberg cannot promote its type (e.g. int
     *     to double), or when the table holds a column under another id (a table published before
     *     stable field ids): the table then has to be rebuilt
     */
    static Schema evolve(Schema current, LakeSchema lake) {
        Schema target = schema(lake);
        if (current.asStruct().equals(target.asStruct())) {
            return null;
        }
        for (Types.NestedField wanted : target.columns()) {
            Types.NestedField byName = find(current, wanted.name());
            Types.NestedField byId = current.findField(wanted.fieldId());
            if ((byName != null && byName.fieldId() != wanted.fieldId())
                    || (byId != null && !byId.name().equalsIgnoreCase(wanted.name()))) {
                throw new IllegalStateException("Column '" + wanted.name() + "' has another field id in the table"
                        + " than the dataset's stable id " + wanted.fieldId() + " (a table published before"
                        + " stable field ids); the table is rebuilt");
            }
            if (byId == null || sameType(byId.type(), wanted.type())) {
                continue;
            }
            if (!(wanted.type().isPrimitiveType()
                    && byId.type().isPrimitiveType()
                    && TypeUtil.isPromotionAllowed(byId.type(), wanted.type().asPrimitiveType()))) {
                throw new IllegalStateException("Column '" + wanted.name() + "' changed from " + byId.type() + " to "
                        + wanted.type() + ", which Iceberg cannot promote; the table is rebuilt");
            }
        }
        return target;
    }

    /**
     * Commits {@code schema}, ids as they are (Iceberg's own schema updates would assign the next free
     * ids), as the table's current schema, with the name mapping that maps the columns of files written
     * without field ids by name. One metadata commit; a concurrent commit makes it fail (the publish is
     * retried).
     */
    static void commitSchema(Table table, Schema schema) {
        TableOperations ops = ((HasTableOperations) table).operations();
        TableMetadata base = ops.refresh();
        TableMetadata updated = TableMetadata.buildFrom(base)
                .setCurrentSchema(schema, Math.max(base.lastColumnId(), schema.highestFieldId()))
                .setProperties(Map.of(
                        TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(schema))))
                .build();
        ops.commit(base, updated);
        table.refresh();
    }

    static Types.NestedField find(Schema schema, String name) {
        String k = name.toLowerCase(Locale.ROOT);
        for (Types.NestedField c : schema.columns()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(k)) {
                return c;
            }
        }
        return null;
    }

    /** Same type, ignoring nested field ids. */
    static boolean sameType(Type a, Type b) {
        if (a.isListType() && b.isListType()) {
            return sameType(a.asListType().elementType(), b.asListType().elementType());
        }
        return a.equals(b);
    }
}
