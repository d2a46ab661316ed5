package io.lakehub.routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool of a micro-batch: one line per record, whatever the value holds, each line traced to its offset. */
class KafkaBatchTest {
    @TempDir
    Path dir;

    @Test
    void lineBreaksAreFoundAtAnyPositionAndOnlyThere() {
        Random random = new Random(24);
        for (int n = 0; n < 2000; n++) {
            byte[] value = new byte[random.nextInt(40)];
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) (' ' + random.nextInt(90)); // no CR or LF, high bytes neither
            }
            int expected = -1;
            if (value.length > 0 && random.nextBoolean()) {
                expected = random.nextInt(value.length);
                value[expected] = random.nextBoolean() ? (byte) '\n' : (byte) '\r';
            }
            if (value.length > 0 && random.nextInt(4) == 0) {
                value[random.nextInt(value.length)] = (byte) (0x80 + random.nextInt(0x7f)); // UTF-8 continuation bytes
                if (expected >= 0 && value[expected] != '\n' && value[expected] != '\r') {
                    expected = -1;
                }
            }
            int first = -1;
            for (int i = 0; i < value.length && first < 0; i++) {
                if (value[i] == '\n' || value[i] == '\r') {
                    first = i;
                }
            }
            assertThat(KafkaBatch.firstLineBreak(value)).as("value %d", n).isEqualTo(first);
        }
    }

    @Test
    void eachRecordIsOneLineTracedToItsPartitionAndOffset() throws Exception {
        try (KafkaBatch batch = new KafkaBatch(dir)) {
            batch.add(record(0, 10, "{\"a\":\n1}"));
            batch.add(record(1, 7, null));
            batch.add(record(0, 11, "{\"a\":2}"));
            Path file = batch.finish();
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                    .containsExactly("{\"a\": 1}", "null", "{\"a\":2}");
            assertThat(batch.partitionOfLine(2)).isEqualTo(new TopicPartition("t", 1));
            assertThat(batch.offsetOfLine(3)).isEqualTo(11);
            assertThat(batch.nextOffsets())
                    .containsEntry(new TopicPartition("t", 0), 12L)
                    .containsEntry(new TopicPartition("t", 1), 8L);
            assertThat(batch.describeRanges()).isEqualTo("t/0:[10,11] t/1:[7,7]");
            assertThat(batch.partitions()).hasSize(2);
            assertThat(List.of(batch.records())).containsExactly(3);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).as("the spool file is deleted").isEmpty();
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String value) {
        return new ConsumerRecord<>(
                "t", partition, offset, null, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
