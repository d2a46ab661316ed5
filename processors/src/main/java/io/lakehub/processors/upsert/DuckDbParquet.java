package io.lakehub.processors.upsert;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.query.MergeOnRead;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.batch.ArrowValues;
import io.lakehub.processors.parquet.ParquetBatchWriter;
import io.lakehub.processors.parquet.ParquetFormat;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes the rows of a DuckDB query into one lake Parquet file with the project's writer ({@link
 * ParquetBatchWriter}: temp name, fsync, atomic rename), typed by a lake schema, so the file's
 * types and metadata are the lake's whatever DuckDB would have chosen.
 */
final class DuckDbParquet {
    private static final int BATCH_ROWS = 8192;

    private DuckDbParquet() {}

    /**
     * The select list converting {@code schema}'s columns of relation {@code alias} into the values
     * {@link #write} reads: days since the epoch for dates, microseconds for timestamps and times (of
     * the day), JSON and UUIDs as text, decimals as they are.
     */
    static String selectList(LakeSchema schema, String alias) {
        StringJoiner j = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            String col = alias + "." + MergeOnRead.identifier(f.name());
            String expr = switch (f.type()) {
                case DATE -> "datediff('day', DATE '1970-01-01', " + col + ")";
                case TIMESTAMP -> "epoch_us(" + col + ")";
                case LOCAL_TIMESTAMP -> "epoch_us(CAST(" + col + " AS TIMESTAMP))";
                case TIME ->
                    "(CAST(hour(" + col + ") AS BIGINT) * 3600 + minute(" + col + ") * 60) * 1000000 + microsecond("
                            + col + ")";
                case JSON, UUID -> "CAST(" + col + " AS VARCHAR)";
                default -> col;
            };
            j.add(expr + " AS " + MergeOnRead.identifier(f.name()));
        }
        return j.toString();
    }

    /**
     * Runs {@code query} (whose select list is {@link #selectList} of {@code schema}) and writes its
     * rows to a new file in {@code datasetDir}.
     *
     * @return the finished file, or {@code null} when the query had no rows (nothing is left behind)
     */
    static NewDataFile write(
            Connection duckdb,
            String query,
            LakeSchema schema,
            ParquetWriteOptions options,
            Path lakeRoot,
            Path datasetDir,
            BufferAllocator allocator)
            throws SQLException {
        return write(duckdb, query, schema, options, lakeRoot, datasetDir, allocator, Map.of());
    }

    /** As {@link #write}, the file carrying the given field ids (ADR 0039). */
    static NewDataFile write(
            Connection duckdb,
            String query,
            LakeSchema schema,
            ParquetWriteOptions options,
            Path lakeRoot,
            Path datasetDir,
            BufferAllocator allocator,
            Map<String, Integer> fieldIds)
            throws SQLException {
        try (Statement st = duckdb.createStatement();
                ResultSet rs = st.executeQuery(query);
                VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), allocator);
                ParquetBatchWriter writer =
                        ParquetBatchWriter.create(new ParquetFormat(schema, options, fieldIds), lakeRoot, datasetDir)) {
            boolean more = rs.next();
            if (!more) {
                return null;
            }
            while (more) {
                root.allocateNew();
                int row = 0;
                while (more && row < BATCH_ROWS) {
                    for (int c = 0; c < schema.size(); c++) {
                        set(root.getVector(c), schema.fields().get(c), row, rs, c + 1);
                    }
                    row++;
                    more = rs.next();
                }
                for (FieldVector v : root.getFieldVectors()) {
                    v.setValueCount(row);
                }
                root.setRowCount(row);
                writer.write(root);
            }
            return writer.finish();
        }
    }

    private static void set(FieldVector vector, LakeField field, int row, ResultSet rs, int column)
            throws SQLException {
        switch (field.type()) {
            case BOOLEAN -> {
                boolean v = rs.getBoolean(column);
                if (rs.wasNull()) {
                    ((BitVector) vector).setNull(row);
                } else {
                    ((BitVector) vector).setSafe(row, v ? 1 : 0);
                }
            }
            case INT -> {
                int v = rs.getInt(column);
                if (rs.wasNull()) {
                    ((IntVector) vector).setNull(row);
                } else {
                    ((IntVector) vector).setSafe(row, v);
                }
            }
            case BIGINT -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    ((BigIntVector) vector).setNull(row);
                } else {
                    ((BigIntVector) vector).setSafe(row, v);
                }
            }
            case DOUBLE -> {
                double v = rs.getDouble(column);
                if (rs.wasNull()) {
                    ((Float8Vector) vector).setNull(row);
                } else {
                    ((Float8Vector) vector).setSafe(row, v);
                }
            }
            case DATE -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    ((DateDayVector) vector).setNull(row);
                } else {
                    ((DateDayVector) vector).setSafe(row, Math.toIntExact(v));
                }
            }
            case TIMESTAMP -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    ((TimeStampMicroTZVector) vector).setNull(row);
                } else {
                    ((TimeStampMicroTZVector) vector).setSafe(row, v);
                }
            }
            case STRING, JSON -> {
                String v = rs.getString(column);
                if (v == null) {
                    ((VarCharVector) vector).setNull(row);
                } else {
                    ((VarCharVector) vector).setSafe(row, v.getBytes(StandardCharsets.UTF_8));
                }
            }
            case BINARY -> {
                byte[] v = rs.getBytes(column);
                if (v == null) {
                    ((VarBinaryVector) vector).setNull(row);
                } else {
                    ((VarBinaryVector) vector).setSafe(row, v);
                }
            }
            case LOCAL_TIMESTAMP -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    ((TimeStampMicroVector) vector).setNull(row);
                } else {
                    ((TimeStampMicroVector) vector).setSafe(row, v);
                }
            }
            case TIME -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    ((TimeMicroVector) vector).setNull(row);
                } else {
                    ((TimeMicroVector) vector).setSafe(row, v);
                }
            }
            case DECIMAL -> ArrowValues.set(vector, field, row, rs.getBigDecimal(column));
            case UUID -> {
                String v = rs.getString(column);
                ArrowValues.set(vector, field, row, v == null ? null : java.util.UUID.fromString(v));
            }
            default ->
                throw new IllegalStateException("Column '" + field.name() + "' has type "
                        + field.type().displayName() + ", which upsert datasets cannot rewrite yet");
        }
    }
}
