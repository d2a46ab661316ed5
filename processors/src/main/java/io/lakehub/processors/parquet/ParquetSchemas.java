package io.lakehub.processors.parquet;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a lake schema. Every column is {@code optional} (nullable), whatever the
 * dataset declares, so that a later schema version can add or relax columns without rewriting files:
 *
 * <pre>
 * BOOLEAN   boolean               DATE      int32 (DATE)
 * INT       int32                 TIMESTAMP int64 (TIMESTAMP(MICROS, isAdjustedToUTC=true))
 * BIGINT    int64                 STRING    binary (STRING)
 * DOUBLE    double                JSON      binary (JSON)
 * BINARY    binary
 * </pre>
 */
public final class ParquetSchemas {
    static final String MESSAGE_NAME = "lakehub";

    private ParquetSchemas() {}

    public static MessageType toParquet(LakeSchema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (LakeField f : schema.fields()) {
            switch (f.type()) {
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
                case INT -> b.optional(PrimitiveTypeName.INT32).named(f.name());
                case BIGINT -> b.optional(PrimitiveTypeName.INT64).named(f.name());
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(f.name());
                case DATE ->
                    b.optional(PrimitiveTypeName.INT32)
                            .as(LogicalTypeAnnotation.dateType())
                            .named(f.name());
                case TIMESTAMP ->
                    b.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                            .named(f.name());
                case STRING ->
                    b.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(f.name());
                case JSON ->
                    b.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.jsonType())
                            .named(f.name());
                case BINARY -> b.optional(PrimitiveTypeName.BINARY).named(f.name());
            }
        }
        return b.named(MESSAGE_NAME);
    }
}
