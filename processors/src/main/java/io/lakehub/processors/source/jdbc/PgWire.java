package io.lakehub.processors.source.jdbc;

import java.util.Optional;

/**
 * How PostgreSQL sends a value of a column in its binary COPY format, per type. Enums, domains and
 * other types whose OID is not fixed are sent as their text ({@link #TEXT}) for enums; the caller,
 * which knows the column's type name, decides.
 */
public enum PgWire {
    BOOL,
    INT2,
    INT4,
    INT8,
    FLOAT4,
    FLOAT8,
    NUMERIC,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMPTZ,
    UUID,
    /** text, varchar, char(n), name, json, enum labels, xml: the UTF-8 bytes. */
    TEXT,
    /** jsonb: a version byte (1), then the JSON text. */
    JSONB,
    BYTEA,
    /** A one-dimensional array; its elements are decoded by the element OID the array carries. */
    ARRAY;

    /** The wire format of a built-in type, by its OID; empty for types this decoder does not read. */
    public static Optional<PgWire> forOid(int oid) {
        return Optional.ofNullable(
                switch (oid) {
                    case 16 -> BOOL;
                    case 17 -> BYTEA;
                    case 19, 25, 114, 142, 1042, 1043 -> TEXT;
                    case 20 -> INT8;
                    case 21 -> INT2;
                    case 23 -> INT4;
                    case 700 -> FLOAT4;
                    case 701 -> FLOAT8;
                    case 1082 -> DATE;
                    case 1083 -> TIME;
                    case 1114 -> TIMESTAMP;
                    case 1184 -> TIMESTAMPTZ;
                    case 1700 -> NUMERIC;
                    case 2950 -> UUID;
                    case 3802 -> JSONB;
                    // Arrays of the types above.
                    case 1000,
                            1001,
                            1003,
                            1005,
                            1007,
                            1009,
                            1014,
                            1015,
                            1016,
                            1021,
                            1022,
                            1115,
                            1182,
                            1183,
                            1185,
                            1231,
                            2951,
                            199,
                            3807,
                            143 -> ARRAY;
                    default -> null;
                });
    }
}
