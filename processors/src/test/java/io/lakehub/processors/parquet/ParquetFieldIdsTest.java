package io.lakehub.processors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.UpsertColumns;
import io.lakehub.catalog.schema.FieldIds;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.testing.DuckDb;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files carry the dataset's stable field ids in their footer (ADR 0039). */
class ParquetFieldIdsTest {

    @TempDir
    Path lake;

    @Test
    void theFooterCarriesTheFieldIdsOfTheDatasetAndNoneForHiddenColumns() throws Exception {
        LakeSchema dataset =
                LakeSchema.of(LakeField.nullable("id", LakeType.BIGINT), LakeField.nullable("name", LakeType.STRING));
        LakeSchema file = LakeSchema.of(
                LakeField.nullable("name", LakeType.STRING),
                LakeField.list("tags", LakeType.STRING),
                LakeField.nullable("id", LakeType.BIGINT),
                LakeField.nullable(UpsertColumns.DELETED, LakeType.BOOLEAN));
        ParquetFormat format = new ParquetFormat(file, ParquetWriteOptions.defaults(), FieldIds.forFile(dataset, file));
        NewDataFile written;
        try (ParquetBatchWriter writer = ParquetBatchWriter.create(format, lake, lake.resolve("ds"))) {
            written = writer.finish();
        }
        Path path = lake.resolve(written.relativePath());
        List<List<Object>> ids = DuckDb.query("SELECT name, field_id FROM parquet_schema('" + path
                + "') WHERE name <> 'lakehub' AND name <> 'list'" + " ORDER BY name");
        assertThat(ids)
                .containsExactly(
                        Arrays.asList(UpsertColumns.DELETED, null),
                        List.of("element", (long) FieldIds.elementId(3)),
                        List.of("id", 1L),
                        List.of("name", 2L),
                        List.of("tags", 3L));
    }

    @Test
    void aFormatWithoutIdsWritesNone() {
        LakeSchema file = LakeSchema.of(LakeField.nullable("id", LakeType.BIGINT));
        assertThat(ParquetSchemas.toParquet(file).getType("id").getId()).isNull();
        assertThat(new ParquetFormat(file, ParquetWriteOptions.defaults(), FieldIds.of(file))
                        .messageType()
                        .getType("id")
                        .getId()
                        .intValue())
                .isEqualTo(1);
    }
}
