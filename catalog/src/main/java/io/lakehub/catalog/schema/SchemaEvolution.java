package io.lakehub.catalog.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of merging an incoming schema into a dataset's current schema: the schema to record
 * (equal to the current one when nothing changed) and a human-readable line per change.
 *
 * @param schema the merged schema; current columns keep their order, new columns follow
 * @param changes one line per change, e.g. {@code "added column email (string)"} or
 *     {@code "widened column age from int to bigint"}; empty when unchanged
 */
public record SchemaEvolution(LakeSchema schema, List<String> changes) {

    public SchemaEvolution {
        Objects.requireNonNull(schema, "schema");
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /**
     * Merges {@code incoming} into {@code current}.
     *
     * <ul>
     *   <li>a column only in {@code incoming} is added, nullable;
     *   <li>a column only in {@code current} stays (it will be null for the new rows), so it becomes
     *       nullable if it was not;
     *   <li>equal types stay; INT to BIGINT, INT or BIGINT to DOUBLE widen the dataset column; a
     *       narrower incoming type (INT into BIGINT, anything into a STRING column) is accepted
     *       without change: the reader converts the incoming values to the dataset's type;
     *   <li>any other difference widens to STRING when {@code widenToString} is set, otherwise
     *       {@link IncompatibleSchemaException} names the column and both types.
     * </ul>
     *
     * <p>A column name that is new to the dataset and holds a control character (U+0000 to U+001F,
     * U+007F) is refused with {@link InvalidColumnNameException}, whatever {@code widenToString}
     * says: see {@link ColumnNames}. Names the dataset already holds are not checked again, so a
     * dataset committed before this rule can still be appended to (or dropped).
     *
     * <p>For a new dataset ({@code current == null}) the incoming schema is taken as it is and every
     * column is reported as added. Column names match ignoring case, as SQL resolves them; a
     * matched column keeps the dataset's spelling.
     *
     * @param dataset the dataset name, for the error message
     * @param current the dataset's current schema, or {@code null} for a new dataset
     */
    public static SchemaEvolution merge(
            String dataset, LakeSchema current, LakeSchema incoming, boolean widenToString) {
        Objects.requireNonNull(incoming, "incoming");
        refuseInvalidNames(dataset, current, incoming);
        List<String> changes = new ArrayList<>();
        if (current == null) {
            for (LakeField f : incoming.fields()) {
                changes.add(added(f));
            }
            return new SchemaEvolution(incoming, changes);
        }

        // Column identity ignores case, as SQL (DuckDB) does: 'email' arriving for a dataset with
        // 'Email' is the same column and keeps the dataset's spelling.
        Map<String, LakeField> incomingByName = new LinkedHashMap<>();
        incoming.fields().forEach(f -> incomingByName.put(LakeSchema.key(f.name()), f));

        List<LakeField> merged = new ArrayList<>(current.size() + incoming.size());
        for (LakeField cur : current.fields()) {
            LakeField in = incomingByName.remove(LakeSchema.key(cur.name()));
            if (in == null) {
                // Rows of this commit will hold null in this column.
                merged.add(relaxed(cur, changes));
                continue;
            }
            LakeType type = mergedType(dataset, cur, in.type(), widenToString);
            if (type != cur.type()) {
                changes.add("widened column " + cur.name() + " from "
                        + cur.type().displayName() + " to " + type.displayName());
            }
            LakeField field = new LakeField(cur.name(), type, cur.nullable());
            merged.add(in.nullable() ? relaxed(field, changes) : field);
        }
        for (LakeField in : incomingByName.values()) {
            LakeField field = LakeField.nullable(in.name(), in.type());
            changes.add(added(field));
            merged.add(field);
        }
        return changes.isEmpty()
                ? new SchemaEvolution(current, List.of())
                : new SchemaEvolution(new LakeSchema(merged), changes);
    }

    /** Every writer merges before it commits, so this is where a bad name is stopped for all of them. */
    private static void refuseInvalidNames(String dataset, LakeSchema current, LakeSchema incoming) {
        for (LakeField in : incoming.fields()) {
            if (ColumnNames.firstControlCharacter(in.name()) >= 0
                    && (current == null || current.field(in.name()).isEmpty())) {
                throw new InvalidColumnNameException(dataset, in.name(), in.type());
            }
        }
    }

    private static LakeType mergedType(String dataset, LakeField cur, LakeType in, boolean widenToString) {
        LakeType have = cur.type();
        if (have == in || fitsInto(in, have)) {
            return have;
        }
        if (widensNumerically(have, in)) {
            return in;
        }
        if (widenToString) {
            return LakeType.STRING;
        }
        throw new IncompatibleSchemaException(dataset, cur.name(), have, in);
    }

    /** Whether values of {@code incoming} can be stored in an existing {@code have} column as they are. */
    private static boolean fitsInto(LakeType incoming, LakeType have) {
        // Raw bytes have no faithful text form, so they only fit a string column when asked to.
        return (have == LakeType.STRING && incoming != LakeType.BINARY) || widensNumerically(incoming, have);
    }

    /** INT -> BIGINT -> DOUBLE: every value of {@code from} is exactly (or, for DOUBLE, nearly) a {@code to}. */
    private static boolean widensNumerically(LakeType from, LakeType to) {
        return switch (from) {
            case INT -> to == LakeType.BIGINT || to == LakeType.DOUBLE;
            case BIGINT -> to == LakeType.DOUBLE;
            default -> false;
        };
    }

    private static LakeField relaxed(LakeField f, List<String> changes) {
        if (f.nullable()) {
            return f;
        }
        changes.add("made column " + f.name() + " nullable");
        return LakeField.nullable(f.name(), f.type());
    }

    private static String added(LakeField f) {
        return "added column " + f.name() + " (" + f.type().displayName() + ")";
    }
}
