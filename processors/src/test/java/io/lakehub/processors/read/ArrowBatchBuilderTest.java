package io.lakehub.processors.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ArrowBatchBuilderTest {
    private static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("i", LakeType.INT),
            LakeField.nullable("b", LakeType.BIGINT),
            LakeField.nullable("d", LakeType.DOUBLE),
            LakeField.nullable("ts", LakeType.TIMESTAMP),
            LakeField.nullable("s", LakeType.STRING),
            LakeField.nullable("j", LakeType.JSON),
            LakeField.nullable("bin", LakeType.BINARY));

    @Test
    void convertsValuesToTheColumnTypeOrSaysTheyDoNotFit() {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(SCHEMA), allocator)) {
            ArrowBatchBuilder b = new ArrowBatchBuilder(SCHEMA);
            b.begin(root);
            assertThat(b.putLong(0, 0, 5_000_000_000L)).isFalse();
            assertThat(b.putLong(0, 0, -7)).isTrue();
            assertThat(b.putLong(1, 0, 5_000_000_000L)).isTrue();
            assertThat(b.putLong(2, 0, 3)).isTrue();
            assertThat(b.putDate(3, 0, 1)).isTrue();
            assertThat(b.putDate(0, 1, 1)).isFalse();
            assertThat(b.putTimestamp(4, 0, 1_500_000L)).isTrue();
            assertThat(b.putString(5, 0, "say \"hi\"")).isTrue();
            assertThat(b.putDouble(5, 1, Double.NaN)).isFalse();
            assertThat(b.putString(6, 0, "no")).isFalse();
            assertThat(b.putBytes(6, 0, new byte[] {1})).isTrue();
            assertThat(b.putBytes(4, 1, new byte[] {1, 2})).isTrue();
            assertThat(b.putBoolean(2, 1, true)).isFalse();
            b.end(2);

            List<Map<String, Object>> rows = ReadResults.rowsOf(root);
            assertThat(rows.get(0))
                    .containsEntry("i", -7)
                    .containsEntry("b", 5_000_000_000L)
                    .containsEntry("d", 3.0)
                    .containsEntry("ts", 86_400_000_000L)
                    .containsEntry("s", "1970-01-01T00:00:01.500Z")
                    .containsEntry("j", "\"say \\\"hi\\\"\"");
            assertThat(rows.get(1))
                    .containsEntry("s", "AQI=")
                    .containsEntry("i", null)
                    .containsEntry("d", null);
            assertThat(root.getRowCount()).isEqualTo(2);
        }
    }

    @Test
    void aBatchIsFullOnceItsTextReachesTheLimitAndEmptyAgainAfterBegin() {
        LakeSchema schema = LakeSchema.of(LakeField.nullable("s", LakeType.STRING));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), allocator)) {
            ArrowBatchBuilder b = new ArrowBatchBuilder(schema, 10);
            b.begin(root);
            b.putString(0, 0, "12345");
            assertThat(b.full()).isFalse();
            b.putString(0, 1, "67890");
            assertThat(b.full()).isTrue();
            b.end(2);
            b.begin(root);
            assertThat(b.full()).isFalse();
            b.putString(0, 0, "x");
            b.end(1);
            assertThat(ReadResults.rowsOf(root)).containsExactly(Map.of("s", "x"));
        }
    }

    @Test
    void refusesABatchNotMadeFromTheSchema() {
        LakeSchema other = LakeSchema.of(LakeField.nullable("i", LakeType.STRING));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(other), allocator)) {
            ArrowBatchBuilder b = new ArrowBatchBuilder(LakeSchema.of(LakeField.nullable("i", LakeType.INT)));
            assertThatThrownBy(() -> b.begin(root))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Batch column 1 ('i') is string but the reader produces int");
        }
    }
}
