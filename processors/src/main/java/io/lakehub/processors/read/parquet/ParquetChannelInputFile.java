package io.lakehub.processors.read.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over one already open {@link FileChannel}, so the bytes parquet-java
 * decodes are the very bytes the reader hashed, even if the path is replaced meanwhile. Each stream
 * keeps its own position and reads with positional reads; closing a stream leaves the channel open
 * (its owner closes it).
 */
final class ParquetChannelInputFile implements InputFile {
    private final FileChannel channel;
    private final long length;

    ParquetChannelInputFile(FileChannel channel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream();
    }

    private final class Stream extends SeekableInputStream {
        private long pos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) {
            pos = newPos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = channel.read(buf, pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] b) throws IOException {
            readFully(ByteBuffer.wrap(b));
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws IOException {
            readFully(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new EOFException("Parquet data ends at byte " + pos + ", before the expected end");
                }
            }
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, length - pos));
            pos += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, length - pos));
        }
    }
}
