package io.lakehub.processors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.lz4.Lz4Compressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** The deprecated LZ4 codec in the two forms writers produced, decoded without Hadoop. */
class HadoopFreeCodecFactoryTest {
    private final BytesInputDecompressor lz4 =
            HadoopFreeCodecFactory.forReading().getDecompressor(CompressionCodecName.LZ4);

    private static byte[] page(int size) {
        byte[] data = new byte[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            // Compressible but not trivial: short runs of a few letters.
            data[i] = (byte) ('a' + random.nextInt(4));
        }
        return data;
    }

    private static byte[] lz4Block(byte[] data, int from, int to) {
        Lz4Compressor compressor = new Lz4Compressor();
        byte[] out = new byte[compressor.maxCompressedLength(to - from)];
        int n = compressor.compress(data, from, to - from, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    /**
     * Hadoop's BlockCompressorStream framing: per block the uncompressed length, then chunks of
     * compressed length + LZ4 block until the block's length is reached.
     */
    private static byte[] hadoopFramed(byte[] data, int blockSize, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int block = 0; block < data.length; block += blockSize) {
            int blockEnd = Math.min(data.length, block + blockSize);
            out.writeBytes(ByteBuffer.allocate(4).putInt(blockEnd - block).array());
            for (int chunk = block; chunk < blockEnd; chunk += chunkSize) {
                byte[] compressed = lz4Block(data, chunk, Math.min(blockEnd, chunk + chunkSize));
                out.writeBytes(ByteBuffer.allocate(4).putInt(compressed.length).array());
                out.writeBytes(compressed);
            }
        }
        return out.toByteArray();
    }

    @Test
    void decodesHadoopFramingWithSeveralBlocksAndChunks() throws IOException {
        byte[] data = page(300_000);
        byte[] framed = hadoopFramed(data, 128 * 1024, 50_000);

        assertThat(lz4.decompress(BytesInput.from(framed), data.length).toByteArray())
                .isEqualTo(data);
    }

    @Test
    void decodesABareLz4BlockAsOlderArrowWroteIt() throws IOException {
        byte[] data = page(10_000);

        assertThat(lz4.decompress(BytesInput.from(lz4Block(data, 0, data.length)), data.length)
                        .toByteArray())
                .isEqualTo(data);
    }

    @Test
    void damagedLz4IsAnIoExceptionNamingTheCodec() {
        byte[] junk = "not lz4 at all, neither framed nor bare".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> lz4.decompress(BytesInput.from(junk), 1000).toByteArray())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("LZ4");
    }

    @Test
    void anEmptyPageIsNotHandedToTheCodec() throws IOException {
        BytesInputDecompressor snappy =
                HadoopFreeCodecFactory.forReading().getDecompressor(CompressionCodecName.SNAPPY);

        assertThat(snappy.decompress(BytesInput.empty(), 0).toByteArray()).isEmpty();
    }
}
