package io.lakehub.catalog.schema;

import java.util.Locale;

/**
 * Column types a dataset can hold. Each maps to one Parquet physical/logical type and one DuckDB
 * type. Nested JSON values are kept as {@link #JSON} text (Parquet JSON logical type), which DuckDB
 * reads back as its JSON type.
 *
 * <p>Two types carry parameters, which live on {@link LakeField}: {@link #DECIMAL} (precision and
 * scale) and {@link #LIST} (the element type). Their full type is {@link LakeField#duckDbType()} and
 * {@link LakeField#typeName()}; {@link #duckDbType()} answers only for parameter-free types.
 */
public enum LakeType {
    BOOLEAN("BOOLEAN"),
    /** 32-bit signed integer. Widens to BIGINT, DOUBLE, or a DECIMAL with 10 or more integer digits. */
    INT("INTEGER"),
    /** 64-bit signed integer. Widens to DOUBLE, or a DECIMAL with 19 or more integer digits. */
    BIGINT("BIGINT"),
    DOUBLE("DOUBLE"),
    /**
     * Exact decimal number, precision 1..38 digits of which scale (0..precision) follow the point;
     * the parameters are {@link LakeField#precision()} and {@link LakeField#scale()}.
     */
    DECIMAL(null),
    /** Calendar date without time zone. */
    DATE("DATE"),
    /** Time of day without zone, microsecond precision. */
    TIME("TIME"),
    /** Instant with microsecond precision, stored as UTC (Parquet TIMESTAMP(MICROS, adjusted=true)). */
    TIMESTAMP("TIMESTAMPTZ"),
    /**
     * Date and time of day without zone ("wall clock"), microsecond precision (Parquet
     * TIMESTAMP(MICROS, adjusted=false), DuckDB TIMESTAMP). Named {@code timestamp_ntz} in config.
     */
    LOCAL_TIMESTAMP("TIMESTAMP", "timestamp_ntz"),
    /** 128-bit UUID. */
    UUID("UUID"),
    STRING("VARCHAR"),
    /** JSON text for nested objects and arrays. */
    JSON("JSON"),
    BINARY("BLOB"),
    /**
     * A list of values of one element type, {@link LakeField#element()} (any type but LIST). A list
     * may be null, empty, or hold null elements.
     */
    LIST(null);

    private final String duckDbType;
    private final String displayName;

    LakeType(String duckDbType) {
        this(duckDbType, null);
    }

    LakeType(String duckDbType, String displayName) {
        this.duckDbType = duckDbType;
        this.displayName = displayName == null ? name().toLowerCase(Locale.ROOT) : displayName;
    }

    /** Whether a column of this type needs parameters on its {@link LakeField} (DECIMAL, LIST). */
    public boolean parameterised() {
        return duckDbType == null;
    }

    /**
     * The DuckDB type a dataset view casts a column of this (parameter-free) type to.
     *
     * @throws IllegalStateException for DECIMAL and LIST, whose type is {@link LakeField#duckDbType()}
     */
    public String duckDbType() {
        if (duckDbType == null) {
            throw new IllegalStateException("The DuckDB type of a " + displayName
                    + " column depends on its parameters; use" + " LakeField.duckDbType()");
        }
        return duckDbType;
    }

    /**
     * Lower-case name used in config files, JSON documents and error messages ({@code int},
     * {@code timestamp_ntz}, {@code decimal}, ...), without parameters; see {@link
     * LakeField#typeName()} for the full name.
     */
    public String displayName() {
        return displayName;
    }

    /** The type whose {@link #displayName()} is exactly {@code name}, as the catalog stores it. */
    public static java.util.Optional<LakeType> fromDisplayName(String name) {
        for (LakeType t : values()) {
            if (t.displayName.equals(name)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Parses a type name from configuration ({@code int}, {@code bigint}, {@code string}, {@code
     * time}, {@code timestamp_ntz}, {@code uuid}, ...). A parameterised name such as {@code
     * decimal(10,2)} yields its base type ({@link #DECIMAL}); {@link LakeField#parse} keeps the
     * parameters. A bare {@code decimal} or {@code number} still means {@link #DOUBLE}, as it always
     * has in config files.
     */
    public static LakeType parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.startsWith("DECIMAL(") || n.startsWith("NUMERIC(")) {
            return DECIMAL;
        }
        if (n.startsWith("LIST<") || n.endsWith("[]")) {
            return LIST;
        }
        return switch (n) {
            case "INTEGER", "INT32" -> INT;
            case "LONG", "INT64" -> BIGINT;
            case "FLOAT", "FLOAT64", "DECIMAL", "NUMBER" -> DOUBLE;
            case "BOOL" -> BOOLEAN;
            case "VARCHAR", "TEXT" -> STRING;
            case "TIMESTAMPTZ", "DATETIME" -> TIMESTAMP;
            case "TIMESTAMP_NTZ", "LOCAL_TIMESTAMP", "LOCALDATETIME" -> LOCAL_TIMESTAMP;
            case "BLOB", "BYTES" -> BINARY;
            default -> {
                try {
                    yield LakeType.valueOf(n);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown column type '" + name + "'; expected one of"
                            + " boolean, int, bigint, double, decimal(p,s), date, time, timestamp,"
                            + " timestamp_ntz, uuid, string, json, binary, list<element>.");
                }
            }
        };
    }
}
