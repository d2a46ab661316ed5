package io.lakehub.catalog.schema;

/**
 * Column types a dataset can hold. Each maps to one Parquet physical/logical type and one DuckDB
 * type. Nested JSON values are kept as {@link #JSON} text (Parquet JSON logical type), which DuckDB
 * reads back as its JSON type.
 */
public enum LakeType {
    BOOLEAN("BOOLEAN"),
    /** 32-bit signed integer. Widens to BIGINT, DOUBLE. */
    INT("INTEGER"),
    /** 64-bit signed integer. Widens to DOUBLE. */
    BIGINT("BIGINT"),
    DOUBLE("DOUBLE"),
    /** Calendar date without time zone. */
    DATE("DATE"),
    /** Instant with microsecond precision, stored as UTC (Parquet TIMESTAMP(MICROS, adjusted=true)). */
    TIMESTAMP("TIMESTAMPTZ"),
    STRING("VARCHAR"),
    /** JSON text for nested objects and arrays. */
    JSON("JSON"),
    BINARY("BLOB");

    private final String duckDbType;

    LakeType(String duckDbType) {
        this.duckDbType = duckDbType;
    }

    /** The DuckDB type a dataset view casts this column to. */
    public String duckDbType() {
        return duckDbType;
    }

    /** Lower-case name used in config files, JSON documents and error messages. */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a type name from configuration ({@code int}, {@code bigint}, {@code string}, ...). */
    public static LakeType parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (n) {
            case "INTEGER", "INT32" -> INT;
            case "LONG", "INT64" -> BIGINT;
            case "FLOAT", "FLOAT64", "DECIMAL", "NUMBER" -> DOUBLE;
            case "BOOL" -> BOOLEAN;
            case "VARCHAR", "TEXT" -> STRING;
            case "TIMESTAMPTZ", "DATETIME" -> TIMESTAMP;
            case "BLOB", "BYTES" -> BINARY;
            default -> {
                try {
                    yield LakeType.valueOf(n);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown column type '" + name + "'; expected one of"
                            + " boolean, int, bigint, double, date, timestamp, string, json, binary.");
                }
            }
        };
    }
}
