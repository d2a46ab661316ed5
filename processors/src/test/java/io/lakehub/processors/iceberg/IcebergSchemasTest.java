package io.lakehub.processors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.FieldIds;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class IcebergSchemasTest {

    static final LakeSchema V1 =
            LakeSchema.of(LakeField.nullable("id", LakeType.INT), LakeField.list("tags", LakeType.STRING));

    @Test
    void theTableSchemaCarriesTheDatasetsStableIds() {
        Schema s = IcebergSchemas.schema(V1);
        assertThat(s.findField("id").fieldId()).isEqualTo(1);
        assertThat(s.findField("tags").fieldId()).isEqualTo(2);
        assertThat(s.findField("tags.element").fieldId()).isEqualTo(FieldIds.elementId(2));
    }

    @Test
    void evolvingAddsColumnsWithTheirIdsAndPromotesTypes() {
        Schema current = IcebergSchemas.schema(V1);
        assertThat(IcebergSchemas.evolve(current, V1)).isNull();
        LakeSchema v2 = LakeSchema.of(
                LakeField.nullable("ID", LakeType.BIGINT),
                LakeField.list("tags", LakeType.STRING),
                LakeField.nullable("email", LakeType.STRING));
        Schema next = IcebergSchemas.evolve(current, v2);
        assertThat(next.findField("ID").fieldId()).isEqualTo(1);
        assertThat(next.findField("ID").type()).isEqualTo(Types.LongType.get());
        assertThat(next.findField("email").fieldId()).isEqualTo(3);
    }

    @Test
    void aTablePublishedBeforeStableIdsMustBeRebuilt() {
        // Iceberg's own assignment: the list's element took id 3, the column added later id 4.
        Schema old = new Schema(
                Types.NestedField.optional(1, "id", Types.IntegerType.get()),
                Types.NestedField.optional(2, "tags", Types.ListType.ofOptional(3, Types.StringType.get())),
                Types.NestedField.optional(4, "email", Types.StringType.get()));
        LakeSchema v2 = LakeSchema.of(
                LakeField.nullable("id", LakeType.INT),
                LakeField.list("tags", LakeType.STRING),
                LakeField.nullable("email", LakeType.STRING));
        assertThatThrownBy(() -> IcebergSchemas.evolve(old, v2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("email");
        assertThatThrownBy(() -> IcebergSchemas.evolve(
                        IcebergSchemas.schema(LakeSchema.of(LakeField.nullable("id", LakeType.DOUBLE))),
                        LakeSchema.of(LakeField.nullable("id", LakeType.INT))))
                .hasMessageContaining("cannot promote");
    }
}
