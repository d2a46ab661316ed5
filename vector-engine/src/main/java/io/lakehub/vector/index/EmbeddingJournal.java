package io.lakehub.vector.index;

import io.lakehub.vector.chunk.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The vectors a refresh has embedded so far, so that a refresh that died part-way (a crash, a kill,
 * the embedding server going down) is resumed by the next one without embedding those texts again.
 *
 * <p>{@code embedded.journal} in the index folder, append-only: a header naming the model (name,
 * version, dimensions), then one record per embedded batch: {@code [int count][count × (32-byte
 * chunk content hash, dimensions × float)][int CRC32C of the record]}, forced to disk before the
 * refresh goes on. A vector depends only on the chunk's text and the model, so records are keyed by
 * the chunk's content hash (SHA-256 of its text). Reading stops at the first record that is
 * incomplete or fails its checksum (a torn write at the moment of the crash): what comes before it is
 * used, and the file is cut back to it before new records are appended. A header for another model
 * discards the file. A refresh that commits deletes the journal: its vectors are in the index.
 */
final class EmbeddingJournal implements AutoCloseable {

    static final String FILE = "embedded.journal";
    private static final int MAGIC = 0x4c48454a; // "LHEJ"
    private static final int HASH_BYTES = 32;

    private final FileChannel channel;
    private final int dimensions;
    private final Map<ContentHash, float[]> vectors;

    private EmbeddingJournal(FileChannel channel, int dimensions, Map<ContentHash, float[]> vectors) {
        this.channel = channel;
        this.dimensions = dimensions;
        this.vectors = vectors;
    }

    /**
     * Opens the journal of {@code dir} for the model, reading the vectors a previous, unfinished refresh
     * embedded with it (none if the file is missing, for another model or unreadable from the start).
     */
    static EmbeddingJournal open(Path dir, String modelName, String modelVersion, int dimensions) throws IOException {
        Path file = dir.resolve(FILE);
        byte[] header = header(modelName, modelVersion, dimensions);
        Map<ContentHash, float[]> found = new HashMap<>();
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long valid = 0;
            long size = channel.size();
            if (size >= header.length) {
                ByteBuffer head = ByteBuffer.allocate(header.length);
                channel.read(head, 0);
                if (java.util.Arrays.equals(head.array(), header)) {
                    valid = header.length;
                    int recordVector = HASH_BYTES + 4 * dimensions;
                    ByteBuffer countBuf = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN);
                    while (valid + 4 <= size) {
                        countBuf.clear();
                        channel.read(countBuf, valid);
                        int count = countBuf.getInt(0);
                        long length = 4L + (long) count * recordVector + 4L;
                        if (count <= 0 || valid + length > size || length > Integer.MAX_VALUE) {
                            break;
                        }
                        ByteBuffer record = ByteBuffer.allocate((int) length);
                        channel.read(record, valid);
                        record.flip();
                        CRC32C crc = new CRC32C();
                        crc.update(record.array(), 0, (int) length - 4);
                        if ((int) crc.getValue() != record.getInt((int) length - 4)) {
                            break;
                        }
                        record.position(4);
                        byte[] hash = new byte[HASH_BYTES];
                        for (int i = 0; i < count; i++) {
                            record.get(hash);
                            float[] v = new float[dimensions];
                            record.asFloatBuffer().get(v);
                            record.position(record.position() + 4 * dimensions);
                            found.put(ContentHash.fromBytes(hash), v);
                        }
                        valid += length;
                    }
                }
            }
            if (valid == 0) {
                found.clear();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(header), 0);
                channel.force(true);
                valid = header.length;
            } else if (valid < size) {
                channel.truncate(valid); // a torn record at the tail
                channel.force(true);
            }
            channel.position(valid);
            return new EmbeddingJournal(channel, dimensions, found);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static byte[] header(String modelName, String modelVersion, int dimensions) {
        byte[] name = modelName.getBytes(StandardCharsets.UTF_8);
        byte[] version = modelVersion.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + 4 + name.length + 4 + version.length + 4)
                .putInt(MAGIC)
                .putInt(name.length)
                .put(name)
                .putInt(version.length)
                .put(version)
                .putInt(dimensions)
                .array();
    }

    /** The vector embedded earlier for a chunk with this content, or {@code null}. */
    float[] get(ContentHash hash) {
        return vectors.get(hash);
    }

    /** How many vectors the journal holds. */
    int size() {
        return vectors.size();
    }

    /** Appends one batch of embedded chunks and forces it to disk. */
    void append(List<ContentHash> hashes, float[][] batch) throws IOException {
        if (hashes.isEmpty()) {
            return;
        }
        int length = 4 + hashes.size() * (HASH_BYTES + 4 * dimensions) + 4;
        ByteBuffer record = ByteBuffer.allocate(length);
        record.putInt(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            record.put(hashes.get(i).toBytes());
            for (float f : batch[i]) {
                record.putFloat(f);
            }
            vectors.put(hashes.get(i), batch[i]);
        }
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, length - 4);
        record.putInt((int) crc.getValue());
        record.flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Removes the journal once its vectors are committed in the index. */
    static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
