package io.lakehub.processors.source.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * One column of the source and how its values travel: the database type, the lake type it maps
 * to, how a value is read from the {@link ResultSet} into its Arrow vector (NULL included), and —
 * for a cursor column — how its value is kept, written to the position's JSON and bound again.
 *
 * <pre>
 * database type                                     lake type
 * smallint, int, mediumint (MySQL int unsigned)      INT (BIGINT)
 * bigint                                            BIGINT
 * real, double precision, float                     DOUBLE
 * boolean, MySQL tinyint(1)/bit(1)                  BOOLEAN
 * date                                              DATE
 * timestamptz, MySQL TIMESTAMP (instants)           TIMESTAMP (UTC)
 * json, jsonb, MySQL JSON                           JSON
 * text, varchar, char, enums, MySQL SET             STRING
 * bytea, blob, binary, varbinary                    BINARY
 * </pre>
 *
 * Anything else is refused at open, naming the column and its database type.
 */
final class JdbcColumn {

    /** How values are read, kept and written. */
    enum Kind {
        INT(LakeType.INT),
        BIGINT(LakeType.BIGINT),
        DOUBLE(LakeType.DOUBLE),
        BOOLEAN(LakeType.BOOLEAN),
        DATE(LakeType.DATE),
        /** Year (MySQL YEAR): its number. */
        YEAR(LakeType.INT),
        /** PostgreSQL timestamptz: an instant, read as OffsetDateTime. */
        TIMESTAMPTZ(LakeType.TIMESTAMP),
        /** MySQL TIMESTAMP: an instant, read in the session's zone (the JVM's, see JdbcDialect). */
        MYSQL_TIMESTAMP(LakeType.TIMESTAMP),
        STRING(LakeType.STRING),
        JSON(LakeType.JSON),
        BINARY(LakeType.BINARY);

        final LakeType lakeType;

        Kind(LakeType lakeType) {
            this.lakeType = lakeType;
        }

        boolean cursorCapable() {
            return this != JSON && this != BINARY;
        }

        boolean isTimestamp() {
            return this == TIMESTAMPTZ || this == MYSQL_TIMESTAMP;
        }
    }

    private static final java.util.Set<String> GEOMETRY = java.util.Set.of(
            "geometry",
            "point",
            "linestring",
            "polygon",
            "multipoint",
            "multilinestring",
            "multipolygon",
            "geometrycollection");

    final String name;
    /** 1-based position in the result. */
    final int index;
    /** The database's type, as shown in messages, e.g. {@code numeric(10,2)}. */
    final String databaseType;

    final Kind kind;
    final boolean nullable;
    /** How values are written into the batch: {@link #kind}, or a wider one after {@link #writeAs}. */
    private Kind writeKind;

    private JdbcColumn(String name, int index, String databaseType, Kind kind, boolean nullable) {
        this.name = name;
        this.index = index;
        this.databaseType = databaseType;
        this.kind = kind;
        this.nullable = nullable;
        this.writeKind = kind;
    }

    /**
     * Writes values as {@code type}: the declared type, or a wider one the dataset already holds
     * (BIGINT or DOUBLE for integers, DOUBLE for BIGINT, STRING for anything but binary).
     *
     * @throws IllegalArgumentException when the column cannot be written as {@code type}
     */
    void writeAs(LakeType type) {
        if (type == kind.lakeType) {
            writeKind = kind;
            return;
        }
        boolean integer = kind == Kind.INT || kind == Kind.YEAR;
        writeKind = switch (type) {
            case BIGINT -> integer ? Kind.BIGINT : null;
            case DOUBLE -> integer || kind == Kind.BIGINT ? Kind.DOUBLE : null;
            case STRING -> kind == Kind.BINARY ? null : Kind.STRING;
            default -> null;
        };
        if (writeKind == null) {
            writeKind = kind;
            throw new IllegalArgumentException("Column '" + name + "' (" + databaseType + ", "
                    + kind.lakeType.displayName() + ") cannot be written as " + type.displayName());
        }
    }

    LakeField field() {
        return new LakeField(name, kind.lakeType, true);
    }

    /**
     * The column at {@code index} of the result, mapped.
     *
     * @throws JdbcSourceRefusedException naming the column and its type when the lake cannot hold it
     */
    static JdbcColumn of(JdbcDialect dialect, Connection connection, ResultSetMetaData md, int index, String source)
            throws SQLException {
        String name = md.getColumnLabel(index);
        int type = md.getColumnType(index);
        String typeName = md.getColumnTypeName(index) == null
                ? ""
                : md.getColumnTypeName(index).toLowerCase(Locale.ROOT);
        int precision = md.getPrecision(index);
        int scale = md.getScale(index);
        String shown = shownType(typeName, type, precision, scale);
        boolean nullable = md.isNullable(index) != ResultSetMetaData.columnNoNulls;
        Kind kind = kind(dialect, connection, md, index, type, typeName, precision);
        if (kind == null) {
            throw new JdbcSourceRefusedException(
                    "jdbc." + (source.startsWith("query") ? "query" : "table"),
                    "column '" + name + "' of " + source + " has type " + shown
                            + ", which the lake cannot hold; leave it out (use query: with a SELECT listing the"
                            + " columns, or cast it there). Nothing was read.");
        }
        return new JdbcColumn(name, index, shown, kind, nullable);
    }

    private static String shownType(String typeName, int type, int precision, int scale) {
        String base = typeName.isEmpty() ? "JDBC type " + type : typeName;
        if ((type == Types.NUMERIC || type == Types.DECIMAL) && precision > 0) {
            return base + "(" + precision + "," + scale + ")";
        }
        return base;
    }

    private static Kind kind(
            JdbcDialect dialect,
            Connection connection,
            ResultSetMetaData md,
            int index,
            int type,
            String typeName,
            int precision)
            throws SQLException {
        switch (type) {
            case Types.BOOLEAN:
                return Kind.BOOLEAN;
            case Types.BIT:
                // PostgreSQL reports boolean as BIT; MySQL tinyint(1) and bit(1) too. Wider bit strings are refused.
                return typeName.equals("bool") || typeName.equals("boolean") || precision <= 1 ? Kind.BOOLEAN : null;
            case Types.TINYINT:
            case Types.SMALLINT:
                return Kind.INT;
            case Types.INTEGER:
                return md.isSigned(index) ? Kind.INT : Kind.BIGINT;
            case Types.BIGINT:
                // A BIGINT UNSIGNED does not fit a signed 64-bit column.
                return md.isSigned(index) ? Kind.BIGINT : null;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return Kind.DOUBLE;
            case Types.DATE:
                return typeName.equals("year") ? Kind.YEAR : Kind.DATE;
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                if (dialect == JdbcDialect.POSTGRESQL) {
                    return typeName.equals("timestamptz") ? Kind.TIMESTAMPTZ : null;
                }
                return typeName.equals("timestamp") ? Kind.MYSQL_TIMESTAMP : null;
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return typeName.equals("json") || typeName.equals("jsonb") ? Kind.JSON : Kind.STRING;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                // MySQL geometry arrives as binary in its internal format (SRID + WKB): not plain bytes.
                return GEOMETRY.contains(typeName) ? null : Kind.BINARY;
            case Types.OTHER:
                if (typeName.equals("json") || typeName.equals("jsonb")) {
                    return Kind.JSON;
                }
                return dialect == JdbcDialect.POSTGRESQL && isPostgresEnum(connection, typeName) ? Kind.STRING : null;
            default:
                return null;
        }
    }

    /** Whether a PostgreSQL type of this name is an enum (read as its label). */
    private static boolean isPostgresEnum(Connection connection, String typeName) throws SQLException {
        String name = typeName.startsWith("\"") && typeName.endsWith("\"")
                ? typeName.substring(1, typeName.length() - 1)
                : typeName;
        try (PreparedStatement s =
                connection.prepareStatement("SELECT 1 FROM pg_type WHERE typname = ? AND typtype = 'e'")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Copies this column's value of the current row into {@code vector} at {@code row}. */
    void write(ResultSet rs, FieldVector vector, int row) throws SQLException {
        int i = index;
        switch (writeKind) {
            case INT, YEAR -> {
                int v = rs.getInt(i);
                if (rs.wasNull()) {
                    ((IntVector) vector).setNull(row);
                } else {
                    ((IntVector) vector).setSafe(row, v);
                }
            }
            case BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    ((BigIntVector) vector).setNull(row);
                } else {
                    ((BigIntVector) vector).setSafe(row, v);
                }
            }
            case DOUBLE -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    ((Float8Vector) vector).setNull(row);
                } else {
                    ((Float8Vector) vector).setSafe(row, v);
                }
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    ((BitVector) vector).setNull(row);
                } else {
                    ((BitVector) vector).setSafe(row, v ? 1 : 0);
                }
            }
            case DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                if (v == null) {
                    ((DateDayVector) vector).setNull(row);
                } else {
                    ((DateDayVector) vector).setSafe(row, Math.toIntExact(v.toEpochDay()));
                }
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                if (v == null) {
                    ((TimeStampMicroTZVector) vector).setNull(row);
                } else {
                    ((TimeStampMicroTZVector) vector).setSafe(row, micros(v.toInstant()));
                }
            }
            case MYSQL_TIMESTAMP -> {
                Timestamp v = rs.getTimestamp(i);
                if (v == null) {
                    ((TimeStampMicroTZVector) vector).setNull(row);
                } else {
                    ((TimeStampMicroTZVector) vector).setSafe(row, micros(v.toInstant()));
                }
            }
            case STRING, JSON -> {
                String v = rs.getString(i);
                if (v == null) {
                    ((VarCharVector) vector).setNull(row);
                } else {
                    ((VarCharVector) vector).setSafe(row, v.getBytes(StandardCharsets.UTF_8));
                }
            }
            case BINARY -> {
                byte[] v = rs.getBytes(i);
                if (v == null) {
                    ((VarBinaryVector) vector).setNull(row);
                } else {
                    ((VarBinaryVector) vector).setSafe(row, v);
                }
            }
        }
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * This column's value in the current row as the object bound back into the keyset condition:
     * it compares exactly as the database stored it (timestamps keep their microseconds).
     */
    Object cursorValue(ResultSet rs) throws SQLException {
        Object v = switch (kind) {
            case INT, YEAR, BIGINT -> rs.getLong(index);
            case DOUBLE -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIMESTAMPTZ -> rs.getObject(index, OffsetDateTime.class);
            case MYSQL_TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case STRING -> rs.getString(index);
            case JSON, BINARY -> throw new IllegalStateException(name + " cannot be a cursor");
        };
        return rs.wasNull() ? null : v;
    }

    /** A cursor value as it is written into the position's JSON. */
    JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (kind) {
            case INT, YEAR, BIGINT -> f.numberNode((Long) value);
            case DOUBLE -> f.numberNode((Double) value);
            case BOOLEAN -> f.booleanNode((Boolean) value);
            default -> f.textNode(value.toString());
        };
    }

    /**
     * A cursor value read back from the position's JSON.
     *
     * @throws IllegalArgumentException when it does not fit this column's type
     */
    Object fromJson(JsonNode node) {
        try {
            return switch (kind) {
                case INT, YEAR, BIGINT -> {
                    if (!node.canConvertToLong()) {
                        throw new IllegalArgumentException("not a whole number");
                    }
                    yield node.longValue();
                }
                case DOUBLE -> node.doubleValue();
                case BOOLEAN -> node.booleanValue();
                case DATE -> LocalDate.parse(node.textValue());
                case TIMESTAMPTZ -> OffsetDateTime.parse(node.textValue());
                case MYSQL_TIMESTAMP -> LocalDateTime.parse(node.textValue());
                case STRING -> node.textValue();
                case JSON, BINARY -> throw new IllegalArgumentException("not a cursor type");
            };
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + node + "' is not a " + databaseType + " value", e);
        }
    }

    /** The lag bound's value for this (timestamp) column: the database's clock minus the lag. */
    Object lagBound(Connection connection, JdbcDialect dialect, java.time.Duration lag) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(dialect.nowQuery(kind == Kind.TIMESTAMPTZ));
                ResultSet rs = s.executeQuery()) {
            rs.next();
            if (kind == Kind.TIMESTAMPTZ) {
                return rs.getObject(1, OffsetDateTime.class).minus(lag);
            }
            return rs.getObject(1, LocalDateTime.class).minus(lag);
        }
    }
}
