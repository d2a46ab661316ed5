package io.lakehub.catalog.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw byte scan finds a value wherever it sits, across the 1 MiB read boundaries too. */
class ErasureVerifierBytesTest {
    @TempDir
    Path dir;

    @Test
    void aValueIsFoundAtEveryPositionAroundTheChunkBoundary() throws Exception {
        byte[] needle = "ann@example.com".getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(31);
        int chunk = 1 << 20;
        for (int at : new int[] {0, chunk - needle.length, chunk - 3, chunk, 2 * chunk + 5}) {
            byte[] bytes = new byte[3 * chunk];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ('a' + random.nextInt(3));
            }
            System.arraycopy(needle, 0, bytes, at, needle.length);
            Path file = Files.write(dir.resolve("f" + at), bytes);
            assertThat(ErasureVerifier.contains(file, needle)).as("at " + at).isTrue();
        }
        Path clean = Files.write(dir.resolve("clean"), new byte[chunk + 17]);
        assertThat(ErasureVerifier.contains(clean, needle)).isFalse();
    }
}
