package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * How a Parquet field's values become lake values, decided from its physical and logical type:
 *
 * <pre>
 * BOOLEAN                              boolean
 * INT32, INT(8|16|32, signed), UINT8/16 int
 * UINT32, INT64, INT(64, signed)       bigint
 * UINT64                               double (exact up to 2^53)
 * FLOAT, DOUBLE, FLOAT16               double (a float as its shortest decimal: 0.1f is 0.1)
 * DECIMAL (any physical type)          double (nearest; exact digits are kept inside JSON text)
 * DATE                                 date
 * TIMESTAMP(MILLIS|MICROS|NANOS), INT96 timestamp (UTC; nanoseconds truncated; a timestamp not
 *                                      adjusted to UTC is taken as UTC)
 * TIME(any unit)                       string (HH:mm:ss[.f])
 * BINARY STRING/ENUM                   string (refused if not UTF-8)
 * FIXED UUID                           string (8-4-4-4-12 hex)
 * BINARY JSON                          json
 * other BINARY / FIXED (BSON, ...)     binary
 * group, or repeated field             json (lists as arrays, maps and structs as objects)
 * </pre>
 */
enum ParquetColumnKind {
    BOOLEAN(LakeType.BOOLEAN),
    INT32(LakeType.INT),
    UINT32(LakeType.BIGINT),
    INT64(LakeType.BIGINT),
    UINT64(LakeType.DOUBLE),
    FLOAT(LakeType.DOUBLE),
    DOUBLE(LakeType.DOUBLE),
    FLOAT16(LakeType.DOUBLE),
    DECIMAL(LakeType.DOUBLE),
    DATE(LakeType.DATE),
    TIMESTAMP_MILLIS(LakeType.TIMESTAMP),
    TIMESTAMP_MICROS(LakeType.TIMESTAMP),
    TIMESTAMP_NANOS(LakeType.TIMESTAMP),
    INT96(LakeType.TIMESTAMP),
    TIME_MILLIS(LakeType.STRING),
    TIME_MICROS(LakeType.STRING),
    TIME_NANOS(LakeType.STRING),
    STRING(LakeType.STRING),
    UUID_TEXT(LakeType.STRING),
    JSON(LakeType.JSON),
    BINARY(LakeType.BINARY),
    NESTED(LakeType.JSON);

    /** Julian day number of 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private final LakeType lakeType;

    ParquetColumnKind(LakeType lakeType) {
        this.lakeType = lakeType;
    }

    LakeType lakeType() {
        return lakeType;
    }

    /** The kind of a field as it appears in its parent group. */
    static ParquetColumnKind of(Type field) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            return NESTED;
        }
        return ofPrimitive(field.asPrimitiveType());
    }

    /** The kind of one value of a primitive type, ignoring its repetition. */
    static ParquetColumnKind ofPrimitive(PrimitiveType p) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return DECIMAL;
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> BOOLEAN;
            case INT32 -> {
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield DATE;
                } else if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    yield TIME_MILLIS;
                } else if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                        && !i.isSigned()
                        && i.getBitWidth() == 32) {
                    yield UINT32;
                }
                yield INT32;
            }
            case INT64 -> {
                if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    yield switch (t.getUnit()) {
                        case MILLIS -> TIMESTAMP_MILLIS;
                        case MICROS -> TIMESTAMP_MICROS;
                        case NANOS -> TIMESTAMP_NANOS;
                    };
                } else if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
                    yield t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS ? TIME_NANOS : TIME_MICROS;
                } else if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield UINT64;
                }
                yield INT64;
            }
            case INT96 -> INT96;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case BINARY -> {
                if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
                    yield STRING;
                } else if (a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    yield JSON;
                }
                yield BINARY;
            }
            case FIXED_LEN_BYTE_ARRAY -> {
                if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation && p.getTypeLength() == 16) {
                    yield UUID_TEXT;
                } else if (a instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation && p.getTypeLength() == 2) {
                    yield FLOAT16;
                }
                yield BINARY;
            }
        };
    }

    // ---- value conversions shared by top-level columns and JSON rendering

    static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : new BigInteger(Long.toUnsignedString(v)).doubleValue();
    }

    /** A float's shortest decimal as a double: 0.1f reads as 0.1, not 0.10000000149011612. */
    static double floatToDouble(float f) {
        return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : (double) f;
    }

    static float float16(Binary b) {
        byte[] bytes = b.getBytes();
        return Float.float16ToFloat((short) ((bytes[0] & 0xFF) | (bytes[1] << 8)));
    }

    static BigDecimal decimal(PrimitiveType p, long unscaled) {
        return BigDecimal.valueOf(unscaled, scale(p));
    }

    static BigDecimal decimal(PrimitiveType p, Binary unscaled) {
        return new BigDecimal(new BigInteger(unscaled.getBytes()), scale(p));
    }

    private static int scale(PrimitiveType p) {
        return ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) p.getLogicalTypeAnnotation()).getScale();
    }

    /** INT96 (Impala/Spark legacy): nanoseconds of the day, then the Julian day, little-endian. */
    static long int96Micros(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buf.getLong();
        long julianDay = Integer.toUnsignedLong(buf.getInt());
        return (julianDay - JULIAN_EPOCH_DAY) * 86_400_000_000L + Math.floorDiv(nanosOfDay, 1000L);
    }

    static long timestampMicros(ParquetColumnKind kind, long v) {
        return switch (kind) {
            case TIMESTAMP_MILLIS -> Math.multiplyExact(v, 1000L);
            case TIMESTAMP_MICROS -> v;
            case TIMESTAMP_NANOS -> Math.floorDiv(v, 1000L);
            default -> throw new IllegalArgumentException(kind + " is not a timestamp");
        };
    }

    static String time(ParquetColumnKind kind, long v) {
        long nanos = switch (kind) {
            case TIME_MILLIS -> v * 1_000_000L;
            case TIME_MICROS -> v * 1000L;
            case TIME_NANOS -> v;
            default -> throw new IllegalArgumentException(kind + " is not a time");
        };
        // 24:00:00 is legal in Parquet but not in LocalTime.
        return nanos >= 86_400_000_000_000L
                ? "24:00:00"
                : DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofNanoOfDay(nanos));
    }

    static String uuid(Binary b) {
        ByteBuffer buf = b.toByteBuffer();
        return new UUID(buf.getLong(), buf.getLong()).toString();
    }

    /** The bytes as text; throws if they are not valid UTF-8 (never silently replaced). */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** Throws if the bytes are not valid UTF-8. */
    static void checkUtf8(byte[] bytes) throws CharacterCodingException {
        if (!isAscii(bytes)) {
            utf8(bytes);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
