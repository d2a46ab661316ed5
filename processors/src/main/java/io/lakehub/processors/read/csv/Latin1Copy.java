package io.lakehub.processors.read.csv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Widens bytes to chars and narrows chars of 0..255 back to bytes, array to array, through the JDK's
 * ISO-8859-1 decoder and encoder: their array loops are one pass of the JDK's inflate and ISO-array
 * intrinsics, with no intermediate {@code String} (a {@code new String(bytes, ISO_8859_1)} copies the bytes
 * once more before {@code getChars} widens them, and {@code getBytes} allocates and copies the result
 * again). Used for the bytes-as-Latin-1 mode of {@link CsvSource}, where every char holds one byte; one
 * instance per reading thread (the coders and the wrappers are reused).
 */
final class Latin1Copy {
    private final CharsetDecoder decoder = StandardCharsets.ISO_8859_1.newDecoder();
    private final CharsetEncoder encoder = StandardCharsets.ISO_8859_1.newEncoder();
    private ByteBuffer bytes = ByteBuffer.allocate(0);
    private CharBuffer chars = CharBuffer.allocate(0);

    /** Copies {@code len} bytes from {@code src[srcOff]} into {@code dst[dstOff]}, one char per byte. */
    void widen(byte[] src, int srcOff, char[] dst, int dstOff, int len) {
        ByteBuffer in = bytes(src, srcOff, len);
        CharBuffer out = chars(dst, dstOff, len);
        CoderResult result = decoder.decode(in, out, false);
        // Every byte is a Latin-1 char, and the output holds as many chars as there are bytes.
        if (result.isError() || in.hasRemaining()) {
            throw new IllegalStateException("the ISO-8859-1 decoder left " + in.remaining() + " of " + len
                    + " bytes undecoded (" + result + ")");
        }
    }

    /**
     * Copies {@code len} chars from {@code src[srcOff]} into {@code dst[0..len)}, one byte per char.
     *
     * @throws IllegalArgumentException when a char is above 255 (not one that {@link #widen} produced)
     */
    void narrow(char[] src, int srcOff, int len, byte[] dst) {
        CharBuffer in = chars(src, srcOff, len);
        ByteBuffer out = bytes(dst, 0, len);
        CoderResult result = encoder.encode(in, out, false);
        if (result.isError() || in.hasRemaining()) {
            throw new IllegalArgumentException(
                    "a char above 255 at offset " + in.position() + " cannot be narrowed to one byte (" + result + ")");
        }
    }

    private ByteBuffer bytes(byte[] array, int off, int len) {
        if (bytes.array() != array) {
            bytes = ByteBuffer.wrap(array);
        }
        bytes.limit(off + len).position(off);
        return bytes;
    }

    private CharBuffer chars(char[] array, int off, int len) {
        if (chars.array() != array) {
            chars = CharBuffer.wrap(array);
        }
        chars.limit(off + len).position(off);
        return chars;
    }
}
