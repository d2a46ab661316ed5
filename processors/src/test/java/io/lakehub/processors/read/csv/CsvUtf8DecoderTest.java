package io.lakehub.processors.read.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvUtf8DecoderTest {

    @Test
    void agreesWithTheJdkOnRandomValidAndInvalidBytesInRandomChunks() {
        Random random = new Random(99);
        String[] pieces = {"a", "plain ascii text, ", "é", "ö", "€", "東京", "😀", "\n", "\r\n", "\"q\""};
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (round % 3 == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // maybe breaks it
            }
            if (round % 7 == 0 && bytes.length > 0) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1); // maybe truncates a sequence
            }
            assertThat(decodeInChunks(bytes, random)).as("round %d", round).isEqualTo(jdk(bytes));
        }
    }

    @Test
    void validationFindsWhatDecodingFinds() {
        Random random = new Random(7);
        String[] pieces = {"abc", "é", "€", "😀", ",", "\n", "plain ascii run of some length "};
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(100); i > 0; i--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (round % 2 == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(128));
            }
            String decoded = decodeInChunks(bytes, random);
            CsvUtf8Decoder v = new CsvUtf8Decoder();
            int end = v.validate(bytes, 0, bytes.length, true);
            if (decoded.contains("<error at ")) {
                assertThat(v.invalid).as("round %d", round).isTrue();
                assertThat(decoded).endsWith("<error at " + end + ">");
            } else {
                assertThat(v.invalid).as("round %d", round).isFalse();
                assertThat(end).isEqualTo(bytes.length);
            }
            // Cut anywhere without end of input: a sequence cut in two is "incomplete", not invalid.
            int cut = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            CsvUtf8Decoder w = new CsvUtf8Decoder();
            int partial = w.validate(bytes, 0, cut, false);
            if (!w.invalid) {
                assertThat(cut - partial).isLessThan(4);
            }
        }
    }

    @Test
    void refusesOverlongSurrogatesAndOutOfRange() {
        for (int[] bad : new int[][] {
            {0xC0, 0xAF},
            {0xE0, 0x80, 0xAF},
            {0xED, 0xA0, 0x80},
            {0xF4, 0x90, 0x80, 0x80},
            {0xF8, 0x88, 0x80, 0x80},
            {0x80}
        }) {
            byte[] bytes = new byte[bad.length + 2];
            bytes[0] = 'x';
            for (int i = 0; i < bad.length; i++) {
                bytes[i + 1] = (byte) bad[i];
            }
            bytes[bytes.length - 1] = 'y';
            assertThat(decodeInChunks(bytes, new Random(1))).isEqualTo("x<error at 1>");
        }
    }

    /** The decoded text, or the text up to an error and "<error at offset>". */
    private static String decodeInChunks(byte[] bytes, Random random) {
        CsvUtf8Decoder d = new CsvUtf8Decoder();
        StringBuilder out = new StringBuilder();
        byte[] window = new byte[bytes.length + 8];
        int consumed = 0;
        int have = 0;
        while (true) {
            int add = Math.min(bytes.length - consumed - have, 1 + random.nextInt(20));
            System.arraycopy(bytes, consumed + have, window, have, add);
            have += add;
            boolean eof = consumed + have == bytes.length;
            char[] dst = new char[2 + random.nextInt(10)];
            int result = d.decode(window, 0, have, dst, 0, dst.length, eof);
            out.append(dst, 0, d.dp);
            if (result == CsvUtf8Decoder.ERROR) {
                return out + "<error at " + (consumed + d.sp) + ">";
            }
            System.arraycopy(window, d.sp, window, 0, have - d.sp);
            consumed += d.sp;
            have -= d.sp;
            if (eof && have == 0 && result == CsvUtf8Decoder.NEED_INPUT) {
                return out.toString();
            }
        }
    }

    private static String jdk(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 2);
        var result = decoder.decode(in, out, true);
        out.flip();
        if (result.isError()) {
            return out + "<error at " + in.position() + ">";
        }
        return out.toString();
    }
}
