package io.lakehub.processors.source.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * One column of the source and how its values travel: the database type, the lake column it maps
 * to, how a value is read from the {@link ResultSet} into its Arrow vector (NULL included), and —
 * for a cursor column — how its value is kept, written to the position's JSON and bound again.
 *
 * <pre>
 * database type                                       lake type
 * smallint, int, mediumint, tinyint, MySQL YEAR        INT
 * bigint, MySQL int unsigned                          BIGINT
 * numeric(p,s) / decimal(p,s), p &lt;= 38               DECIMAL(p,s)
 * numeric without precision (PostgreSQL)              DECIMAL(38,10): a value needing more is refused
 * MySQL bigint unsigned                               DECIMAL(20,0)
 * real, double precision, float                       DOUBLE
 * boolean, MySQL tinyint(1) / bit(1)                  BOOLEAN
 * date                                                DATE
 * time                                                TIME
 * timestamp, MySQL DATETIME                           LOCAL_TIMESTAMP (wall clock)
 * timestamptz, MySQL TIMESTAMP                        TIMESTAMP (UTC instant)
 * uuid                                                UUID
 * json, jsonb, MySQL JSON                             JSON
 * text, varchar, char, enums, MySQL SET               STRING
 * bytea, blob, binary, varbinary                      BINARY
 * one-dimensional arrays of the scalar types above    LIST&lt;element&gt;
 * </pre>
 *
 * Anything else (timetz, interval, geometry, numeric with more than 38 digits, bit strings, ...)
 * is refused at open, naming the column and its database type: never turned into text silently.
 */
final class JdbcColumn {

    /** How values are read, kept and written. */
    enum Kind {
        INT,
        BIGINT,
        DECIMAL,
        DOUBLE,
        BOOLEAN,
        DATE,
        /** Year (MySQL YEAR): its number. */
        YEAR,
        TIME,
        /** Wall-clock date and time (PostgreSQL timestamp, MySQL DATETIME), read as LocalDateTime. */
        LOCAL_TIMESTAMP,
        /** PostgreSQL timestamptz: an instant, read as OffsetDateTime. */
        TIMESTAMPTZ,
        /** MySQL TIMESTAMP: an instant, read in the session's zone (the JVM's, see JdbcDialect). */
        MYSQL_TIMESTAMP,
        UUID,
        STRING,
        JSON,
        BINARY,
        LIST;

        boolean cursorCapable() {
            return this != JSON && this != BINARY && this != LIST;
        }

        boolean isTimestamp() {
            return this == TIMESTAMPTZ || this == MYSQL_TIMESTAMP || this == LOCAL_TIMESTAMP;
        }
    }

    /** Unconstrained PostgreSQL numeric: 38 digits, 10 after the point. */
    static final int UNCONSTRAINED_SCALE = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> GEOMETRY = Set.of(
            "geometry",
            "point",
            "linestring",
            "polygon",
            "multipoint",
            "multilinestring",
            "multipolygon",
            "geometrycollection");

    /** PostgreSQL array element types the lake holds as list elements. */
    private static final Map<String, LakeType> PG_ELEMENTS = Map.ofEntries(
            Map.entry("int2", LakeType.INT),
            Map.entry("int4", LakeType.INT),
            Map.entry("int8", LakeType.BIGINT),
            Map.entry("float4", LakeType.DOUBLE),
            Map.entry("float8", LakeType.DOUBLE),
            Map.entry("bool", LakeType.BOOLEAN),
            Map.entry("text", LakeType.STRING),
            Map.entry("varchar", LakeType.STRING),
            Map.entry("bpchar", LakeType.STRING),
            Map.entry("name", LakeType.STRING),
            Map.entry("date", LakeType.DATE),
            Map.entry("timestamptz", LakeType.TIMESTAMP),
            Map.entry("timestamp", LakeType.LOCAL_TIMESTAMP),
            Map.entry("uuid", LakeType.UUID));

    final String name;
    /** 1-based position in the result. */
    final int index;
    /** The database's type, as shown in messages, e.g. {@code numeric(10,2)}. */
    final String databaseType;

    final Kind kind;
    final boolean nullable;
    /** The driver's type name, lower case ({@code int4}, {@code _text}, an enum's name, ...). */
    private final String typeName;

    private final JdbcDialect dialect;
    /** The lake column the source declares. */
    private final LakeField field;
    /** How values are written into the batch: {@link #kind}, or a wider one after {@link #writeAs}. */
    private Kind writeKind;

    private LakeField writeField;

    private JdbcColumn(
            String name,
            int index,
            String databaseType,
            String typeName,
            Kind kind,
            LakeField field,
            boolean nullable,
            JdbcDialect dialect) {
        this.name = name;
        this.index = index;
        this.databaseType = databaseType;
        this.typeName = typeName;
        this.kind = kind;
        this.field = field;
        this.nullable = nullable;
        this.dialect = dialect;
        this.writeKind = kind;
        this.writeField = field;
    }

    LakeField field() {
        return field;
    }

    /**
     * Writes values as {@code target}: the declared type, or a wider one the dataset already holds
     * (BIGINT, DOUBLE or DECIMAL for integers, DOUBLE or a wider DECIMAL for decimals, JSON for a
     * list, STRING for anything but binary and lists).
     *
     * @throws IllegalArgumentException when the column cannot be written as {@code target}
     */
    void writeAs(LakeField target) {
        Kind to = null;
        if (target.sameType(field)) {
            to = kind;
        } else {
            boolean integer = kind == Kind.INT || kind == Kind.YEAR;
            boolean exact = integer || kind == Kind.BIGINT || kind == Kind.DECIMAL;
            to = switch (target.type()) {
                case BIGINT -> integer ? Kind.BIGINT : null;
                case DOUBLE -> exact ? Kind.DOUBLE : null;
                case DECIMAL -> exact ? Kind.DECIMAL : null;
                case JSON -> kind == Kind.LIST ? Kind.JSON : null;
                case STRING -> kind == Kind.BINARY || kind == Kind.LIST ? null : Kind.STRING;
                default -> null;
            };
        }
        if (to == null) {
            throw new IllegalArgumentException("Column '" + name + "' (" + databaseType + ", " + field.typeName()
                    + ") cannot be written as " + target.typeName());
        }
        writeKind = to;
        writeField = target;
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
        String configKey = "jdbc." + (source.startsWith("query") ? "query" : "table");
        Kind kind = kind(dialect, connection, md, index, type, typeName, precision);
        if (kind == null) {
            throw new JdbcSourceRefusedException(
                    configKey,
                    "column '" + name + "' of " + source + " has type " + shown
                            + ", which the lake cannot hold; leave it out (use query: with a SELECT listing the"
                            + " columns, or cast it there). Nothing was read.");
        }
        LakeField field = switch (kind) {
            case DECIMAL -> {
                if (type == Types.BIGINT) {
                    yield LakeField.decimal(name, 20, 0); // BIGINT UNSIGNED
                }
                if (precision == 0 && dialect == JdbcDialect.POSTGRESQL) {
                    yield LakeField.decimal(name, LakeField.MAX_DECIMAL_PRECISION, UNCONSTRAINED_SCALE);
                }
                if (precision > LakeField.MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                    throw new JdbcSourceRefusedException(
                            configKey,
                            "column '" + name + "' of " + source + " has type " + shown
                                    + ", wider than the lake's decimals (at most "
                                    + LakeField.MAX_DECIMAL_PRECISION
                                    + " digits); cast it in a query, e.g. to numeric(38,"
                                    + Math.max(0, Math.min(scale, 38)) + "). Nothing was read.");
                }
                yield LakeField.decimal(name, precision, scale);
            }
            case LIST -> {
                LakeType element = PG_ELEMENTS.get(typeName.startsWith("_") ? typeName.substring(1) : "");
                if (element == null) {
                    throw new JdbcSourceRefusedException(
                            configKey,
                            "column '" + name + "' of " + source + " has type " + shown
                                    + " (an array of a type the lake holds no list of); leave it out or cast it"
                                    + " in a query. Nothing was read.");
                }
                yield LakeField.list(name, element);
            }
            default -> LakeField.nullable(name, lakeType(kind));
        };
        return new JdbcColumn(name, index, shown, typeName, kind, field, nullable, dialect);
    }

    private static LakeType lakeType(Kind kind) {
        return switch (kind) {
            case INT, YEAR -> LakeType.INT;
            case BIGINT -> LakeType.BIGINT;
            case DECIMAL -> LakeType.DECIMAL;
            case DOUBLE -> LakeType.DOUBLE;
            case BOOLEAN -> LakeType.BOOLEAN;
            case DATE -> LakeType.DATE;
            case TIME -> LakeType.TIME;
            case LOCAL_TIMESTAMP -> LakeType.LOCAL_TIMESTAMP;
            case TIMESTAMPTZ, MYSQL_TIMESTAMP -> LakeType.TIMESTAMP;
            case UUID -> LakeType.UUID;
            case STRING -> LakeType.STRING;
            case JSON -> LakeType.JSON;
            case BINARY -> LakeType.BINARY;
            case LIST -> LakeType.LIST;
        };
    }

    private static String shownType(String typeName, int type, int precision, int scale) {
        String base = typeName.isEmpty() ? "JDBC type " + type : typeName;
        if (base.startsWith("_")) {
            return base.substring(1) + "[]";
        }
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
                // A BIGINT UNSIGNED does not fit a signed 64-bit column: DECIMAL(20,0).
                return md.isSigned(index) ? Kind.BIGINT : Kind.DECIMAL;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return Kind.DECIMAL;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return Kind.DOUBLE;
            case Types.DATE:
                return typeName.equals("year") ? Kind.YEAR : Kind.DATE;
            case Types.TIME:
                // timetz has no lake type (a time of day with an offset means nothing without a date).
                return typeName.equals("time") ? Kind.TIME : null;
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                if (dialect == JdbcDialect.POSTGRESQL) {
                    return switch (typeName) {
                        case "timestamptz" -> Kind.TIMESTAMPTZ;
                        case "timestamp" -> Kind.LOCAL_TIMESTAMP;
                        default -> null;
                    };
                }
                return switch (typeName) {
                    case "timestamp" -> Kind.MYSQL_TIMESTAMP;
                    case "datetime" -> Kind.LOCAL_TIMESTAMP;
                    default -> null;
                };
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
            case Types.ARRAY:
                return dialect == JdbcDialect.POSTGRESQL ? Kind.LIST : null;
            case Types.OTHER:
                if (typeName.equals("json") || typeName.equals("jsonb")) {
                    return Kind.JSON;
                }
                if (typeName.equals("uuid")) {
                    return Kind.UUID;
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
                    vector.setNull(row);
                } else {
                    ((IntVector) vector).setSafe(row, v);
                }
            }
            case BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    vector.setNull(row);
                } else {
                    ((BigIntVector) vector).setSafe(row, v);
                }
            }
            case DOUBLE -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    vector.setNull(row);
                } else {
                    ((Float8Vector) vector).setSafe(row, v);
                }
            }
            case DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((DecimalVector) vector).setSafe(row, fit(v));
                }
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    vector.setNull(row);
                } else {
                    ((BitVector) vector).setSafe(row, v ? 1 : 0);
                }
            }
            case DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((DateDayVector) vector).setSafe(row, Math.toIntExact(v.toEpochDay()));
                }
            }
            case TIME -> {
                LocalTime v = rs.getObject(i, LocalTime.class);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((TimeMicroVector) vector).setSafe(row, v.toNanoOfDay() / 1_000);
                }
            }
            case LOCAL_TIMESTAMP -> {
                LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((TimeStampMicroVector) vector).setSafe(row, micros(v.toInstant(ZoneOffset.UTC)));
                }
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((TimeStampMicroTZVector) vector).setSafe(row, micros(v.toInstant()));
                }
            }
            case MYSQL_TIMESTAMP -> {
                Timestamp v = rs.getTimestamp(i);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((TimeStampMicroTZVector) vector).setSafe(row, micros(v.toInstant()));
                }
            }
            case UUID -> {
                String v = rs.getString(i);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((FixedSizeBinaryVector) vector).setSafe(row, uuidBytes(java.util.UUID.fromString(v)));
                }
            }
            case STRING -> {
                String v = rs.getString(i);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((VarCharVector) vector).setSafe(row, v.getBytes(StandardCharsets.UTF_8));
                }
            }
            case JSON -> {
                String v = kind == Kind.LIST ? listAsJson(rs.getArray(i)) : rs.getString(i);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((VarCharVector) vector).setSafe(row, v.getBytes(StandardCharsets.UTF_8));
                }
            }
            case BINARY -> {
                byte[] v = rs.getBytes(i);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((VarBinaryVector) vector).setSafe(row, v);
                }
            }
            case LIST -> writeList(rs.getArray(i), (ListVector) vector, row);
        }
    }

    /**
     * How PostgreSQL's binary COPY sends this column as written ({@link #writeAs}), or empty when
     * the COPY path cannot produce what the ResultSet path would (the caller then reads through
     * JDBC). Enums are selected as their label ({@link #copySelect}).
     */
    java.util.Optional<PgWire> copyWire() {
        if (dialect != JdbcDialect.POSTGRESQL) {
            return java.util.Optional.empty();
        }
        boolean numericWidening = writeKind == Kind.BIGINT || writeKind == Kind.DOUBLE || writeKind == Kind.DECIMAL;
        if (writeKind != kind && !numericWidening) {
            return java.util.Optional.empty(); // written as text or JSON: the JDBC path renders those
        }
        PgWire wire = switch (kind) {
            case INT -> typeName.equals("int2") ? PgWire.INT2 : typeName.equals("int4") ? PgWire.INT4 : null;
            case BIGINT -> typeName.equals("int8") ? PgWire.INT8 : null;
            case DECIMAL -> typeName.equals("numeric") ? PgWire.NUMERIC : null;
            case DOUBLE -> typeName.equals("float4") ? PgWire.FLOAT4 : typeName.equals("float8") ? PgWire.FLOAT8 : null;
            case BOOLEAN -> typeName.equals("bool") ? PgWire.BOOL : null;
            case DATE -> typeName.equals("date") ? PgWire.DATE : null;
            case TIME -> typeName.equals("time") ? PgWire.TIME : null;
            case LOCAL_TIMESTAMP -> typeName.equals("timestamp") ? PgWire.TIMESTAMP : null;
            case TIMESTAMPTZ -> typeName.equals("timestamptz") ? PgWire.TIMESTAMPTZ : null;
            case UUID -> typeName.equals("uuid") ? PgWire.UUID : null;
            // Text types as their UTF-8 bytes; anything else mapped to a string (enums) is cast to text.
            case STRING -> PgWire.TEXT;
            case JSON -> typeName.equals("json") ? PgWire.TEXT : typeName.equals("jsonb") ? PgWire.JSONB : null;
            case BINARY -> typeName.equals("bytea") ? PgWire.BYTEA : null;
            case LIST ->
                PG_ELEMENTS.containsKey(typeName.startsWith("_") ? typeName.substring(1) : "") ? PgWire.ARRAY : null;
            case YEAR, MYSQL_TIMESTAMP -> null;
        };
        return java.util.Optional.ofNullable(wire);
    }

    /**
     * A cursor value of this column as a typed SQL literal ({@link PgLiterals}). A real's value is
     * written as a real: compared as a double, 1.1 (the real) would be greater than 1.1 (the double),
     * and the row would be read again after itself.
     */
    String literal(Object value) {
        if (value instanceof Double d && typeName.equals("float4")) {
            return PgLiterals.literal(d.floatValue());
        }
        return PgLiterals.literal(value);
    }

    /** This column in the COPY's select list: its name, cast to text when it is a string of another type. */
    String copySelect() {
        String quoted = dialect.quote(name);
        boolean text = Set.of("text", "varchar", "bpchar", "name").contains(typeName);
        return kind == Kind.STRING && !text ? "CAST(" + quoted + " AS text)" : quoted;
    }

    /** The decimal with the column's scale; a value that does not fit is refused naming the column. */
    BigDecimal fit(BigDecimal v) {
        BigDecimal scaled;
        try {
            scaled = v.setScale(writeField.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new JdbcSourceRefusedException(
                    "jdbc.table",
                    "column '" + name + "' (" + databaseType + ") holds a value with "
                            + v.stripTrailingZeros().scale()
                            + " digits after the point; the lake column is " + writeField.typeName()
                            + ". Cast the column in a query: (e.g. CAST(" + name + " AS numeric(38,"
                            + Math.min(38, v.stripTrailingZeros().scale()) + "))). Nothing was written.");
        }
        if (scaled.precision() > writeField.precision()) {
            throw new JdbcSourceRefusedException(
                    "jdbc.table",
                    "column '" + name + "' (" + databaseType + ") holds a value of " + scaled.precision()
                            + " digits; the lake column is " + writeField.typeName() + ". Cast the column in a query."
                            + " Nothing was written.");
        }
        return scaled;
    }

    private void writeList(Array array, ListVector vector, int row) throws SQLException {
        if (array == null) {
            vector.setNull(row);
            return;
        }
        Object[] values;
        try {
            values = (Object[]) array.getArray();
        } finally {
            array.free();
        }
        FieldVector data = (FieldVector) vector.getDataVector();
        int start = vector.startNewValue(row);
        for (int j = 0; j < values.length; j++) {
            Object v = values[j];
            int at = start + j;
            if (v == null) {
                data.setNull(at);
                continue;
            }
            if (v instanceof Object[]) {
                throw new JdbcSourceRefusedException(
                        "jdbc.table",
                        "column '" + name + "' (" + databaseType + ") holds a multi-dimensional array; the lake holds"
                                + " lists of one dimension. Nothing was written.");
            }
            switch (data) {
                case IntVector d -> d.setSafe(at, ((Number) v).intValue());
                case BigIntVector d -> d.setSafe(at, ((Number) v).longValue());
                case Float8Vector d -> d.setSafe(at, ((Number) v).doubleValue());
                case BitVector d -> d.setSafe(at, (Boolean) v ? 1 : 0);
                case VarCharVector d -> d.setSafe(at, v.toString().getBytes(StandardCharsets.UTF_8));
                case DateDayVector d ->
                    d.setSafe(
                            at,
                            Math.toIntExact(((java.sql.Date) v).toLocalDate().toEpochDay()));
                case TimeStampMicroTZVector d -> d.setSafe(at, micros(((Timestamp) v).toInstant()));
                case TimeStampMicroVector d ->
                    d.setSafe(at, micros(((Timestamp) v).toLocalDateTime().toInstant(ZoneOffset.UTC)));
                case FixedSizeBinaryVector d -> d.setSafe(at, uuidBytes((java.util.UUID) v));
                default -> throw new IllegalStateException("no list element writer for " + data.getField());
            }
        }
        vector.endValue(row, values.length);
    }

    private static String listAsJson(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            ArrayNode node = JSON.createArrayNode();
            for (Object v : (Object[]) array.getArray()) {
                if (v == null) {
                    node.addNull();
                } else if (v instanceof Number || v instanceof Boolean) {
                    node.addPOJO(v);
                } else {
                    node.add(v.toString());
                }
            }
            return node.toString();
        } finally {
            array.free();
        }
    }

    static byte[] uuidBytes(java.util.UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
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
            case DECIMAL -> rs.getBigDecimal(index);
            case DOUBLE -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMESTAMPTZ -> rs.getObject(index, OffsetDateTime.class);
            case MYSQL_TIMESTAMP, LOCAL_TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case UUID ->
                dialect == JdbcDialect.POSTGRESQL ? rs.getObject(index, java.util.UUID.class) : rs.getString(index);
            case STRING -> rs.getString(index);
            case JSON, BINARY, LIST -> throw new IllegalStateException(name + " cannot be a cursor");
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
            case DECIMAL -> f.textNode(((BigDecimal) value).toPlainString());
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
                case DECIMAL -> new BigDecimal(node.textValue());
                case DOUBLE -> node.doubleValue();
                case BOOLEAN -> node.booleanValue();
                case DATE -> LocalDate.parse(node.textValue());
                case TIME -> LocalTime.parse(node.textValue());
                case TIMESTAMPTZ -> OffsetDateTime.parse(node.textValue());
                case MYSQL_TIMESTAMP, LOCAL_TIMESTAMP -> LocalDateTime.parse(node.textValue());
                case UUID ->
                    dialect == JdbcDialect.POSTGRESQL ? java.util.UUID.fromString(node.textValue()) : node.textValue();
                case STRING -> node.textValue();
                case JSON, BINARY, LIST -> throw new IllegalArgumentException("not a cursor type");
            };
        } catch (DateTimeParseException | NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + node + "' is not a " + databaseType + " value", e);
        }
    }

    /** The lag bound's value for this (timestamp) column: the database's clock minus the lag. */
    Object lagBound(Connection connection, Duration lag) throws SQLException {
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
