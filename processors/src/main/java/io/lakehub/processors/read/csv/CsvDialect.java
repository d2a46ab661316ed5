package io.lakehub.processors.read.csv;

import io.lakehub.processors.read.CharsetDetection;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a CSV file is written: charset (and the byte-order mark to skip), field delimiter, quote and
 * escape character, comment character, and the lines before the first record (title or junk lines
 * before the header). {@link #detect} fills in whatever {@link ReadOptions} leaves open from the
 * first {@value #SAMPLE_BYTES} bytes of the file, once, before any row is read: the data pass does
 * no detection (see ADR 0015).
 *
 * @param charset how the bytes decode
 * @param charsetDetected whether {@code charset} came from a detector (not the options, a BOM or
 *     valid UTF-8)
 * @param bomLength bytes of byte-order mark at the start of the file (hashed, not decoded)
 * @param delimiter field separator
 * @param quote quote character, or {@link #NO_QUOTE} when the file does not quote
 * @param escape the character that escapes a quote inside a quoted field: {@code quote} itself
 *     (doubled quotes, RFC 4180) or a backslash
 * @param comment the comment character ({@code #}) when the sample has comment lines, else 0
 * @param skipLines physical lines before the first record (the header, or the first row)
 * @param skippedComments how many of those lines are comment lines
 * @param skippedOther how many of those lines are neither comments nor blank (title or junk lines)
 * @param empty whether the file holds nothing but whitespace (no bytes, only a BOM, only blanks)
 * @param midLineComments whether comments also start mid-line or after blanks ({@code 1;3#note}),
 *     so the data pass leaves them out with {@link CsvCommentStripper}
 * @param paddedQuotes whether quoted fields have blanks between them and the delimiter
 *     ({@code 1,  "a"}), which the data pass leaves out with {@link CsvQuotePadding}
 * @param headerTrailingDelimiter whether the first record ends with a delimiter the records after it
 *     do not have ({@code id,name,} over {@code 1,Ann}): its empty last field is no column
 */
record CsvDialect(
        Charset charset,
        boolean charsetDetected,
        int bomLength,
        char delimiter,
        char quote,
        char escape,
        char comment,
        long skipLines,
        long skippedComments,
        long skippedOther,
        boolean empty,
        boolean midLineComments,
        boolean paddedQuotes,
        boolean headerTrailingDelimiter) {

    static final int SAMPLE_BYTES = 256 * 1024;

    /**
     * The quote character when a file does not quote: a noncharacter, which the UTF-8 fast path
     * (one char per byte, 0..255) never produces and text practically never holds.
     */
    static final char NO_QUOTE = '\uFFFF';

    /**
     * The delimiter of a file that no candidate delimiter splits into consistent rows: one column,
     * each line one value. Another noncharacter, so that it is never the quote and never in the text.
     */
    static final char NO_DELIMITER = '\uFFFE';

    /** Whether the file quotes fields. */
    boolean quotes() {
        return quote != NO_QUOTE;
    }

    /** Whether quotes inside quoted fields are escaped with a backslash rather than doubled. */
    boolean backslashEscapes() {
        return quotes() && escape != quote;
    }

    /**
     * Detects the dialect.
     *
     * <ul>
     *   <li>charset: the option, else the BOM (UTF-8, UTF-16LE, UTF-16BE), else UTF-8 when the
     *       sample is valid UTF-8, else UTF-16 when the sample has the zero bytes of UTF-16 text
     *       without a BOM, else ICU's charset detector; a detection below {@value
     *       CharsetDetection#MIN_CONFIDENCE}% confidence is refused;
     *   <li>delimiter, quote, escape, comment lines and the lines before the first record: by
     *       {@link CsvSniffer}, each option that is set winning over detection.
     * </ul>
     *
     * @throws ReadFailedException when the charset cannot be detected with confidence
     */
    static CsvDialect detect(Path file, ReadOptions options, String fileName) {
        byte[] head = readHead(file, fileName);
        boolean truncated = head.length == SAMPLE_BYTES;
        Charset bomCharset = null;
        int bom = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            bomCharset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            bomCharset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            bomCharset = StandardCharsets.UTF_16LE;
            bom = 2;
        }
        Charset charset;
        boolean detected = false;
        if (options.charset() != null) {
            charset = options.charset();
            if (bomCharset != null && !bomCharset.equals(charset)) {
                bom = 0; // the caller insists on another charset: the "BOM" bytes are data then
            }
        } else if (bomCharset != null) {
            charset = bomCharset;
        } else if (validUtf8(head, truncated)) {
            charset = StandardCharsets.UTF_8;
        } else {
            charset = CharsetDetection.detect(head, fileName);
            detected = true;
        }
        String sample = decodeLeniently(head, bom, charset);
        if (sample.isBlank() && !truncated) {
            return new CsvDialect(charset, detected, bom, ',', '"', '"', (char) 0, 0, 0, 0, true, false, false, false);
        }
        CsvSniffer.Result sniffed = CsvSniffer.sniff(sample, truncated, options.delimiter(), options.quote());
        return new CsvDialect(
                charset,
                detected,
                bom,
                sniffed.delimiter(),
                sniffed.quote(),
                sniffed.escape(),
                sniffed.comment(),
                sniffed.skipLines(),
                sniffed.skippedComments(),
                sniffed.skippedOther(),
                false,
                sniffed.midLineComments(),
                sniffed.paddedQuotes(),
                sniffed.headerTrailingDelimiter());
    }

    private static byte[] readHead(Path file, String fileName) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        } catch (IOException e) {
            throw new ReadFailedException(
                    fileName + ": could not be read: " + e.getClass().getSimpleName(), 0, null, e);
        }
    }

    /** Whether the sample is UTF-8 (a sequence cut off by the end of a truncated sample is fine). */
    static boolean validUtf8(byte[] head, boolean truncated) {
        CsvUtf8Decoder utf8 = new CsvUtf8Decoder();
        utf8.validate(head, 0, head.length, !truncated);
        return !utf8.invalid;
    }

    /** The sample as text; bad bytes become U+FFFD here, the strict pass reports them with their line. */
    private static String decodeLeniently(byte[] head, int bom, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(head.length + 16);
        decoder.decode(ByteBuffer.wrap(head, bom, head.length - bom), out, false);
        out.flip();
        return out.toString();
    }

    /** The quote as facts spell it: the character, or {@code none}. */
    String quoteName() {
        return quotes() ? String.valueOf(quote) : "none";
    }

    /** The escape as facts spell it: {@code doubled}, {@code \} or {@code none}. */
    String escapeName() {
        return !quotes() ? "none" : backslashEscapes() ? "\\" : "doubled";
    }

    /** The delimiter as facts spell it ({@code tab} for a tab). */
    String delimiterName() {
        return delimiter == '\t' ? "tab" : delimiter == NO_DELIMITER ? "none" : String.valueOf(delimiter);
    }
}
