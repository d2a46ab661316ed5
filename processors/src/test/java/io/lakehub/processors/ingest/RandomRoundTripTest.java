package io.lakehub.processors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.DuckDb;
import io.lakehub.testing.InMemoryCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random rows (seeded, so a failure reproduces) of every inferable type, with nulls, quoting,
 * embedded delimiters, quotes and line breaks, non-ASCII text and several timestamp spellings,
 * ingested through small batches, row groups and files on three writer threads, then read back
 * with DuckDB and compared value by value with what was generated.
 */
class RandomRoundTripTest {
    private static final long SEED = 20_240_601L;
    private static final int ROWS = 30_000;
    private static final String[] WORDS = {
        "alpha", "Zoë", "naïve", "東京", "emoji 😀", "a,b", "say \"hi\"", "two\nlines", "x\r\ny", " padded "
    };

    @TempDir
    Path tmp;

    @Test
    void everyGeneratedValueComesBackFromDuckDb() throws IOException {
        Random random = new Random(SEED);
        List<List<Object>> expected = new ArrayList<>();
        StringBuilder csv = new StringBuilder("id,big,dbl,flag,day,ts,text,note\n");
        for (int id = 0; id < ROWS; id++) {
            List<Object> row = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            row.add(id);
            cells.add(String.valueOf(id));

            Long big = random.nextInt(20) == 0 ? null : (id % 1000 == 1 ? Long.MIN_VALUE + id : random.nextLong());
            row.add(big);
            cells.add(big == null ? "" : big.toString());

            Double dbl = random.nextInt(20) == 0
                    ? null
                    : switch (random.nextInt(3)) {
                        case 0 -> random.nextDouble() * 1000;
                        case 1 -> (double) random.nextInt(1_000_000) / 100;
                        default -> random.nextGaussian() * 1e-12;
                    };
            row.add(dbl);
            cells.add(dbl == null ? "" : dbl.toString());

            Boolean flag = random.nextInt(20) == 0 ? null : random.nextBoolean();
            row.add(flag);
            cells.add(
                    flag == null
                            ? ""
                            : random.nextBoolean()
                                    ? flag.toString()
                                    : flag.toString().toUpperCase());

            LocalDate day = random.nextInt(20) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(-50_000, 50_000));
            row.add(day);
            cells.add(day == null ? "" : day.toString());

            Instant ts = random.nextInt(20) == 0
                    ? null
                    : Instant.ofEpochSecond(
                            random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000) * 1000L);
            row.add(ts);
            cells.add(ts == null ? "" : spell(ts, random));

            String text = switch (random.nextInt(10)) {
                case 0 -> null;
                case 1 -> "";
                default -> WORDS[random.nextInt(WORDS.length)] + " " + random.nextInt(1000);
            };
            row.add(text);
            cells.add(text == null ? "" : quote(text));

            String note = random.nextInt(3) == 0 ? "n" + "x".repeat(random.nextInt(2000)) : null;
            row.add(note);
            cells.add(note == null ? "" : note);

            expected.add(row);
            csv.append(String.join(",", cells)).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve("random.csv"), csv.toString());
        Path lake = Files.createDirectories(tmp.resolve("lake"));
        InMemoryCatalog catalog = new InMemoryCatalog(lake);

        IngestResult result;
        try (Ingestor ingestor = new Ingestor(
                catalog,
                IngestSettings.defaults()
                        .withWriterThreads(3)
                        .withBatchRows(777)
                        .withTargetFileSizeBytes(256 * 1024)
                        .withParquet(ParquetWriteOptions.defaults().withRowGroupRows(3000)))) {
            result = ingestor.ingest(IngestRequest.of(
                    DatasetName.of("random"), file, ReadOptions.detect().withFormat(Format.CSV), "test", "tester"));
        }

        assertThat(catalog.dataset(DatasetName.of("random")).orElseThrow().schema())
                .isEqualTo(LakeSchema.of(
                        LakeField.nullable("id", LakeType.INT),
                        LakeField.nullable("big", LakeType.BIGINT),
                        LakeField.nullable("dbl", LakeType.DOUBLE),
                        LakeField.nullable("flag", LakeType.BOOLEAN),
                        LakeField.nullable("day", LakeType.DATE),
                        LakeField.nullable("ts", LakeType.TIMESTAMP),
                        LakeField.nullable("text", LakeType.STRING),
                        LakeField.nullable("note", LakeType.STRING)));
        assertThat(result.files()).hasSizeGreaterThan(1);
        List<List<Object>> back =
                DuckDb.query("SELECT * FROM read_parquet('" + lake + "/random/*.parquet') ORDER BY id");
        assertThat(back).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(back.get(i)).as("row %d", i).isEqualTo(expected.get(i));
        }
    }

    private static String spell(Instant ts, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> ts.toString();
            case 1 ->
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
                        .withZone(ZoneOffset.UTC)
                        .format(ts);
            case 2 ->
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                        .withZone(ZoneOffset.ofHoursMinutes(5, 30))
                        .format(ts);
            default ->
                DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .withZone(ZoneOffset.ofHours(-8))
                        .format(ts.truncatedTo(ChronoUnit.SECONDS).plusNanos(ts.getNano()));
        };
    }

    private static String quote(String text) {
        boolean needs = text.isEmpty()
                || text.contains(",")
                || text.contains("\"")
                || text.contains("\n")
                || text.contains("\r");
        return needs ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
