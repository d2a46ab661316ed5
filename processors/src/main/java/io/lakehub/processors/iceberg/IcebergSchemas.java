package io.lakehub.processors.iceberg;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Dataset schemas as Iceberg schemas (ADR 0039). Every column is optional (a Lakehub file may hold
 * nulls in any column); the hidden upsert columns are not part of the table. Field ids are Iceberg's:
 * a column keeps its id for the life of the table, matched by name ignoring case as SQL does.
 */
final class IcebergSchemas {

    private IcebergSchemas() {}

    /** The Iceberg schema of a dataset schema, ids assigned from 1 (Iceberg reassigns them on create). */
    static Schema schema(LakeSchema lake) {
        AtomicInteger ids = new AtomicInteger(lake.size());
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 0;
        for (LakeField f : lake.fields()) {
            fields.add(Types.NestedField.optional(++id, f.name(), type(f, ids)));
        }
        return new Schema(fields);
    }

    /** The Iceberg type of a column. */
    static Type type(LakeField f, AtomicInteger ids) {
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
            case LIST -> Types.ListType.ofOptional(ids.incrementAndGet(), type(f.element(), ids));
        };
    }

    /**
     * Changes the table's schema to {@code lake}: new columns are added, columns gone from the dataset
     * are deleted, widened types are promoted (int to long, decimal precision). Does nothing, and
     * returns false, when the table already matches.
     *
     * @throws IllegalStateException naming the column when Iceberg cannot promote its type (e.g. int
     *     to double): the table then has to be rebuilt
     */
    static boolean evolve(Schema current, LakeSchema lake, UpdateSchema update) {
        boolean changed = false;
        for (Types.NestedField existing : current.columns()) {
            if (lake.field(existing.name()).isEmpty()) {
                update.deleteColumn(existing.name());
                changed = true;
            }
        }
        AtomicInteger ids = new AtomicInteger(1000);
        for (LakeField f : lake.fields()) {
            Types.NestedField existing = find(current, f.name());
            Type wanted = type(f, ids);
            if (existing == null) {
                update.addColumn(f.name(), wanted);
                changed = true;
                continue;
            }
            if (!existing.name().equals(f.name())) {
                update.renameColumn(existing.name(), f.name());
                changed = true;
            }
            if (sameType(existing.type(), wanted)) {
                continue;
            }
            if (wanted.isPrimitiveType()
                    && existing.type().isPrimitiveType()
                    && TypeUtil.isPromotionAllowed(existing.type(), wanted.asPrimitiveType())) {
                update.updateColumn(existing.name(), wanted.asPrimitiveType());
                changed = true;
            } else {
                throw new IllegalStateException("Column '" + f.name() + "' changed from " + existing.type() + " to "
                        + wanted + ", which Iceberg cannot promote; the table is rebuilt");
            }
        }
        return changed;
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
