package io.lakehub.processors.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.brotli.dec.BrotliInputStream;
import org.xerial.snappy.Snappy;

/**
 * parquet-java's codec SPI without Hadoop, for both the Parquet writer and the Parquet reader.
 * parquet-java's own {@code CodecFactory} goes through Hadoop's {@code CompressionCodec} classes,
 * which would pull Hadoop onto the run-time class path; this one does not.
 *
 * <p>Compression (writing): ZSTD via zstd-jni at the configured level, SNAPPY via snappy-java, or
 * none. Compressors hold native ZSTD contexts and are not thread-safe: each row group encoder asks
 * for its own; a released compressor's context waits, idle, for the next one.
 *
 * <p>Decompression (reading): the codecs in {@link #DECOMPRESSIBLE} — Snappy (DuckDB's, Spark's and
 * pyarrow's default) via snappy-java, ZSTD via zstd-jni, GZIP via the JDK, LZ4_RAW via
 * aircompressor (which parquet-hadoop itself depends on), BROTLI via Google's pure-Java decoder
 * ({@code org.brotli:dec}), and the deprecated LZ4 codec in both forms writers produced: Hadoop's
 * block framing (parquet-mr, Spark: each block is a big-endian uncompressed length followed by
 * big-endian-length-prefixed LZ4 blocks) and, when the bytes are not validly framed, a bare LZ4
 * block (older Arrow C++) — the same fallback Arrow C++ uses. LZO is not supported; the reader
 * refuses such files up front, naming the codec. Decompressors are stateless, so the factory can
 * serve concurrent readers.
 */
public final class HadoopFreeCodecFactory implements CompressionCodecFactory {
    /** The codecs {@link #getDecompressor} accepts, in parquet-java's order. */
    public static final Set<CompressionCodecName> DECOMPRESSIBLE = Collections.unmodifiableSet(EnumSet.of(
            CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD,
            CompressionCodecName.BROTLI,
            CompressionCodecName.LZ4,
            CompressionCodecName.LZ4_RAW));

    private final int zstdLevel;

    public HadoopFreeCodecFactory(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /** A factory for reading: its ZSTD compressors, were any asked for, use ZSTD's default level. */
    public static HadoopFreeCodecFactory forReading() {
        return new HadoopFreeCodecFactory(Zstd.defaultCompressionLevel());
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
        if (!DECOMPRESSIBLE.contains(codec)) {
            throw new IllegalArgumentException("Parquet compression " + codec + " is not supported");
        }
        return new Decompressor(codec);
    }

    @Override
    public void release() {
        // Nothing pooled: contexts belong to the compressors that hold them.
    }

    private static final class Uncompressed implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {}
    }

    /**
     * Idle ZSTD contexts by level, reused across row groups and files: creating one (and its first
     * compression's workspace) is a fixed cost per file that a small commit notices (ADR 0052). A
     * context serves one compressor at a time; {@code compressByteArray} starts a new frame on each
     * call, so nothing of an earlier page carries over.
     */
    private static final ConcurrentHashMap<Integer, ConcurrentLinkedDeque<ZstdCompressCtx>> IDLE_ZSTD =
            new ConcurrentHashMap<>();
    /** Idle contexts kept per level; more are closed on release. */
    private static final int MAX_IDLE_ZSTD = 16;

    private static final class ZstdCompressor implements BytesInputCompressor {
        private final int level;
        private ZstdCompressCtx ctx;

        ZstdCompressor(int level) {
            this.level = level;
            ZstdCompressCtx idle = IDLE_ZSTD
                    .computeIfAbsent(level, l -> new ConcurrentLinkedDeque<>())
                    .pollFirst();
            if (idle == null) {
                idle = new ZstdCompressCtx();
                idle.setLevel(level);
            }
            this.ctx = idle;
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
            ZstdCompressCtx released = ctx;
            if (released == null) {
                return;
            }
            ctx = null;
            ConcurrentLinkedDeque<ZstdCompressCtx> idle = IDLE_ZSTD.get(level);
            if (idle.size() < MAX_IDLE_ZSTD) {
                idle.offerFirst(released);
            } else {
                released.close();
            }
        }
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

    /** One class for every codec: they differ only in the call that turns page bytes into values. */
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
            if (in.length == 0 && uncompressedSize == 0) {
                // An empty data page v2 (all values null, or none): some writers leave its data
                // section empty instead of writing the codec's encoding of no bytes.
                return new byte[0];
            }
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
                case LZ4_RAW -> n = lz4Block(in, 0, in.length, out, 0, out.length);
                case LZ4 -> {
                    n = hadoopLz4(in, out);
                    if (n < 0) {
                        // Not Hadoop-framed: older Arrow C++ wrote a bare LZ4 block under this codec.
                        n = lz4Block(in, 0, in.length, out, 0, out.length);
                    }
                }
                case BROTLI -> {
                    try (InputStream br = new BrotliInputStream(new ByteArrayInputStream(in))) {
                        n = br.readNBytes(out, 0, out.length);
                    } catch (RuntimeException e) {
                        // org.brotli.dec reports corrupt input as BrotliRuntimeException.
                        throw new IOException("BROTLI page does not decompress: " + e.getMessage(), e);
                    }
                }
                default -> throw new IllegalStateException("Unexpected codec " + codec);
            }
            if (n != uncompressedSize) {
                throw new IOException(
                        codec + " page decompressed to " + n + " bytes; the file says " + uncompressedSize);
            }
            return out;
        }

        private static int lz4Block(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
                throws IOException {
            try {
                return new Lz4Decompressor().decompress(in, inOff, inLen, out, outOff, outLen);
            } catch (MalformedInputException e) {
                throw new IOException("LZ4 page does not decompress: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Decodes Hadoop's LZ4 block framing into {@code out}: blocks of a 4-byte big-endian
     * uncompressed length followed by chunks of a 4-byte big-endian compressed length and that many
     * bytes of LZ4 block, until the block's uncompressed length is reached. Returns the bytes
     * written, or -1 when {@code in} is not exactly such a sequence (then it is a bare LZ4 block).
     */
    static int hadoopLz4(byte[] in, byte[] out) {
        ByteBuffer src = ByteBuffer.wrap(in); // big-endian, as Hadoop writes
        int written = 0;
        try {
            while (src.remaining() > 0) {
                if (src.remaining() < 8) {
                    return -1;
                }
                int blockSize = src.getInt();
                if (blockSize < 0 || blockSize > out.length - written) {
                    return -1;
                }
                int blockEnd = written + blockSize;
                while (written < blockEnd) {
                    if (src.remaining() < 4) {
                        return -1;
                    }
                    int chunk = src.getInt();
                    if (chunk <= 0 || chunk > src.remaining()) {
                        return -1;
                    }
                    int n = new Lz4Decompressor()
                            .decompress(in, src.position(), chunk, out, written, blockEnd - written);
                    src.position(src.position() + chunk);
                    written += n;
                }
                if (written != blockEnd) {
                    return -1;
                }
            }
            return written;
        } catch (MalformedInputException | IndexOutOfBoundsException notFramed) {
            // The first 8 bytes of a bare LZ4 block happened to look like a frame header.
            return -1;
        }
    }
}
