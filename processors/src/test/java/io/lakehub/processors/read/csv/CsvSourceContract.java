package io.lakehub.processors.read.csv;

import static io.lakehub.processors.testing.Hashes.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data pass's source, read, hashed and validated on the parsing thread or ahead on a thread of
 * its own ({@link CsvPrefetch}): the same chars, hash and errors either way ({@link
 * CsvSourceReadAheadTest}, {@link CsvSourceInlineTest}).
 */
abstract class CsvSourceContract {
    @TempDir
    Path dir;

    /** Whether the source under test reads ahead. */
    final boolean readAhead = readsAhead();

    abstract boolean readsAhead();

    @Test
    void handsOutEveryByteAsOneCharAcrossChunksAndHashesTheWholeFile() throws IOException {
        Random random = new Random(12);
        String[] pieces = {"plain, ascii text\n", "é", "€", "東京", "😀", "\"q\"", "x"};
        for (int shift = 0; shift < 4; shift++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            // Multi-byte characters around the end of the first chunks, cut at each possible place.
            out.writeBytes("a".repeat(CsvPrefetch.CHUNK_BYTES - 3 - 2 - shift).getBytes(StandardCharsets.UTF_8));
            while (out.size() < 3 * CsvPrefetch.CHUNK_BYTES + 1000) {
                out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
            }
            byte[] bytes = out.toByteArray();
            Path f = dir.resolve("f" + shift + ".csv");
            Files.write(f, bytes);
            String chars;
            String hash;
            try (CsvSource source = new CsvSource(f, StandardCharsets.UTF_8, 3, true, true, readAhead)) {
                chars = readAll(source, random);
                hash = source.finishHash();
            }
            byte[] expected = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
            assertThat(chars).as("shift %d", shift).isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
            assertThat(hash).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void invalidBytesInALaterChunkAreReportedAtTheirFileOffsetAfterTheValidOnes() throws IOException {
        int at = 2 * CsvPrefetch.CHUNK_BYTES + 17;
        byte[] bytes = "b".repeat(at + 100).getBytes(StandardCharsets.UTF_8);
        bytes[at] = (byte) 0xFF;
        Path f = dir.resolve("bad.csv");
        Files.write(f, bytes);
        try (CsvSource source = new CsvSource(f, StandardCharsets.UTF_8, 0, true, true, readAhead)) {
            char[] buf = new char[8192];
            long handedOut = 0;
            CsvSource.UndecodableBytesException failure = null;
            try {
                for (int n; (n = source.read(buf, 0, buf.length)) > 0; ) {
                    handedOut += n;
                }
            } catch (CsvSource.UndecodableBytesException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            assertThat(failure.offset()).isEqualTo(at);
            assertThat(handedOut).isEqualTo(at);
            // The hash still covers the whole file.
            assertThat(source.finishHash()).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void aSequenceCutByTheEndOfTheFileIsInvalid() throws IOException {
        byte[] bytes = ("x".repeat(CsvPrefetch.CHUNK_BYTES + 5) + "é").getBytes(StandardCharsets.UTF_8);
        bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        Path f = dir.resolve("cut.csv");
        Files.write(f, bytes);
        try (CsvSource source = new CsvSource(f, StandardCharsets.UTF_8, 0, true, true, readAhead)) {
            assertThatThrownBy(() -> readAll(source, new Random(1)))
                    .isInstanceOf(CsvSource.UndecodableBytesException.class)
                    .hasMessageContaining("offset " + (CsvPrefetch.CHUNK_BYTES + 5));
        }
    }

    @Test
    void closingBeforeTheEndStopsTheReadingThread() throws IOException {
        Path f = dir.resolve("big.csv");
        Files.write(
                f, "c".repeat(CsvPrefetch.CHUNKS * CsvPrefetch.CHUNK_BYTES * 3).getBytes(StandardCharsets.UTF_8));
        CsvSource source = new CsvSource(f, StandardCharsets.UTF_8, 0, true, true, readAhead);
        char[] buf = new char[100];
        assertThat(source.read(buf, 0, buf.length)).isEqualTo(100);
        source.close();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("lakehub-csv-prefetch") && t.isAlive());
    }

    @Test
    void anEmptyFileHasNoCharsAndTheHashOfNothing() throws IOException {
        Path f = dir.resolve("empty.csv");
        Files.write(f, new byte[0]);
        try (CsvSource source = new CsvSource(f, StandardCharsets.UTF_8, 0, true, true, readAhead)) {
            assertThat(source.read(new char[10], 0, 10)).isEqualTo(-1);
            assertThat(source.finishHash()).isEqualTo(sha256(new byte[0]));
        }
    }

    /** Reads to the end in reads of random sizes. */
    private static String readAll(CsvSource source, Random random) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[70_000];
        for (int n; (n = source.read(buf, 0, 1 + random.nextInt(buf.length - 1))) > 0; ) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }
}
