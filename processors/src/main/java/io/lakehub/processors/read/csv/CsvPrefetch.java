package io.lakehub.processors.read.csv;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a UTF-8 file ahead of the CSV parser on a thread of its own, hashing every byte (SHA-256)
 * and validating it as UTF-8 on the way, and hands the parser chunks of validated bytes in file
 * order. Reading, hashing and validating were a fifth of the parsing thread's time, which is the
 * ingest's critical path (the Parquet writers wait on it); here they overlap with parsing.
 *
 * <p>Memory is bounded: {@link #CHUNKS} chunks of {@link #CHUNK_BYTES} circulate between the two
 * threads; the reading thread waits when the parser has not given one back. A multi-byte sequence
 * cut by the end of a chunk is carried to the start of the next one, so every chunk's valid bytes
 * end on a character boundary. A chunk whose bytes are not valid UTF-8 is the last one handed out:
 * it says where the invalid bytes start, after the valid ones before them.
 */
final class CsvPrefetch implements AutoCloseable {
    static final int CHUNK_BYTES = 1 << 16;
    static final int CHUNKS = 8;
    /** The longest UTF-8 sequence: what can be carried from one chunk to the next. */
    private static final int MAX_CARRY = 4;

    /** Bytes of the file from {@link #fileOffset}; {@code [0, validEnd)} are valid UTF-8. */
    static final class Chunk {
        final byte[] data = new byte[CHUNK_BYTES + MAX_CARRY];
        long fileOffset;
        int validEnd;
        /** Bytes at {@link #validEnd} are not UTF-8 (this is then the last chunk). */
        boolean invalid;
        /** No chunk follows: the end of the file, invalid bytes, or {@link #failure}. */
        boolean last;
        /** Reading failed after the valid bytes of this chunk. */
        IOException failure;
    }

    private final FileChannel channel;
    private final MessageDigest digest;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    /** Whether the reading thread reached the end of the file (then the digest covers all of it). */
    private volatile boolean reachedEof;

    private volatile boolean closed;

    /**
     * Starts reading {@code channel} from its current position (0).
     *
     * @param digest updated with every byte read, by the reading thread until {@link #awaitEnd}
     */
    CsvPrefetch(FileChannel channel, MessageDigest digest) {
        this.channel = channel;
        this.digest = digest;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk());
        }
        this.thread = new Thread(this::readAll, "lakehub-csv-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next chunk in file order (the caller gives it back with {@link #recycle} once read). */
    Chunk next() throws IOException {
        try {
            return full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the file's next bytes");
        }
    }

    /** Hands a chunk that was read back to the reading thread. */
    void recycle(Chunk chunk) {
        free.add(chunk);
    }

    /**
     * Waits until the reading thread has stopped (it stops after the last chunk) and tells whether
     * it read the whole file; the digest may be used after this.
     */
    boolean awaitEnd() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the file to its end");
        }
        return reachedEof;
    }

    private void readAll() {
        byte[] carry = new byte[MAX_CARRY];
        int carried = 0;
        long offset = 0;
        CsvUtf8Decoder validator = new CsvUtf8Decoder();
        try {
            while (!closed) {
                Chunk chunk = free.take();
                System.arraycopy(carry, 0, chunk.data, 0, carried);
                chunk.fileOffset = offset - carried;
                ByteBuffer into = ByteBuffer.wrap(chunk.data, carried, CHUNK_BYTES);
                boolean eof = false;
                try {
                    while (into.hasRemaining()) {
                        if (channel.read(into) < 0) {
                            eof = true;
                            break;
                        }
                    }
                } catch (IOException e) {
                    chunk.failure = e;
                }
                int limit = into.position();
                int read = limit - carried;
                if (read > 0) {
                    digest.update(chunk.data, carried, read);
                }
                offset += read;
                chunk.validEnd = validator.validate(chunk.data, 0, limit, eof || chunk.failure != null);
                chunk.invalid = validator.invalid && chunk.failure == null;
                chunk.last = eof || chunk.invalid || chunk.failure != null;
                carried = limit - chunk.validEnd;
                if (!chunk.last) {
                    System.arraycopy(chunk.data, chunk.validEnd, carry, 0, carried);
                }
                full.put(chunk);
                if (chunk.last) {
                    reachedEof = eof;
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting: the parser no longer wants bytes
        }
    }

    /** Stops the reading thread (the caller closes the channel). */
    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the file's reading thread");
        }
    }
}
