package io.lakehub.processors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.testing.Batches;
import io.lakehub.processors.testing.DuckDb;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random rows (seeded, so a failure reproduces) of the parameterised and temporal types — decimals
 * of every physical width, signs and scales, times, timestamps without zone on both sides of 1970,
 * UUIDs, lists with null and empty lists and null elements — written through small row groups and
 * read back by DuckDB value by value.
 */
class RandomTypedRoundTripTest {
    private static final long SEED = 20_261_130L;
    private static final int ROWS = 5_000;

    private static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("id", LakeType.INT),
            LakeField.decimal("d9", 9, 3),
            LakeField.decimal("d18", 18, 0),
            LakeField.decimal("d38", 38, 12),
            LakeField.decimal("d20", 20, 20),
            LakeField.nullable("t", LakeType.TIME),
            LakeField.nullable("ldt", LakeType.LOCAL_TIMESTAMP),
            LakeField.nullable("u", LakeType.UUID),
            LakeField.list("words", LakeType.STRING),
            LakeField.list("longs", LakeType.BIGINT),
            LakeField.list("amounts", LakeField.decimal("e", 30, 5)));

    @TempDir
    Path lake;

    @Test
    void everyGeneratedValueComesBackFromDuckDb() {
        Random random = new Random(SEED);
        List<List<Object>> rows = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int id = 0; id < ROWS; id++) {
            BigDecimal d9 = decimal(random, 9, 3);
            BigDecimal d18 = decimal(random, 18, 0);
            BigDecimal d38 = decimal(random, 38, 12);
            BigDecimal d20 = decimal(random, 20, 20);
            LocalTime t = nullOr(random, () -> LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000));
            LocalDateTime ldt = nullOr(
                    random,
                    () -> LocalDateTime.ofEpochSecond(
                            random.nextLong(-5_000_000_000L, 5_000_000_000L),
                            random.nextInt(1_000_000) * 1000,
                            ZoneOffset.UTC));
            UUID u = nullOr(random, () -> new UUID(random.nextLong(), random.nextLong()));
            List<String> words = list(random, () -> "w" + random.nextInt(1000) + (random.nextBoolean() ? "é" : ""));
            List<Long> longs = list(random, random::nextLong);
            List<BigDecimal> amounts = list(random, () -> decimal(random, 30, 5));
            rows.add(Arrays.asList(id, d9, d18, d38, d20, t, ldt, u, words, longs, amounts));
            expected.add(Arrays.asList(
                    id,
                    d9,
                    d18,
                    d38,
                    d20,
                    t == null ? null : t.toNanoOfDay() / 1000,
                    ldt == null ? null : micros(ldt),
                    u == null ? null : u.toString(),
                    render(words, w -> w),
                    render(longs, String::valueOf),
                    render(amounts, BigDecimal::toPlainString)));
        }

        NewDataFile file;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = Batches.of(allocator, SCHEMA, rows);
                ParquetBatchWriter writer = ParquetBatchWriter.create(
                        SCHEMA, ParquetWriteOptions.defaults().withRowGroupRows(700), lake, lake.resolve("r"))) {
            writer.write(batch);
            file = writer.finish();
        }

        List<List<Object>> back = DuckDb.query("SELECT id, d9, d18, d38, d20,"
                + " datediff('microsecond', TIME '00:00:00', t), epoch_us(ldt), u::VARCHAR, words::VARCHAR,"
                + " longs::VARCHAR, amounts::VARCHAR FROM read_parquet('" + lake.resolve(file.relativePath())
                + "') ORDER BY id");
        assertThat(back).hasSize(ROWS);
        for (int r = 0; r < ROWS; r++) {
            assertThat(back.get(r)).as("row %d", r).isEqualTo(expected.get(r));
        }
    }

    private interface Gen<T> {
        T next();
    }

    private static <T> T nullOr(Random random, Gen<T> gen) {
        return random.nextInt(15) == 0 ? null : gen.next();
    }

    /** A decimal of up to {@code precision} digits (often the full width), either sign, or null. */
    private static BigDecimal decimal(Random random, int precision, int scale) {
        return nullOr(random, () -> {
            int digits = random.nextInt(4) == 0 ? precision : 1 + random.nextInt(precision);
            BigInteger max = BigInteger.TEN.pow(digits);
            BigInteger unscaled = new BigInteger(max.bitLength() + 8, random).mod(max);
            return new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, scale);
        });
    }

    private static <T> List<T> list(Random random, Gen<T> element) {
        return nullOr(random, () -> {
            int n = random.nextInt(5);
            List<T> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(random.nextInt(8) == 0 ? null : element.next());
            }
            return items;
        });
    }

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    /** DuckDB's text form of a list: {@code [a, NULL, b]}. */
    private static <T> String render(List<T> items, java.util.function.Function<T, String> text) {
        if (items == null) {
            return null;
        }
        StringJoiner out = new StringJoiner(", ", "[", "]");
        items.forEach(i -> out.add(i == null ? "NULL" : text.apply(i)));
        return out.toString();
    }
}
