package io.lakehub.routes.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.json.NdjsonBatchReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of the dead letter dataset {@code <dataset>__dead_letter} for some records of a batch:
 * {@code topic}, {@code partition}, {@code offset}, {@code timestamp} (the record's), {@code reason},
 * {@code value} (as read, cut at 64 KiB) and {@code dead_lettered_at}; its position, per partition,
 * the offset after the last dead letter, committed only if the dead letter dataset still holds the
 * positions they were filtered against, so each dead letter lands once.
 */
final class DeadLetterSource implements BatchSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, LakeType> TYPES = Map.of(
            "topic", LakeType.STRING,
            "partition", LakeType.INT,
            "offset", LakeType.BIGINT,
            "timestamp", LakeType.TIMESTAMP,
            "reason", LakeType.STRING,
            "value", LakeType.STRING,
            "dead_lettered_at", LakeType.TIMESTAMP);

    private final Path file;
    private final Map<String, String> position;
    private final Map<String, String> expected;
    private NdjsonBatchReader reader;

    DeadLetterSource(Path spool, List<DeadLetter> letters, Map<String, String> position, Map<String, String> expected) {
        this.position = Map.copyOf(position);
        this.expected = Map.copyOf(expected);
        Instant now = Instant.now();
        try {
            Files.createDirectories(spool);
            this.file = Files.createTempFile(spool, "kafka-dead-letters-", ".ndjson");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (DeadLetter d : letters) {
                    ObjectNode row = JSON.createObjectNode()
                            .put("topic", d.topic())
                            .put("partition", d.partition())
                            .put("offset", d.offset())
                            .put("timestamp", d.timestamp().toString())
                            .put("reason", d.reason())
                            .put("value", d.value())
                            .put("dead_lettered_at", now.toString());
                    out.write(JSON.writeValueAsString(row));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not spool the dead letters of a Kafka batch in " + spool, e);
        }
    }

    @Override
    public void open() {
        closeReader();
        reader = new NdjsonBatchReader(
                file,
                ReadOptions.detect()
                        .withFormat(Format.NDJSON)
                        .withCharset(StandardCharsets.UTF_8)
                        .withTypeOverrides(TYPES));
        reader.open();
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
    public boolean next(VectorSchemaRoot batch) {
        return reader.next(batch);
    }

    @Override
    public int batchRows() {
        return reader.batchRows();
    }

    @Override
    public long rowsRead() {
        return reader == null ? 0 : reader.rowsRead();
    }

    @Override
    public Map<String, String> position() {
        return position;
    }

    @Override
    public Map<String, String> expectedPositions() {
        return expected;
    }

    /** Closes the reader; the ingest may open the source again. */
    @Override
    public void close() {
        closeReader();
    }

    /** Deletes the spool file once the ingest is over. */
    void discard() {
        closeReader();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file.
        }
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
