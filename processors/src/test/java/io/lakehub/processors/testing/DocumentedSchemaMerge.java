package io.lakehub.processors.testing;

import io.lakehub.catalog.schema.IncompatibleSchemaException;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.schema.SchemaEvolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge rules as {@link SchemaEvolution#merge} documents them, for tests until the catalog's
 * implementation is on main: new columns added nullable; INT to BIGINT, INT or BIGINT to DOUBLE
 * widen; narrower incoming types are accepted, and anything but BINARY into a STRING column; any
 * other difference is STRING with {@code widenToString}, else {@link IncompatibleSchemaException}.
 */
public final class DocumentedSchemaMerge {
    private DocumentedSchemaMerge() {}

    public static SchemaEvolution merge(
            String dataset, LakeSchema current, LakeSchema incoming, boolean widenToString) {
        List<String> changes = new ArrayList<>();
        if (current == null) {
            incoming.fields()
                    .forEach(f -> changes.add(
                            "added column " + f.name() + " (" + f.type().displayName() + ")"));
            return new SchemaEvolution(incoming, changes);
        }
        Map<String, LakeField> in = new LinkedHashMap<>();
        incoming.fields().forEach(f -> in.put(f.name(), f));
        List<LakeField> merged = new ArrayList<>();
        for (LakeField cur : current.fields()) {
            LakeField inc = in.remove(cur.name());
            if (inc == null || inc.type() == cur.type()) {
                merged.add(cur);
                continue;
            }
            LakeType t = merged(dataset, cur, inc.type(), widenToString);
            if (t != cur.type()) {
                changes.add("widened column " + cur.name() + " from "
                        + cur.type().displayName() + " to " + t.displayName());
            }
            merged.add(new LakeField(cur.name(), t, cur.nullable()));
        }
        for (LakeField f : in.values()) {
            changes.add("added column " + f.name() + " (" + f.type().displayName() + ")");
            merged.add(LakeField.nullable(f.name(), f.type()));
        }
        return changes.isEmpty()
                ? new SchemaEvolution(current, List.of())
                : new SchemaEvolution(new LakeSchema(merged), changes);
    }

    private static LakeType merged(String dataset, LakeField cur, LakeType in, boolean widenToString) {
        LakeType c = cur.type();
        if (c == LakeType.BIGINT && in == LakeType.INT
                || c == LakeType.DOUBLE && (in == LakeType.INT || in == LakeType.BIGINT)) {
            return c;
        }
        if (c == LakeType.INT && (in == LakeType.BIGINT || in == LakeType.DOUBLE)
                || c == LakeType.BIGINT && in == LakeType.DOUBLE) {
            return in;
        }
        if (c == LakeType.STRING && in != LakeType.BINARY) {
            return c;
        }
        if (widenToString) {
            return LakeType.STRING;
        }
        throw new IncompatibleSchemaException(dataset, cur.name(), c, in);
    }
}
