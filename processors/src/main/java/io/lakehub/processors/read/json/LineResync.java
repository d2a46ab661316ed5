package io.lakehub.processors.read.json;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds where an NDJSON line starts, so that parsing can go on after a line that is not valid
 * JSON: a second, forward-only pass over the file that counts {@code '\n'} bytes (valid for UTF-8
 * and the single-byte charsets, which is all {@link #supports} admits). Bad lines come in file
 * order, so the file is scanned once however many there are; each resumption opens one more
 * stream at the line's byte offset.
 */
final class LineResync implements Closeable {
    private final Path file;
    private final Charset charset;
    private InputStream scan;
    /** The 1-based line at whose first byte {@link #scan} stands. */
    private long line = 1;
    /** The byte offset of that line. */
    private long offset;

    LineResync(Path file, Charset charset) {
        this.file = file;
        this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
    }

    /**
     * Whether lines can be found by their {@code '\n'} bytes: the charset is UTF-8 (the default) or
     * encodes ASCII in single bytes, and the file does not start like UTF-16 or UTF-32.
     */
    static boolean supports(Charset charset, byte[] head) {
        if (charset != null && !charset.equals(StandardCharsets.UTF_8) && !singleByteAscii(charset)) {
            return false;
        }
        if (head.length >= 2
                && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                        || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            return false;
        }
        for (int i = 0; i < Math.min(head.length, 4); i++) {
            if (head[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean singleByteAscii(Charset charset) {
        return charset.newEncoder().maxBytesPerChar() == 1.0f
                && new String("\n{}\"".getBytes(charset), charset).equals("\n{}\"")
                && "\n".getBytes(charset)[0] == '\n';
    }

    /**
     * The text of line {@code bad} (without its line break), leaving the scan at the start of the
     * next line. {@code bad} must not be before a line already passed.
     */
    String lineText(long bad) throws IOException {
        if (bad < line) {
            throw new IllegalStateException("line " + bad + " was already passed (at line " + line + ")");
        }
        if (scan == null) {
            scan = new BufferedInputStream(Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ)));
        }
        while (line < bad) {
            if (!skipLine(null)) {
                return "";
            }
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        skipLine(text);
        byte[] bytes = text.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, charset);
    }

    /** A new stream over the file from the start of the line the scan stands at. */
    InputStream fromCurrentLine() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    /** The 1-based line {@link #fromCurrentLine()} starts at. */
    long currentLine() {
        return line;
    }

    /** Reads past the next '\n' (copying the bytes before it to {@code out}); false at the end of the file. */
    private boolean skipLine(ByteArrayOutputStream out) throws IOException {
        int b;
        while ((b = scan.read()) >= 0) {
            offset++;
            if (b == '\n') {
                line++;
                return true;
            }
            if (out != null) {
                out.write(b);
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        if (scan != null) {
            scan.close();
        }
    }
}
