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
     *   <li>equal types (parameters included) stay; INT to BIGINT, INT, BIGINT or DECIMAL to DOUBLE
     *       widen the dataset column; a narrower incoming type (INT into BIGINT, anything but BINARY
     *       and LIST into a STRING column, a LIST into a JSON column, INT, BIGINT or a DECIMAL into a
     *       DECIMAL with at least as many integer digits and as large a scale) is accepted without
     *       change: the reader converts the incoming values to the dataset's type;
     *   <li>INT, BIGINT and DECIMAL otherwise merge into the DECIMAL holding both: the larger number
     *       of integer digits (INT needs 10, BIGINT 19, DECIMAL(p,s) p-s) plus the larger scale. When
     *       that exceeds 38 digits the change is refused (or widened to STRING): falling back to
     *       DOUBLE would silently round exact values such as amounts of money;
     *   <li>LIST columns merge only with lists of the very same element type; LOCAL_TIMESTAMP
     *       (without zone) and TIMESTAMP (an instant) never merge, since no time zone is known to
     *       convert one into the other;
     *   <li>any other difference widens to STRING when {@code widenToString} is set, otherwise
     *       {@link IncompatibleSchemaException} names the column and both types.
     * </ul>
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
            LakeField field = mergedField(dataset, cur, in, widenToString);
            if (!field.sameType(cur)) {
                changes.add("widened column " + cur.name() + " from " + cur.typeName() + " to " + field.typeName());
            }
            merged.add(in.nullable() ? relaxed(field, changes) : field);
        }
        for (LakeField in : incomingByName.values()) {
            LakeField field = in.withNullable(true);
            changes.add(added(field));
            merged.add(field);
        }
        return changes.isEmpty()
                ? new SchemaEvolution(current, List.of())
                : new SchemaEvolution(new LakeSchema(merged), changes);
    }

    /** The dataset column {@code cur} after {@code in} arrives: its name and nullability, the merged type. */
    private static LakeField mergedField(String dataset, LakeField cur, LakeField in, boolean widenToString) {
        if (cur.sameType(in) || fitsInto(in, cur)) {
            return cur;
        }
        String reason = "";
        LakeType have = cur.type();
        LakeType incoming = in.type();
        if (widensNumerically(have, incoming)) {
            return cur.withTypeOf(in);
        }
        if (exact(have) && exact(incoming)) {
            // int, bigint and decimals merge into the decimal holding both, when one fits in 38 digits.
            int integerDigits = Math.max(integerDigits(cur), integerDigits(in));
            int scale = Math.max(scale(cur), scale(in));
            if (integerDigits + scale <= LakeField.MAX_DECIMAL_PRECISION) {
                return cur.withTypeOf(LakeField.decimal(cur.name(), integerDigits + scale, scale));
            }
            reason = "a decimal holding both would need " + (integerDigits + scale) + " digits, more than "
                    + LakeField.MAX_DECIMAL_PRECISION;
        } else if (have == LakeType.LIST && incoming == LakeType.LIST) {
            reason = "list elements must have the same type";
        }
        if (widenToString) {
            return cur.withTypeOf(LakeField.nullable(cur.name(), LakeType.STRING));
        }
        throw new IncompatibleSchemaException(dataset, cur, in, reason);
    }

    /**
     * Whether values of {@code incoming} can be stored in the existing column {@code have} as they
     * are (the reader converts them).
     */
    private static boolean fitsInto(LakeField incoming, LakeField have) {
        LakeType in = incoming.type();
        return switch (have.type()) {
            // Raw bytes have no faithful text form, so they only fit a string column when asked to;
            // a list has one (JSON), but a list column must stay a list or be widened on purpose.
            case STRING -> in != LakeType.BINARY && in != LakeType.LIST;
            // Lists read before the lake had a list type were stored as JSON text; they still are.
            case JSON -> in == LakeType.LIST;
            case DECIMAL ->
                exact(in) && integerDigits(incoming) <= integerDigits(have) && scale(incoming) <= scale(have);
            default -> widensNumerically(in, have.type());
        };
    }

    /**
     * INT -> BIGINT -> DOUBLE, and DECIMAL -> DOUBLE: every value of {@code from} is exactly (or,
     * for DOUBLE, nearly) a {@code to}.
     */
    private static boolean widensNumerically(LakeType from, LakeType to) {
        return switch (from) {
            case INT -> to == LakeType.BIGINT || to == LakeType.DOUBLE;
            case BIGINT, DECIMAL -> to == LakeType.DOUBLE;
            default -> false;
        };
    }

    /** Exact numbers: int, bigint and decimal, which merge into a decimal. */
    private static boolean exact(LakeType type) {
        return type == LakeType.INT || type == LakeType.BIGINT || type == LakeType.DECIMAL;
    }

    /** Digits before the point any value of the column may need: 10 for int, 19 for bigint. */
    private static int integerDigits(LakeField f) {
        return switch (f.type()) {
            case INT -> 10;
            case BIGINT -> 19;
            default -> f.precision() - f.scale();
        };
    }

    private static int scale(LakeField f) {
        return f.type() == LakeType.DECIMAL ? f.scale() : 0;
    }

    private static LakeField relaxed(LakeField f, List<String> changes) {
        if (f.nullable()) {
            return f;
        }
        changes.add("made column " + f.name() + " nullable");
        return f.withNullable(true);
    }

    private static String added(LakeField f) {
        return "added column " + f.name() + " (" + f.typeName() + ")";
    }
}
