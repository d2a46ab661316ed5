package io.lakehub.processors.read;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page decompression without Hadoop: parquet-java's own codec factory goes through Hadoop's codec
 * classes, which are not on the hub's class path. Snappy (DuckDB's, Spark's and pyarrow's default)
 * via snappy-java, ZSTD via zstd-jni, GZIP via the JDK, LZ4_RAW via aircompressor (which
 * parquet-hadoop itself depends on). LZO, BROTLI and Hadoop-framed LZ4 are not supported; the
 * reader refuses such files up front, naming the codec.
 */
final class ParquetDecompressors implements CompressionCodecFactory {
    static final Set<CompressionCodecName> SUPPORTED = EnumSet.of(
            CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW);

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (!SUPPORTED.contains(codec)) {
            throw new IllegalArgumentException("Parquet compression " + codec + " is not supported");
        }
        return new Decompressor(codec);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("This codec factory only reads");
    }

    @Override
    public void release() {
        // Stateless: nothing pooled.
    }

    private static final class Decompressor implements BytesInputDecompressor {
        private final CompressionCodecName codec;

        Decompressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            ByteArrayOutputStream compressed = new ByteArrayOutputStream((int) bytes.size());
            bytes.writeAllTo(compressed);
            return BytesInput.from(decompress(compressed.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            ByteBuffer src = input.duplicate();
            src.limit(src.position() + compressedSize);
            byte[] compressed = new byte[compressedSize];
            src.get(compressed);
            output.put(
                    codec == CompressionCodecName.UNCOMPRESSED ? compressed : decompress(compressed, uncompressedSize));
        }

        @Override
        public void release() {
            // Nothing pooled per decompressor.
        }

        private byte[] decompress(byte[] in, int uncompressedSize) throws IOException {
            byte[] out = new byte[uncompressedSize];
            int n;
            switch (codec) {
                case SNAPPY -> n = Snappy.uncompress(in, 0, in.length, out, 0);
                case ZSTD -> {
                    long r = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
                    if (Zstd.isError(r)) {
                        throw new IOException("ZSTD page does not decompress: " + Zstd.getErrorName(r));
                    }
                    n = (int) r;
                }
                case GZIP -> {
                    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
                        n = gz.readNBytes(out, 0, out.length);
                    }
                }
                case LZ4_RAW -> n = new Lz4Decompressor().decompress(in, 0, in.length, out, 0, out.length);
                default -> throw new IllegalStateException("Unexpected codec " + codec);
            }
            if (n != uncompressedSize) {
                throw new IOException(
                        codec + " page decompressed to " + n + " bytes; the file says " + uncompressedSize);
            }
            return out;
        }
    }
}
