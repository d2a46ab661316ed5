package io.lakehub.routes.kafka;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one micro-batch, spooled as NDJSON (one record value per line, in arrival order)
 * to a file the JSON reader then streams, with each line's partition, offset and timestamp kept in
 * memory so that a bad line can be named by topic, partition and offset. Line breaks inside a value
 * are written as spaces: outside strings they are whitespace, inside strings JSON forbids them
 * anyway. A value that is null (a tombstone) or empty is written as {@code null}, which is not an
 * object and so becomes a dead letter. Not thread-safe.
 */
final class KafkaBatch implements AutoCloseable {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final OutputStream out;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Integer> partitionIndex = new LinkedHashMap<>();
    /** Per partition index: first and last offset of the batch. */
    private final List<long[]> ranges = new ArrayList<>();

    private int[] lineParts = new int[1024];
    private long[] lineOffsets = new long[1024];
    private long[] lineTimestamps = new long[1024];
    private int records;
    private long bytes;
    private long firstAddedNanos;
    private byte[] scratch = new byte[8192];
    private boolean finished;

    KafkaBatch(Path spoolDirectory) {
        try {
            Files.createDirectories(spoolDirectory);
            this.file = Files.createTempFile(spoolDirectory, "kafka-batch-", ".ndjson");
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a spool file for a Kafka batch in " + spoolDirectory, e);
        }
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        if (records == 0) {
            firstAddedNanos = System.nanoTime();
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Integer index = partitionIndex.get(tp);
        if (index == null) {
            index = partitions.size();
            partitions.add(tp);
            partitionIndex.put(tp, index);
            ranges.add(new long[] {record.offset(), record.offset()});
        } else {
            ranges.get(index)[1] = record.offset();
        }
        if (records == lineParts.length) {
            int n = records * 2;
            lineParts = Arrays.copyOf(lineParts, n);
            lineOffsets = Arrays.copyOf(lineOffsets, n);
            lineTimestamps = Arrays.copyOf(lineTimestamps, n);
        }
        lineParts[records] = index;
        lineOffsets[records] = record.offset();
        lineTimestamps[records] = record.timestamp();
        records++;
        byte[] value = record.value();
        try {
            if (value == null || value.length == 0) {
                out.write(NULL);
                bytes += NULL.length;
            } else {
                out.write(oneLine(value), 0, value.length);
                bytes += value.length;
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Could not spool a Kafka record to " + file, e);
        }
    }

    /** The value with CR and LF as spaces (a copy only when it holds one). */
    private byte[] oneLine(byte[] value) {
        int i = firstLineBreak(value);
        if (i < 0) {
            return value;
        }
        if (scratch.length < value.length) {
            scratch = new byte[value.length];
        }
        System.arraycopy(value, 0, scratch, 0, value.length);
        for (; i < value.length; i++) {
            if (scratch[i] == '\n' || scratch[i] == '\r') {
                scratch[i] = ' ';
            }
        }
        return scratch;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR = 0x0D0D0D0D0D0D0D0DL;
    private static final long LOW = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /** Index of the first CR or LF, or -1; eight bytes at a time (most values have none). */
    static int firstLineBreak(byte[] value) {
        int i = 0;
        for (; i + 8 <= value.length; i += 8) {
            long word = (long) LONGS.get(value, i);
            long lf = word ^ LF;
            long cr = word ^ CR;
            if (((((lf - LOW) & ~lf) | ((cr - LOW) & ~cr)) & HIGH) != 0 && hasBreak(value, i, i + 8)) {
                break;
            }
        }
        for (; i < value.length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasBreak(byte[] value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Ends the spooling; the file is complete. */
    Path finish() {
        if (!finished) {
            finished = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the spool file of a Kafka batch " + file, e);
            }
        }
        return file;
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** Nanos since the first record was added ({@link System#nanoTime()} based). */
    long ageNanos() {
        return records == 0 ? 0 : System.nanoTime() - firstAddedNanos;
    }

    List<TopicPartition> partitions() {
        return List.copyOf(partitions);
    }

    /** The next offset to read of each partition once this batch is committed. */
    Map<TopicPartition, Long> nextOffsets() {
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (int i = 0; i < partitions.size(); i++) {
            next.put(partitions.get(i), ranges.get(i)[1] + 1);
        }
        return next;
    }

    /** {@code topic/partition:[first,last]} per partition, for the snapshot's facts and the log. */
    String describeRanges() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < partitions.size(); i++) {
            if (i > 0) {
                s.append(' ');
            }
            TopicPartition tp = partitions.get(i);
            s.append(tp.topic())
                    .append('/')
                    .append(tp.partition())
                    .append(":[")
                    .append(ranges.get(i)[0])
                    .append(',')
                    .append(ranges.get(i)[1])
                    .append(']');
        }
        return s.toString();
    }

    /** The record on 1-based {@code line} of the spool file. */
    TopicPartition partitionOfLine(long line) {
        return partitions.get(lineParts[(int) line - 1]);
    }

    long offsetOfLine(long line) {
        return lineOffsets[(int) line - 1];
    }

    long timestampOfLine(long line) {
        return lineTimestamps[(int) line - 1];
    }

    /** Deletes the spool file. */
    @Override
    public void close() {
        try {
            finish();
        } catch (RuntimeException e) {
            // Deleted below anyway.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file: left for the next start's clean-up.
        }
    }
}
