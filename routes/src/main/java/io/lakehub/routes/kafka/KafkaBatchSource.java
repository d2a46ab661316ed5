package io.lakehub.routes.kafka;

import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.read.BadRow;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.json.NdjsonBatchReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka micro-batch as a source of the processor chain: the spooled record values read by the
 * NDJSON reader (schema inferred and merged like any JSON file's), its position the next offset of
 * each partition ({@link KafkaPositions}), committed only if the dataset still holds the positions
 * the batch was read from ({@link #expectedPositions()}). A value that is not a JSON object is not
 * a row: once the batch is read, those records go to the {@link DeadLetterSink}, before the data is
 * committed. Can be opened again (the ingest re-reads a source when it widens a column).
 */
public final class KafkaBatchSource implements BatchSource {
    /** Fact: the offset ranges of the batch, {@code topic/partition:[first,last] ...}. */
    public static final String OFFSETS_FACT = "read.kafka.offsets";
    /** Fact: how many of the batch's records went to the dead letter. */
    public static final String DEAD_LETTERS_FACT = "read.kafka.deadLetters";

    private final KafkaBatch batch;
    private final String pipeline;
    private final Map<TopicPartition, String> readFrom;
    private final DeadLetterSink deadLetters;
    private final int batchRows;
    private final List<DeadLetter> bad = new ArrayList<>();
    private NdjsonBatchReader reader;
    private boolean delivered;

    /**
     * @param readFrom the committed position of each partition of the batch when it was read
     *     ({@link CommitRequest#NO_POSITION}: none)
     */
    KafkaBatchSource(
            KafkaBatch batch,
            String pipeline,
            Map<TopicPartition, String> readFrom,
            DeadLetterSink deadLetters,
            int batchRows) {
        this.batch = batch;
        this.pipeline = pipeline;
        this.readFrom = Map.copyOf(readFrom);
        this.deadLetters = deadLetters;
        this.batchRows = batchRows;
    }

    @Override
    public void open() {
        closeReader();
        bad.clear();
        delivered = false;
        ReadOptions options = ReadOptions.detect()
                .withFormat(Format.NDJSON)
                .withCharset(StandardCharsets.UTF_8)
                .withBatchRows(batchRows);
        reader = new NdjsonBatchReader(batch.finish(), options);
        reader.onBadRows(this::deadLetter);
        reader.open();
    }

    private void deadLetter(BadRow row) {
        TopicPartition tp = batch.partitionOfLine(row.line());
        bad.add(new DeadLetter(
                tp.topic(),
                tp.partition(),
                batch.offsetOfLine(row.line()),
                Instant.ofEpochMilli(batch.timestampOfLine(row.line())),
                row.reason(),
                row.raw()));
    }

    @Override
    public LakeSchema schema() {
        return reader.schema();
    }

    @Override
    public void readAs(LakeSchema target) {
        reader.readAs(target);
    }

    @Override
    public boolean next(VectorSchemaRoot rows) {
        boolean more = reader.next(rows);
        if (!more && !delivered) {
            delivered = true;
            if (!bad.isEmpty()) {
                deadLetters.deliver(List.copyOf(bad));
            }
        }
        return more;
    }

    @Override
    public int batchRows() {
        return reader == null ? batchRows : reader.batchRows();
    }

    @Override
    public long rowsRead() {
        return reader == null ? 0 : reader.rowsRead();
    }

    @Override
    public Map<String, String> position() {
        Map<String, String> position = new LinkedHashMap<>();
        batch.nextOffsets().forEach((tp, next) -> position.put(KafkaPositions.key(pipeline, tp), Long.toString(next)));
        return position;
    }

    @Override
    public Map<String, String> expectedPositions() {
        Map<String, String> expected = new LinkedHashMap<>();
        readFrom.forEach((tp, value) -> expected.put(KafkaPositions.key(pipeline, tp), value));
        return expected;
    }

    @Override
    public Map<String, String> facts() {
        return Map.of(OFFSETS_FACT, batch.describeRanges(), DEAD_LETTERS_FACT, Integer.toString(bad.size()));
    }

    /** The records that were not JSON objects (complete once the batch was read). */
    public List<DeadLetter> deadLetters() {
        return List.copyOf(bad);
    }

    /** Records in the batch, good and bad. */
    public int records() {
        return batch.records();
    }

    /** {@code topic/partition:[first,last] ...}. */
    public String describe() {
        return batch.describeRanges();
    }

    @Override
    public void close() {
        closeReader();
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
