package io.lakehub.processors.source.jdbc;

import io.lakehub.processors.read.ReadFailedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Decodes PostgreSQL's binary COPY stream ({@code COPY (...) TO STDOUT (FORMAT binary)}) straight
 * into Arrow vectors: no text parsing, no per-value objects for fixed-width types. This is what makes
 * a full snapshot of a large table faster than {@code psql \copy} to CSV plus a CSV-to-Parquet
 * conversion.
 *
 * <p>The vectors of the batch decide the target representation: an {@code int2} column may fill an
 * {@link IntVector}, a {@code numeric(p,s)} column a {@link DecimalVector} of scale {@code s}, a
 * {@code timestamptz} a {@link TimeStampMicroTZVector}, an array a {@link ListVector}. A value the
 * target cannot hold exactly (NaN or infinite numeric, more fractional digits than the column's scale,
 * an infinite timestamp or date) is refused naming the column and the row, never the value.
 *
 * <p>Not thread-safe; one thread drives it. The stream format is documented in PostgreSQL's manual,
 * "COPY — Binary Format": an 11-byte signature, flags, a header extension, then per row a 16-bit
 * field count (-1 ends the data) and per field a 32-bit length (-1 for NULL) and the value in the
 * type's binary send format.
 */
public final class PgBinaryCopyDecoder {

    /** One column of the COPY result, in order. */
    public record Column(String name, PgWire wire) {}

    /**
     * What to do with a numeric value that does not fit its {@link DecimalVector} exactly: return
     * it at the vector's scale, or throw naming the column. Without one the decoder refuses such a
     * value itself.
     */
    @FunctionalInterface
    public interface DecimalFit {
        BigDecimal fit(int column, BigDecimal exact);
    }

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days from 1970-01-01 to 2000-01-01. */
    private static final int PG_EPOCH_DAYS = 10_957;

    private final InputStream in;
    private final List<Column> columns;
    private final String source;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long rows;
    private boolean headerRead;
    private boolean ended;
    private DecimalFit decimalFit;
    /** Per column: whether the raw bytes of its last value are kept ({@link #keep}). */
    private boolean[] kept;

    private byte[][] keptBytes;
    private int[] keptLength;

    /**
     * @param source how messages name the source, e.g. {@code jdbc:postgresql://host/db table public.orders}
     *     (already free of credentials)
     */
    public PgBinaryCopyDecoder(InputStream in, List<Column> columns, String source) {
        this.in = in;
        this.columns = List.copyOf(columns);
        this.source = source;
    }

    /** Sets how a numeric value that does not fit its decimal column exactly is handled. */
    public PgBinaryCopyDecoder decimalFit(DecimalFit fit) {
        this.decimalFit = fit;
        return this;
    }

    /**
     * Keeps the value of these columns (0-based) in the last row decoded, for {@link #keptValue}:
     * what a keyset reader needs to start its next page after that row.
     */
    public PgBinaryCopyDecoder keep(int... columnIndexes) {
        kept = new boolean[columns.size()];
        keptBytes = new byte[columns.size()][];
        keptLength = new int[columns.size()];
        for (int c : columnIndexes) {
            kept[c] = true;
            keptBytes[c] = new byte[16];
            keptLength[c] = -1;
        }
        return this;
    }

    /**
     * The value of a {@link #keep kept} column in the last row decoded, as Java: Long (int2, int4,
     * int8), BigDecimal (numeric, at the value's own scale), Double (float4 through its shortest
     * decimal form, float8), Boolean, LocalDate, LocalTime, LocalDateTime (timestamp), OffsetDateTime
     * at UTC (timestamptz), UUID, String (text); {@code null} for NULL or before the first row.
     */
    public Object keptValue(int column) {
        if (kept == null || !kept[column]) {
            throw new IllegalStateException("column " + column + " is not kept");
        }
        int len = keptLength[column];
        if (len < 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(keptBytes[column], 0, len);
        return switch (columns.get(column).wire()) {
            case BOOL -> b.get() != 0;
            case INT2 -> (long) b.getShort();
            case INT4 -> (long) b.getInt();
            case INT8 -> b.getLong();
            case FLOAT4 -> Double.parseDouble(Float.toString(b.getFloat()));
            case FLOAT8 -> b.getDouble();
            case NUMERIC -> {
                int ndigits = b.getShort();
                int weight = b.getShort();
                int sign = b.getShort() & 0xFFFF;
                int dscale = b.getShort();
                if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000) {
                    throw unstorable(column, "NaN or an infinite numeric");
                }
                BigInteger unscaled = BigInteger.ZERO;
                for (int k = 0; k < ndigits; k++) {
                    unscaled = unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(b.getShort()));
                }
                BigDecimal value = new BigDecimal(unscaled)
                        .scaleByPowerOfTen(4 * (weight - ndigits + 1))
                        .setScale(dscale, java.math.RoundingMode.UNNECESSARY);
                yield sign == 0x4000 ? value.negate() : value;
            }
            case DATE -> LocalDate.ofEpochDay((long) b.getInt() + PG_EPOCH_DAYS);
            case TIME -> {
                long micros = b.getLong();
                // 24:00:00 is a PostgreSQL time; Java has LocalTime.MAX for it, as pgjdbc reads it.
                yield micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1_000);
            }
            case TIMESTAMP ->
                LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC)
                        .plus(b.getLong() + PG_EPOCH_MICROS, ChronoUnit.MICROS);
            case TIMESTAMPTZ ->
                OffsetDateTime.ofInstant(
                        Instant.EPOCH.plus(b.getLong() + PG_EPOCH_MICROS, ChronoUnit.MICROS), ZoneOffset.UTC);
            case UUID -> new java.util.UUID(b.getLong(), b.getLong());
            case TEXT -> new String(keptBytes[column], 0, len, StandardCharsets.UTF_8);
            case JSONB, BYTEA, ARRAY ->
                throw new IllegalStateException(columns.get(column).name() + " cannot be kept");
        };
    }

    /** Rows decoded so far. */
    public long rowsRead() {
        return rows;
    }

    /**
     * Clears {@code batch} and fills it with up to {@code maxRows} rows. The batch's vectors are the
     * columns, in order.
     *
     * @return the number of rows filled; 0 once the stream has ended
     */
    public int fill(VectorSchemaRoot batch, int maxRows) {
        batch.clear();
        List<FieldVector> vectors = batch.getFieldVectors();
        for (FieldVector v : vectors) {
            v.setInitialCapacity(maxRows);
            v.allocateNew();
        }
        int n = append(vectors, 0, maxRows);
        batch.setRowCount(n);
        return n;
    }

    /** Whether the stream's end (the trailer) has been read. */
    public boolean ended() {
        return ended;
    }

    /**
     * Decodes up to {@code maxRows} rows into {@code vectors} from row {@code offset} on, without
     * clearing them and without setting their value counts (the caller does, once the batch is
     * full). Fixed-width vectors must have room for {@code offset + maxRows} values.
     *
     * @return the number of rows decoded; 0 once the stream has ended
     */
    public int append(List<FieldVector> vectors, int offset, int maxRows) {
        if (vectors.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "batch has " + vectors.size() + " columns, the COPY result " + columns.size());
        }
        try {
            if (!headerRead) {
                readHeader();
            }
            int n = offset;
            int end = offset + maxRows;
            while (n < end && !ended) {
                int fields = readShort();
                if (fields == -1) {
                    ended = true;
                    break;
                }
                if (fields != columns.size()) {
                    throw new ReadFailedException(
                            source + ": row " + (rows + 1) + " has " + fields + " fields, expected " + columns.size()
                                    + ". Nothing from this poll was committed.",
                            rows + 1,
                            null);
                }
                for (int c = 0; c < fields; c++) {
                    int len = readInt();
                    FieldVector v = vectors.get(c);
                    if (kept != null && kept[c]) {
                        keepAndDecode(v, n, len, c);
                    } else if (len < 0) {
                        v.setNull(n);
                    } else {
                        decode(v, n, columns.get(c).wire(), len, c);
                    }
                }
                n++;
                rows++;
            }
            return n - offset;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    source + ": reading the COPY stream failed after row " + rows + "; nothing from this poll was"
                            + " committed",
                    e);
        }
    }

    private void keepAndDecode(FieldVector v, int n, int len, int c) throws IOException {
        if (len < 0) {
            keptLength[c] = -1;
            v.setNull(n);
            return;
        }
        ensure(len); // the whole value in the buffer, so its bytes can be copied after decoding
        int start = pos;
        decode(v, n, columns.get(c).wire(), len, c);
        if (keptBytes[c].length < len) {
            keptBytes[c] = new byte[Math.max(len, 2 * keptBytes[c].length)];
        }
        System.arraycopy(buf, start, keptBytes[c], 0, len);
        keptLength[c] = len;
    }

    private void readHeader() throws IOException {
        for (byte b : SIGNATURE) {
            if ((byte) readByte() != b) {
                throw new IOException("not a PostgreSQL binary COPY stream (bad signature)");
            }
        }
        int flags = readInt();
        if ((flags & (1 << 16)) != 0) {
            throw new IOException("binary COPY with OIDs is not supported");
        }
        skip(readInt());
        headerRead = true;
    }

    private void decode(FieldVector v, int i, PgWire wire, int len, int column) throws IOException {
        switch (wire) {
            case BOOL -> ((BitVector) v).set(i, readByte() != 0 ? 1 : 0);
            case INT2 -> setInteger(v, i, readShort());
            case INT4 -> setInteger(v, i, readInt());
            case INT8 -> setInteger(v, i, readLong());
            // A real as the number it prints as (1.1, not 1.100000023841858), as the text protocol reads it.
            case FLOAT4 ->
                ((Float8Vector) v).set(i, Double.parseDouble(Float.toString(Float.intBitsToFloat(readInt()))));
            case FLOAT8 -> ((Float8Vector) v).set(i, Double.longBitsToDouble(readLong()));
            case NUMERIC -> setNumeric(v, i, column);
            case DATE -> {
                int days = readInt();
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw unstorable(column, "an infinite date");
                }
                ((DateDayVector) v).set(i, days + PG_EPOCH_DAYS);
            }
            case TIME -> ((TimeMicroVector) v).set(i, readLong());
            case TIMESTAMP, TIMESTAMPTZ -> {
                long micros = readLong();
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    throw unstorable(column, "an infinite timestamp");
                }
                if (v instanceof TimeStampMicroTZVector tz) {
                    tz.set(i, micros + PG_EPOCH_MICROS);
                } else {
                    ((TimeStampMicroVector) v).set(i, micros + PG_EPOCH_MICROS);
                }
            }
            case UUID -> {
                ensure(16);
                ((FixedSizeBinaryVector) v).set(i, java.util.Arrays.copyOfRange(buf, pos, pos + 16));
                pos += 16;
            }
            case TEXT -> setBytes(v, i, len);
            case JSONB -> {
                int version = readByte();
                if (version != 1) {
                    throw unstorable(column, "jsonb of unknown binary version " + version);
                }
                setBytes(v, i, len - 1);
            }
            case BYTEA -> setBytes(v, i, len);
            case ARRAY -> setArray((ListVector) v, i, column);
        }
    }

    private static void setInteger(FieldVector v, int i, long value) {
        if (v instanceof BigIntVector b) {
            b.set(i, value);
        } else if (v instanceof IntVector n) {
            n.set(i, (int) value);
        } else if (v instanceof DecimalVector d) {
            // An integer written into a decimal column: the value at the column's scale, not as unscaled digits.
            d.setSafe(i, BigDecimal.valueOf(value).setScale(d.getScale()));
        } else {
            ((Float8Vector) v).set(i, value);
        }
    }

    /** numeric: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits. */
    private void setNumeric(FieldVector v, int i, int column) throws IOException {
        int ndigits = readShort();
        int weight = readShort();
        int sign = readShort() & 0xFFFF;
        int dscale = readShort();
        if (sign == 0xC000) {
            throw unstorable(column, "NaN");
        }
        if (sign == 0xD000 || sign == 0xF000) {
            throw unstorable(column, "an infinite numeric");
        }
        if (v instanceof Float8Vector f) {
            f.set(i, numericToBigDecimal(ndigits, weight, sign, dscale).doubleValue());
            return;
        }
        DecimalVector d = (DecimalVector) v;
        int scale = d.getScale();
        if (dscale > scale) {
            // Trailing zeros beyond the column's scale are harmless; anything else would be rounded.
            BigDecimal exact = numericToBigDecimal(ndigits, weight, sign, dscale);
            BigDecimal scaled;
            try {
                scaled = exact.setScale(scale);
            } catch (ArithmeticException e) {
                if (decimalFit == null) {
                    throw unstorable(column, "a value with more than " + scale + " fractional digits");
                }
                scaled = decimalFit.fit(column, exact);
            }
            setDecimal(d, i, scaled.unscaledValue(), column);
            return;
        }
        // Fast path: accumulate the unscaled value in a long while it fits (18 digits).
        // Digit k (0-based) has weight (weight - k) in base 10000; the unscaled value is
        // sum(digit_k * 10000^(weight - k)) * 10^scale.
        if (ndigits == 0) {
            d.setSafe(i, 0L);
            return;
        }
        // At most 4 base-10000 digits (< 10^16) accumulate without overflow, and the scaled result
        // stays below 10^18.
        if (ndigits <= 4 && 4 * (weight + 1) + scale <= 18) {
            long unscaled = 0;
            int lastWeight = weight - ndigits + 1;
            for (int k = 0; k < ndigits; k++) {
                unscaled = unscaled * 10_000 + readShort();
            }
            // unscaled now = value * 10000^(-lastWeight); bring it to 10^scale.
            int exp10 = scale + 4 * lastWeight;
            if (exp10 >= 0) {
                for (int e = 0; e < exp10; e++) {
                    unscaled *= 10;
                }
            } else {
                for (int e = 0; e < -exp10; e++) {
                    unscaled /= 10; // only zeros are dropped: dscale <= scale
                }
            }
            d.setSafe(i, sign == 0x4000 ? -unscaled : unscaled);
            return;
        }
        BigDecimal exact = numericDigits(ndigits, weight, sign).setScale(scale);
        setDecimal(d, i, exact.unscaledValue(), column);
    }

    private void setDecimal(DecimalVector d, int i, BigInteger unscaled, int column) {
        if (unscaled.abs().compareTo(BigInteger.TEN.pow(d.getPrecision())) >= 0) {
            if (decimalFit != null) {
                // Throws for a value that does not fit, naming the column in the caller's words.
                decimalFit.fit(column, new BigDecimal(unscaled, d.getScale()));
            }
            throw unstorable(column, "a value with more than " + d.getPrecision() + " digits");
        }
        d.setSafe(i, new BigDecimal(unscaled, d.getScale()));
    }

    private BigDecimal numericToBigDecimal(int ndigits, int weight, int sign, int dscale) throws IOException {
        return numericDigits(ndigits, weight, sign).setScale(dscale);
    }

    private BigDecimal numericDigits(int ndigits, int weight, int sign) throws IOException {
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int k = 0; k < ndigits; k++) {
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(readShort()));
        }
        // value = unscaled * 10000^(weight - ndigits + 1)
        int exp10 = 4 * (weight - ndigits + 1);
        BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(exp10);
        value = value.stripTrailingZeros();
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        return sign == 0x4000 ? value.negate() : value;
    }

    private void setBytes(FieldVector v, int i, int len) throws IOException {
        if (len <= buf.length) {
            ensure(len);
            if (v instanceof VarCharVector s) {
                s.setSafe(i, buf, pos, len);
            } else {
                ((VarBinaryVector) v).setSafe(i, buf, pos, len);
            }
            pos += len;
        } else {
            byte[] big = new byte[len];
            int copied = limit - pos;
            System.arraycopy(buf, pos, big, 0, copied);
            pos = limit;
            if (in.readNBytes(big, copied, len - copied) != len - copied) {
                throw new EOFException("the COPY stream ended in the middle of row " + (rows + 1));
            }
            if (v instanceof VarCharVector s) {
                s.setSafe(i, big);
            } else {
                ((VarBinaryVector) v).setSafe(i, big);
            }
        }
    }

    /** One-dimensional arrays: ndim, has-nulls flag, element OID, (size, lower bound) per dim, elements. */
    private void setArray(ListVector list, int i, int column) throws IOException {
        int ndim = readInt();
        readInt(); // has-nulls flag: each element's length says it anyway
        int elementOid = readInt();
        if (ndim == 0) {
            list.startNewValue(i);
            list.endValue(i, 0);
            return;
        }
        if (ndim != 1) {
            throw unstorable(column, "a " + ndim + "-dimensional array (only one dimension is stored)");
        }
        int size = readInt();
        readInt(); // lower bound
        PgWire element = PgWire.forOid(elementOid)
                .filter(w -> w != PgWire.ARRAY)
                .orElseThrow(() -> unstorable(column, "an array of type OID " + elementOid));
        FieldVector data = list.getDataVector();
        int offset = list.startNewValue(i);
        for (int k = 0; k < size; k++) {
            int len = readInt();
            int at = offset + k;
            while (data.getValueCapacity() <= at) {
                data.reAlloc();
            }
            if (len < 0) {
                data.setNull(at);
            } else {
                decode(data, at, element, len, column);
            }
        }
        list.endValue(i, size);
    }

    private ReadFailedException unstorable(int column, String what) {
        String name = columns.get(column).name();
        return new ReadFailedException(
                source + ": row " + (rows + 1) + ", column '" + name + "': " + what
                        + " cannot be stored in the lake. Nothing from this poll was committed.",
                rows + 1,
                name);
    }

    // --- buffered big-endian input -------------------------------------------------------------

    private void ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return;
        }
        int remaining = limit - pos;
        if (n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(n, 2 * buf.length));
        }
        System.arraycopy(buf, pos, buf, 0, remaining);
        pos = 0;
        limit = remaining;
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                throw new EOFException("the COPY stream ended in the middle of row " + (rows + 1));
            }
            limit += r;
        }
    }

    private void skip(int n) throws IOException {
        while (n > 0) {
            ensure(1);
            int step = Math.min(n, limit - pos);
            pos += step;
            n -= step;
        }
    }

    private int readByte() throws IOException {
        ensure(1);
        return buf[pos++] & 0xFF;
    }

    private int readShort() throws IOException {
        ensure(2);
        int v = (short) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    private int readInt() throws IOException {
        ensure(4);
        int v = ((buf[pos] & 0xFF) << 24)
                | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    private long readLong() throws IOException {
        ensure(8);
        long hi = readInt() & 0xFFFFFFFFL;
        long lo = readInt() & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }
}
