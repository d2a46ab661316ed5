package io.lakehub.catalog.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.commit.UpsertColumns;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldIdsTest {

    static final LakeSchema V1 =
            LakeSchema.of(LakeField.nullable("id", LakeType.BIGINT), LakeField.nullable("Name", LakeType.STRING));

    @Test
    void aColumnsIdIsItsPositionInTheDatasetSchema() {
        assertThat(FieldIds.of(V1)).isEqualTo(Map.of("id", 1, "name", 2));
        assertThat(FieldIds.elementId(3)).isEqualTo(FieldIds.ELEMENT_ID_OFFSET + 3);
    }

    @Test
    void aFileGetsTheDatasetsIdsAndNewColumnsTheIdsTheMergeWillGiveThem() {
        LakeSchema file = LakeSchema.of(
                LakeField.nullable("email", LakeType.STRING),
                LakeField.nullable("NAME", LakeType.STRING),
                LakeField.nullable(UpsertColumns.DELETED, LakeType.BOOLEAN),
                LakeField.nullable("score", LakeType.DOUBLE));
        Map<String, Integer> ids = FieldIds.forFile(V1, file);
        assertThat(ids).isEqualTo(Map.of("email", 3, "name", 2, "score", 4));

        // The ids the merge produces: the current columns keep their places, new ones follow in file order.
        LakeSchema merged = SchemaEvolution.merge(
                        "d",
                        V1,
                        file.fields().stream()
                                .filter(f -> !UpsertColumns.isReserved(f.name()))
                                .collect(java.util.stream.Collectors.collectingAndThen(
                                        java.util.stream.Collectors.toList(), LakeSchema::new)),
                        false)
                .schema();
        assertThat(FieldIds.of(merged)).containsAllEntriesOf(ids).containsEntry("id", 1);
        // A new dataset: the file's own order.
        assertThat(FieldIds.forFile(null, V1)).isEqualTo(Map.of("id", 1, "name", 2));
    }
}
