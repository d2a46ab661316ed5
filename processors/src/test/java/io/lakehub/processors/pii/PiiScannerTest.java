package io.lakehub.processors.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.batch.ArrowValues;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The table scanner over Arrow batches: reads the vectors, samples as documented, stops when full. */
class PiiScannerTest {
    private final BufferAllocator allocator = new RootAllocator();
    private static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("id", LakeType.BIGINT),
            LakeField.nullable("email", LakeType.STRING),
            LakeField.nullable("card", LakeType.BIGINT),
            LakeField.nullable("verified", LakeType.BOOLEAN),
            LakeField.nullable("sparse", LakeType.STRING));

    @AfterEach
    void close() {
        allocator.close();
    }

    /** Rows [from, from + n): email user{row}@example.com, card 4111111111111111 (valid), sparse always null. */
    private VectorSchemaRoot batch(long from, int n) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(SCHEMA), allocator);
        root.allocateNew();
        IntFunction<Object[]> row =
                i -> new Object[] {from + i, "user" + (from + i) + "@example.com", 4111111111111111L, i % 2 == 0, null};
        for (int i = 0; i < n; i++) {
            Object[] values = row.apply(i);
            for (int c = 0; c < values.length; c++) {
                ArrowValues.set(root.getVector(c), SCHEMA.fields().get(c), i, values[c]);
            }
        }
        root.setRowCount(n);
        return root;
    }

    @Test
    void classifiesEveryColumnFromTheVectors() {
        PiiScanner scanner = new PiiScanner(SCHEMA, ScanOptions.DEFAULTS);
        for (int b = 0; b < 3; b++) {
            try (VectorSchemaRoot batch = batch(b * 100L, 100)) {
                scanner.offer(batch);
            }
        }
        List<ColumnClassification> result = scanner.result();
        assertThat(result)
                .extracting(ColumnClassification::column)
                .containsExactly("id", "email", "card", "verified", "sparse");
        assertThat(result)
                .extracting(ColumnClassification::pii)
                .containsExactly(null, PiiType.EMAIL, PiiType.CREDIT_CARD, null, null);
        assertThat(result.get(1).sampled()).isEqualTo(300);
        assertThat(result.get(4).sampled()).isZero();
        assertThat(scanner.rows()).isEqualTo(300);
    }

    @Test
    void samplesTheFirstHalfThenSeededGapsThenStops() {
        ScanOptions options = new ScanOptions(100, 10, 1_000_000, 4096, 7);
        PiiScanner scanner = new PiiScanner(SCHEMA, options);
        PiiScanner again = new PiiScanner(SCHEMA, options);
        int batches = 0;
        while (scanner.result().get(1).sampled() < 100 && batches < 100) {
            try (VectorSchemaRoot batch = batch(batches * 100L, 100)) {
                scanner.offer(batch);
                again.offer(batch);
            }
            batches++;
        }
        // 50 contiguous values, then 50 at gaps of 1..19 rows (mean 10): about 550 rows
        assertThat(scanner.result().get(1).sampled()).isEqualTo(100);
        assertThat(batches).isBetween(4, 9);
        assertThat(again.result()).isEqualTo(scanner.result());
        // the all-null column stops only at maxRows: here the scanner is not done until then
        assertThat(scanner.isDone()).isFalse();
    }

    @Test
    void anAllNullColumnStopsAtMaxRowsAndThenBatchesCostNothing() {
        PiiScanner scanner = new PiiScanner(SCHEMA, new ScanOptions(10, 1, 500, 4096, 1));
        for (int b = 0; b < 10; b++) {
            try (VectorSchemaRoot batch = batch(b * 100L, 100)) {
                scanner.offer(batch);
            }
        }
        assertThat(scanner.isDone()).isTrue();
        assertThat(scanner.rows()).isEqualTo(1000);
        assertThat(scanner.result().get(4)).isEqualTo(new ColumnClassification("sparse", null, 0, 0, 0));
    }

    @Test
    void columnsMissingFromABatchAreSkipped() {
        PiiScanner scanner = new PiiScanner(
                List.of(LakeField.nullable("email", LakeType.STRING), LakeField.nullable("gone", LakeType.STRING)),
                ScanOptions.DEFAULTS);
        try (VectorSchemaRoot batch = batch(0, 50)) {
            scanner.offer(batch);
        }
        assertThat(scanner.result()).extracting(ColumnClassification::pii).containsExactly(PiiType.EMAIL, null);
    }
}
