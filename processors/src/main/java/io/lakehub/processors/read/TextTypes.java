package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The column types the text readers (CSV, JSON, NDJSON) can produce from text values. Decimal,
 * time, timestamp without zone, UUID and list columns come from Parquet files and database
 * sources; a type override asking a text reader for one of them is refused naming the column.
 */
final class TextTypes {
    static final Set<LakeType> READABLE = EnumSet.of(
            LakeType.BOOLEAN,
            LakeType.INT,
            LakeType.BIGINT,
            LakeType.DOUBLE,
            LakeType.DATE,
            LakeType.TIMESTAMP,
            LakeType.STRING,
            LakeType.JSON,
            LakeType.BINARY);

    /** {@link #READABLE} as the config spells them, for messages. */
    static final String NAMES = "boolean, int, bigint, double, date, timestamp, string, json, binary";

    private TextTypes() {}

    static boolean readable(LakeType type) {
        return READABLE.contains(type);
    }
}
