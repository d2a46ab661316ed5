package io.lakehub.processors.read.csv;

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
 * derives the line; and so that the BOM is skipped without a second stream layer. UTF-8 is decoded
 * by {@link CsvUtf8Decoder}, other charsets by the JDK. For UTF-8 there is also a raw mode that
 * validates the bytes and returns them one per char ({@link #CsvSource(Path, Charset, int, boolean,
 * boolean)}); with hashing (the data pass) that mode reads, hashes and validates ahead of the
 * parser on a thread of its own ({@link CsvPrefetch}) where a core is free for it ({@link
 * #READ_AHEAD}).
 */
final class CsvSource extends Reader {
    private static final int BUFFER_BYTES = 1 << 16;

    private final FileChannel channel;
    /** For charsets other than UTF-8; {@code null} for UTF-8, which {@link #utf8} decodes. */
    private final CharsetDecoder decoder;

    private final CsvUtf8Decoder utf8;
    /**
     * Hand out UTF-8 bytes as Latin-1 chars, one char per byte, after validating them as UTF-8: a
     * CSV parser looking for ASCII delimiters, quotes and line breaks finds them exactly where it
     * would in the decoded text (multi-byte sequences hold no ASCII byte), and the text of a cell is
     * recovered byte for byte by narrowing its chars, with no decoding or encoding.
     */
    private final boolean bytesAsLatin1;
    /** Raw mode: widens the bytes in bulk (the JDK's inflate intrinsic; a byte loop is several times slower). */
    private final Latin1Copy latin1;
    /** Raw mode: bytes before this buffer index are validated. */
    private int validEnd;
    /** Raw mode: validation stopped at invalid bytes at {@link #validEnd}. */
    private boolean invalidAtValidEnd;

    private final MessageDigest digest;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES);
    /** File offset of {@code bytes[0]}. */
    private long bufferStart;

    /**
     * Raw mode with hashing (the data pass): the file is read, hashed and validated ahead on a
     * thread of its own; {@code null} otherwise.
     */
    private final CsvPrefetch prefetch;
    /** The prefetched chunk being handed out, and the position in it. */
    private CsvPrefetch.Chunk chunk;

    private int chunkPos;

    private boolean eof;
    private boolean flushed;
    private char pendingLowSurrogate;

    /**
     * @param skipBytes leading bytes (the BOM) that are hashed but not decoded
     * @param hash whether to compute the content hash
     */
    CsvSource(Path file, Charset charset, int skipBytes, boolean hash) throws IOException {
        this(file, charset, skipBytes, hash, false);
    }

    /**
     * @param bytesAsLatin1 for UTF-8 only: validate, then return each byte as one char (see the
     *     field); the caller narrows a cell's chars back to its UTF-8 bytes
     */
    CsvSource(Path file, Charset charset, int skipBytes, boolean hash, boolean bytesAsLatin1) throws IOException {
        this(file, charset, skipBytes, hash, bytesAsLatin1, READ_AHEAD);
    }

    /**
     * @param readAhead with {@code hash} and {@code bytesAsLatin1}: read, hash and validate ahead on a
     *     thread of its own ({@link CsvPrefetch}); the other constructors decide by {@link #READ_AHEAD}
     */
    CsvSource(Path file, Charset charset, int skipBytes, boolean hash, boolean bytesAsLatin1, boolean readAhead)
            throws IOException {
        if (bytesAsLatin1 && !charset.equals(StandardCharsets.UTF_8)) {
            throw new IllegalArgumentException("bytes-as-Latin-1 needs UTF-8 input, not " + charset);
        }
        this.bytesAsLatin1 = bytesAsLatin1;
        this.latin1 = bytesAsLatin1 ? new Latin1Copy() : null;
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
        if (bytesAsLatin1 && hash && readAhead) {
            this.prefetch = new CsvPrefetch(channel, digest);
            try {
                this.chunk = prefetch.next();
            } catch (IOException e) {
                try (channel) {
                    prefetch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            this.chunkPos = Math.min(skipBytes, chunk.validEnd);
            return;
        }
        this.prefetch = null;
        if (skipBytes > 0) {
            fill();
            int skip = Math.min(skipBytes, bytes.remaining());
            bytes.position(bytes.position() + skip);
        }
        validEnd = Math.max(validEnd, bytes.position());
    }

    /**
     * Whether the data pass reads ahead on a thread of its own ({@link CsvPrefetch}): only where a
     * core is free for it. The parsing thread and up to four Parquet writer threads (one per core,
     * {@code IngestSettings.defaults()}) already keep a machine of up to five cores busy; there the
     * extra thread only competes with them and costs throughput (ADR 0022, amended). The system
     * property {@code lakehub.csv.read-ahead} ({@code on}/{@code off}) overrides the choice, for
     * measuring both.
     */
    static final boolean READ_AHEAD = readAhead(
            System.getProperty("lakehub.csv.read-ahead", ""),
            Runtime.getRuntime().availableProcessors());

    static boolean readAhead(String setting, int cores) {
        return switch (setting) {
            case "on" -> true;
            case "off" -> false;
            default -> cores >= 6;
        };
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
        if (prefetch != null) {
            return readPrefetched(cbuf, off, len);
        }
        if (bytesAsLatin1) {
            return readLatin1(cbuf, off, len);
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

    private int readLatin1(char[] cbuf, int off, int len) throws IOException {
        while (true) {
            int pos = bytes.position();
            int n = Math.min(len, validEnd - pos);
            if (n > 0) {
                latin1.widen(bytes.array(), pos, cbuf, off, n);
                bytes.position(pos + n);
                return n;
            }
            if (invalidAtValidEnd) {
                throw new UndecodableBytesException(bufferStart + validEnd);
            }
            if (eof) {
                return -1;
            }
            fill();
        }
    }

    private int readPrefetched(char[] cbuf, int off, int len) throws IOException {
        while (true) {
            CsvPrefetch.Chunk c = chunk;
            int n = Math.min(len, c.validEnd - chunkPos);
            if (n > 0) {
                latin1.widen(c.data, chunkPos, cbuf, off, n);
                chunkPos += n;
                return n;
            }
            if (c.failure != null) {
                throw c.failure;
            }
            if (c.invalid) {
                throw new UndecodableBytesException(c.fileOffset + c.validEnd);
            }
            if (c.last) {
                return -1;
            }
            prefetch.recycle(c);
            chunk = prefetch.next();
            chunkPos = 0;
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

    /**
     * Compacts the buffer and reads more bytes, hashing them; sets {@link #eof} at the end. In raw
     * mode, validates the bytes not validated yet.
     */
    private void fill() throws IOException {
        int consumed = bytes.position();
        bufferStart += consumed;
        bytes.compact();
        int before = bytes.position();
        int n = channel.read(bytes);
        if (n < 0) {
            eof = true;
        } else if (digest != null && n > 0) {
            digest.update(bytes.array(), before, n);
        }
        bytes.flip();
        if (bytesAsLatin1) {
            int from = Math.max(0, validEnd - consumed);
            validEnd = utf8.validate(bytes.array(), from, bytes.limit(), eof);
            invalidAtValidEnd = utf8.invalid;
        }
    }

    /** {@code sha256:<hex>} of every byte of the file; reads (and hashes) what was not consumed yet. */
    String finishHash() throws IOException {
        if (digest == null) {
            throw new IllegalStateException("this source does not hash");
        }
        if (prefetch != null) {
            return finishPrefetchedHash();
        }
        while (!eof) {
            bytes.position(bytes.limit());
            fill();
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private String finishPrefetchedHash() throws IOException {
        while (!chunk.last) {
            prefetch.recycle(chunk);
            chunk = prefetch.next();
        }
        chunkPos = chunk.validEnd;
        if (chunk.failure != null) {
            throw chunk.failure;
        }
        if (!prefetch.awaitEnd()) {
            // Stopped at invalid bytes: the rest of the file is hashed here.
            ByteBuffer rest = ByteBuffer.allocate(BUFFER_BYTES);
            while (channel.read(rest.clear()) >= 0) {
                digest.update(rest.array(), 0, rest.position());
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            if (prefetch != null) {
                prefetch.close();
            }
        }
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
