package io.lakehub.processors.read;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The characters of a CSV file, decoded strictly, with the SHA-256 of every byte computed on the
 * way (the byte-order mark included, so the hash is that of the file as delivered).
 *
 * <p>Decoding is ours rather than an {@code InputStreamReader}'s so that an undecodable byte is
 * reported with its exact offset ({@link UndecodableBytesException}), from which the reader
 * derives the line; and so that the BOM is skipped without a second stream layer.
 */
final class CsvSource extends Reader {
    private static final int BUFFER_BYTES = 1 << 16;

    private final FileChannel channel;
    /** For charsets other than UTF-8; {@code null} for UTF-8, which {@link #utf8} decodes. */
    private final CharsetDecoder decoder;

    private final CsvUtf8Decoder utf8;
    private final MessageDigest digest;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES);
    /** File offset of {@code bytes[0]}. */
    private long bufferStart;

    private boolean eof;
    private boolean flushed;
    private char pendingLowSurrogate;

    /**
     * @param skipBytes leading bytes (the BOM) that are hashed but not decoded
     * @param hash whether to compute the content hash
     */
    CsvSource(Path file, Charset charset, int skipBytes, boolean hash) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        boolean isUtf8 = charset.equals(StandardCharsets.UTF_8);
        this.utf8 = isUtf8 ? new CsvUtf8Decoder() : null;
        this.decoder = isUtf8
                ? null
                : charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.digest = hash ? sha256() : null;
        bytes.limit(0);
        if (skipBytes > 0) {
            fill();
            int skip = Math.min(skipBytes, bytes.remaining());
            bytes.position(bytes.position() + skip);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (utf8 != null) {
            return readUtf8(cbuf, off, len);
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            int produced = out.position() - off;
            if (result.isError()) {
                if (produced > 0) {
                    // Hand over what decoded cleanly; the next call reports the error at its offset.
                    return produced;
                }
                throw new UndecodableBytesException(bufferStart + bytes.position());
            }
            if (result.isOverflow()) {
                return produced;
            }
            // underflow: needs more input
            if (eof) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                    produced = out.position() - off;
                }
                return produced > 0 ? produced : -1;
            }
            if (produced > 0) {
                return produced;
            }
            fill();
        }
    }

    private int readUtf8(char[] cbuf, int off, int len) throws IOException {
        if (pendingLowSurrogate != 0) {
            cbuf[off] = pendingLowSurrogate;
            pendingLowSurrogate = 0;
            return 1;
        }
        while (true) {
            int result = utf8.decode(bytes.array(), bytes.position(), bytes.limit(), cbuf, off, off + len, eof);
            if (result == CsvUtf8Decoder.OUTPUT_FULL && utf8.dp == off) {
                // Room for one char, and the next character needs two: hand out the first half now.
                char[] pair = new char[2];
                utf8.decode(bytes.array(), bytes.position(), bytes.limit(), pair, 0, 2, eof);
                bytes.position(utf8.sp);
                cbuf[off] = pair[0];
                pendingLowSurrogate = pair[1];
                return 1;
            }
            bytes.position(utf8.sp);
            int produced = utf8.dp - off;
            if (result == CsvUtf8Decoder.ERROR) {
                if (produced > 0) {
                    return produced;
                }
                throw new UndecodableBytesException(bufferStart + bytes.position());
            }
            if (produced > 0) {
                return produced;
            }
            if (eof) {
                return -1;
            }
            fill();
        }
    }

    /** Compacts the buffer and reads more bytes, hashing them; sets {@link #eof} at the end. */
    private void fill() throws IOException {
        bufferStart += bytes.position();
        bytes.compact();
        int before = bytes.position();
        int n = channel.read(bytes);
        if (n < 0) {
            eof = true;
        } else if (digest != null && n > 0) {
            digest.update(bytes.array(), before, n);
        }
        bytes.flip();
    }

    /** {@code sha256:<hex>} of every byte of the file; reads (and hashes) what was not consumed yet. */
    String finishHash() throws IOException {
        if (digest == null) {
            throw new IllegalStateException("this source does not hash");
        }
        while (!eof) {
            bytes.position(bytes.limit());
            fill();
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Bytes at {@code offset} are not valid in the file's charset. */
    static final class UndecodableBytesException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long offset;

        UndecodableBytesException(long offset) {
            super("undecodable bytes at offset " + offset);
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }
}
