package io.lakehub.processors.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * parquet-java's codec SPI implemented on zstd-jni and snappy-java directly. parquet-java's own
 * {@code CodecFactory} goes through Hadoop's {@code CompressionCodec} classes, which would pull
 * Hadoop onto the run-time class path; this one does not.
 *
 * <p>Compressors hold native ZSTD contexts and are not thread-safe: each row group encoder asks for
 * its own. Decompressors create a context per call, so the factory can serve concurrent readers.
 */
public final class HadoopFreeCodecFactory implements CompressionCodecFactory {
    private final int zstdLevel;

    public HadoopFreeCodecFactory(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Uncompressed();
            case SNAPPY -> new SnappyCompressor();
            case ZSTD -> new ZstdCompressor(zstdLevel);
            default ->
                throw new IllegalArgumentException(
                        "codec " + codec + " is not supported; use ZSTD, SNAPPY or UNCOMPRESSED");
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Uncompressed();
            case SNAPPY -> new SnappyDecompressor();
            case ZSTD -> new ZstdDecompressor();
            default ->
                throw new IllegalArgumentException(
                        "codec " + codec + " is not supported; use ZSTD, SNAPPY or UNCOMPRESSED");
        };
    }

    @Override
    public void release() {
        // Nothing pooled: contexts belong to the compressors that hold them.
    }

    private static final class Uncompressed implements BytesInputCompressor, BytesInputDecompressor {
        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
            return bytes;
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
            ByteBuffer src = input.duplicate();
            src.limit(src.position() + compressedSize);
            output.put(src);
        }

        @Override
        public void release() {}
    }

    private static final class ZstdCompressor implements BytesInputCompressor {
        private final ZstdCompressCtx ctx = new ZstdCompressCtx();

        ZstdCompressor(int level) {
            ctx.setLevel(level);
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] src = bytes.toByteArray();
            byte[] dst = new byte[(int) Zstd.compressBound(src.length)];
            int n = ctx.compressByteArray(dst, 0, dst.length, src, 0, src.length);
            return BytesInput.from(dst, 0, n);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            ctx.close();
        }
    }

    private static final class ZstdDecompressor implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] src = bytes.toByteArray();
            byte[] dst = new byte[uncompressedSize];
            try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
                int n = ctx.decompressByteArray(dst, 0, dst.length, src, 0, src.length);
                if (n != uncompressedSize) {
                    throw new IOException("ZSTD page decompressed to " + n + " bytes, header says " + uncompressedSize);
                }
            }
            return BytesInput.from(dst);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] src = new byte[compressedSize];
            input.duplicate().get(src);
            output.put(decompress(BytesInput.from(src), uncompressedSize).toByteArray());
        }

        @Override
        public void release() {}
    }

    private static final class SnappyCompressor implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] src = bytes.toByteArray();
            byte[] dst = new byte[Snappy.maxCompressedLength(src.length)];
            int n = Snappy.compress(src, 0, src.length, dst, 0);
            return BytesInput.from(dst, 0, n);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {}
    }

    private static final class SnappyDecompressor implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] src = bytes.toByteArray();
            byte[] dst = new byte[uncompressedSize];
            int n = Snappy.uncompress(src, 0, src.length, dst, 0);
            if (n != uncompressedSize) {
                throw new IOException("Snappy page decompressed to " + n + " bytes, header says " + uncompressedSize);
            }
            return BytesInput.from(dst);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] src = new byte[compressedSize];
            input.duplicate().get(src);
            output.put(decompress(BytesInput.from(src), uncompressedSize).toByteArray());
        }

        @Override
        public void release() {}
    }
}
