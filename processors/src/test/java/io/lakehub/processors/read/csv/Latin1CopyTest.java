package io.lakehub.processors.read.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Latin1CopyTest {

    @Test
    void widenedBytesNarrowBackToTheSameBytesForEveryByteValueLengthAndOffset() {
        Random random = new Random(42);
        Latin1Copy copy = new Latin1Copy();
        for (int len : new int[] {0, 1, 7, 63, 64, 65, 1000, 1 << 16}) {
            for (int round = 0; round < 3; round++) {
                byte[] source = new byte[len + 13];
                random.nextBytes(source);
                int srcOff = random.nextInt(13);
                char[] chars = new char[len + 29];
                int charOff = random.nextInt(29);

                copy.widen(source, srcOff, chars, charOff, len);

                for (int i = 0; i < len; i++) {
                    assertThat((int) chars[charOff + i]).isEqualTo(source[srcOff + i] & 0xFF);
                }
                byte[] back = new byte[len + 5];
                copy.narrow(chars, charOff, len, back);
                assertThat(Arrays.copyOf(back, len)).isEqualTo(Arrays.copyOfRange(source, srcOff, srcOff + len));
            }
        }
    }

    @Test
    void theCharsAroundTheCopiedRangeAreLeftAlone() {
        char[] chars = "xxxxxxxx".toCharArray();
        new Latin1Copy().widen(new byte[] {'a', 'b', 'c', 'd'}, 1, chars, 2, 2);

        assertThat(new String(chars)).isEqualTo("xxbcxxxx");
    }

    @Test
    void aCharAboveOneByteIsRefusedNotTruncated() {
        char[] chars = "ab\u20acd".toCharArray();

        assertThatThrownBy(() -> new Latin1Copy().narrow(chars, 0, chars.length, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 2");
    }
}
