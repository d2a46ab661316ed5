package io.lakehub.processors.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.parquet.io.api.Binary;

/**
 * How decimals and UUIDs are laid out in Parquet: a DECIMAL(p,s) is stored as its unscaled value in
 * INT32 (p ≤ 9), INT64 (p ≤ 18) or a big-endian two's complement FIXED_LEN_BYTE_ARRAY of the fewest
 * bytes that hold p digits; a UUID as 16 big-endian bytes.
 */
final class ParquetDecimals {
    /** Largest precision stored as INT32. */
    static final int MAX_INT32_PRECISION = 9;

    /** Largest precision stored as INT64. */
    static final int MAX_INT64_PRECISION = 18;

    private ParquetDecimals() {}

    /** Bytes of the FIXED_LEN_BYTE_ARRAY holding every unscaled value of {@code precision} digits. */
    static int fixedLength(int precision) {
        // The fewest bytes whose signed range holds 10^precision - 1.
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return max.bitLength() / 8 + 1;
    }

    /** A decimal statistic (Integer, Long or Binary unscaled value) as a BigDecimal of {@code scale}. */
    static BigDecimal toBigDecimal(Object unscaled, int scale) {
        if (unscaled instanceof Integer i) {
            return BigDecimal.valueOf(i, scale);
        } else if (unscaled instanceof Long l) {
            return BigDecimal.valueOf(l, scale);
        }
        return new BigDecimal(new BigInteger(((Binary) unscaled).getBytes()), scale);
    }

    static java.util.UUID uuid(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new java.util.UUID(b.getLong(), b.getLong());
    }
}
