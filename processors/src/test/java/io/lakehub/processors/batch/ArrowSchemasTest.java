package io.lakehub.processors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
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
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ArrowSchemasTest {

    /** One column of every type, lists of every element type, parameters at their extremes. */
    private static LakeSchema everyType() {
        List<LakeField> fields = new ArrayList<>();
        for (LakeType t : LakeType.values()) {
            switch (t) {
                case DECIMAL -> {
                    fields.add(LakeField.decimal("dec_max", 38, 38));
                    fields.add(new LakeField("dec_small", t, false, 1, 0, null));
                }
                case LIST -> {
                    for (LakeType e : LakeType.values()) {
                        if (e == LakeType.DECIMAL) {
                            fields.add(LakeField.list("list_dec", LakeField.decimal("x", 20, 4)));
                        } else if (e != LakeType.LIST) {
                            fields.add(LakeField.list("list_" + e.displayName(), e));
                        }
                    }
                }
                default -> fields.add(new LakeField("c_" + t.displayName(), t, t.ordinal() % 2 == 0));
            }
        }
        return new LakeSchema(fields);
    }

    @Test
    void toArrowAndBackKeepsTypesParametersAndNullability() {
        LakeSchema schema = everyType();

        assertThat(ArrowSchemas.toLake(ArrowSchemas.toArrow(schema))).isEqualTo(schema);
    }

    @Test
    void eachTypeGetsTheVectorTheWritersAndSourcesFill() {
        LakeSchema schema = LakeSchema.of(
                LakeField.nullable("b", LakeType.BOOLEAN),
                LakeField.nullable("i", LakeType.INT),
                LakeField.nullable("l", LakeType.BIGINT),
                LakeField.nullable("d", LakeType.DOUBLE),
                LakeField.decimal("n", 12, 2),
                LakeField.nullable("day", LakeType.DATE),
                LakeField.nullable("t", LakeType.TIME),
                LakeField.nullable("ts", LakeType.TIMESTAMP),
                LakeField.nullable("ldt", LakeType.LOCAL_TIMESTAMP),
                LakeField.nullable("u", LakeType.UUID),
                LakeField.nullable("s", LakeType.STRING),
                LakeField.nullable("j", LakeType.JSON),
                LakeField.nullable("bin", LakeType.BINARY),
                LakeField.list("tags", LakeField.decimal("e", 5, 1)));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), allocator)) {
            assertThat(root.getFieldVectors())
                    .extracting(Object::getClass)
                    .containsExactly(
                            BitVector.class,
                            IntVector.class,
                            BigIntVector.class,
                            Float8Vector.class,
                            DecimalVector.class,
                            DateDayVector.class,
                            TimeMicroVector.class,
                            TimeStampMicroTZVector.class,
                            TimeStampMicroVector.class,
                            FixedSizeBinaryVector.class,
                            VarCharVector.class,
                            VarCharVector.class,
                            VarBinaryVector.class,
                            ListVector.class);
            DecimalVector n = (DecimalVector) root.getVector("n");
            assertThat(n.getPrecision()).isEqualTo(12);
            assertThat(n.getScale()).isEqualTo(2);
            assertThat(((FixedSizeBinaryVector) root.getVector("u")).getByteWidth())
                    .isEqualTo(16);
            ListVector tags = (ListVector) root.getVector("tags");
            assertThat(tags.getDataVector()).isInstanceOf(DecimalVector.class);
            assertThat(((DecimalVector) tags.getDataVector()).getScale()).isEqualTo(1);
        }
    }

    @Test
    void arrowTypesWithoutLakeMetadataMapByTheirArrowType() {
        Schema plain = new Schema(List.of(
                Field.nullable("n", new ArrowType.Decimal(20, 5, 128)),
                Field.nullable("t", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
                Field.nullable("local", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                Field.nullable("utc", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                new Field(
                        "xs",
                        FieldType.nullable(ArrowType.List.INSTANCE),
                        List.of(Field.nullable("item", new ArrowType.Int(64, true))))));

        assertThat(ArrowSchemas.toLake(plain))
                .isEqualTo(LakeSchema.of(
                        LakeField.decimal("n", 20, 5),
                        LakeField.nullable("t", LakeType.TIME),
                        LakeField.nullable("local", LakeType.LOCAL_TIMESTAMP),
                        LakeField.nullable("utc", LakeType.TIMESTAMP),
                        LakeField.list("xs", LakeType.BIGINT)));
        assertThat(ArrowSchemas.toArrow(LakeField.nullable("u", LakeType.UUID)).getMetadata())
                .isEqualTo(Map.of(ArrowSchemas.TYPE_METADATA, "UUID"));
        assertThatThrownBy(() -> ArrowSchemas.toLake(
                        new Schema(List.of(Field.nullable("u16", new ArrowType.FixedSizeBinary(16))))))
                .hasMessageContaining("'u16'");
        assertThatThrownBy(() -> ArrowSchemas.arrowType(LakeType.DECIMAL)).hasMessageContaining("arrowType(LakeField)");
    }
}
