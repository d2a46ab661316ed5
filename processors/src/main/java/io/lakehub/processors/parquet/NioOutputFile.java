package io.lakehub.processors.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} on an NIO {@link FileChannel}, Hadoop-free, that makes the bytes
 * durable before it reports the file closed: {@code close()} flushes, then {@code fsync}s. parquet-java's
 * own {@code LocalOutputFile} has no fsync, and a crash right after a rename could then leave an
 * empty or torn file under its final name.
 */
final class NioOutputFile implements OutputFile {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path path;
    private Stream stream;

    NioOutputFile(Path path) {
        this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        stream = new Stream(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        stream = new Stream(FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        return stream;
    }

    /** Closes the file without flushing or syncing: it is about to be deleted. */
    void abandon() throws IOException {
        if (stream != null && !stream.closed) {
            stream.closed = true;
            stream.channel.close();
        }
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    private static final class Stream extends PositionOutputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        private long flushed;
        private boolean closed;

        Stream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return flushed + buffer.position();
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= buffer.capacity()) {
                drain();
                writeFully(ByteBuffer.wrap(b, off, len));
                return;
            }
            if (len > buffer.remaining()) {
                drain();
            }
            buffer.put(b, off, len);
        }

        private void drain() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                flushed += channel.write(src);
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (channel) {
                drain();
                channel.force(true);
            }
        }
    }
}
