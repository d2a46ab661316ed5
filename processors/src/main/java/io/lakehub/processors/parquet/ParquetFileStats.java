package io.lakehub.processors.parquet;

import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Per-column statistics of a written file, from the footer parquet-java built (merged over its row
 * groups), rendered as text for the catalog: ISO-8601 for dates, times and timestamps (UTC for
 * instants, without zone for local timestamps), Java's decimal form for numbers (plain, exact for
 * decimals), the canonical form for UUIDs. List columns have no statistics. Min and max are
 * {@code null} for JSON and BINARY columns, for columns
 * whose values are all null, and for a text bound longer than {@value #MAX_TEXT_BOUND} characters
 * (the catalog stores statistics, not documents).
 */
final class ParquetFileStats {
    static final int MAX_TEXT_BOUND = 256;

    private ParquetFileStats() {}

    static List<ColumnStats> of(ParquetMetadata footer, LakeSchema schema, MessageType messageType) {
        List<ColumnStats> result = new ArrayList<>(schema.size());
        // Built once: getColumns() builds a new list of every column on each call.
        List<ColumnDescriptor> columns = messageType.getColumns();
        for (int i = 0; i < schema.size(); i++) {
            LakeField field = schema.fields().get(i);
            if (field.type() == LakeType.LIST) {
                // Leaf statistics of a list count null lists, empty lists and null elements alike,
                // and order elements, not rows: nothing the catalog could use per row.
                continue;
            }
            // Each lake column is one Parquet leaf column, in schema order.
            Statistics<?> merged = Statistics.createStats(columns.get(i).getPrimitiveType());
            for (BlockMetaData block : footer.getBlocks()) {
                merged.mergeStatistics(block.getColumns().get(i).getStatistics());
            }
            String min = null;
            String max = null;
            if (merged.hasNonNullValue()) {
                min = render(field, merged.genericGetMin());
                max = render(field, merged.genericGetMax());
            }
            result.add(new ColumnStats(field.name(), merged.getNumNulls(), min, max));
        }
        return result;
    }

    private static String render(LakeField field, Object value) {
        return switch (field.type()) {
            case BOOLEAN, INT, BIGINT, DOUBLE -> String.valueOf(value);
            case DECIMAL -> ParquetDecimals.toBigDecimal(value, field.scale()).toPlainString();
            case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
            case TIME -> LocalTime.ofNanoOfDay((Long) value * 1000).toString();
            case TIMESTAMP ->
                Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS).toString();
            case LOCAL_TIMESTAMP ->
                LocalDateTime.ofEpochSecond(
                                Math.floorDiv((Long) value, 1_000_000L),
                                (int) Math.floorMod((Long) value, 1_000_000L) * 1000,
                                ZoneOffset.UTC)
                        .toString();
            case UUID -> ParquetDecimals.uuid(((Binary) value).getBytes()).toString();
            case STRING -> {
                String s = ((Binary) value).toStringUsingUTF8();
                yield s.length() > MAX_TEXT_BOUND ? null : s;
            }
            case JSON, BINARY, LIST -> null;
        };
    }
}
