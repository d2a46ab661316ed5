package io.lakehub.processors.read.text;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.AbstractBatchReader;
import io.lakehub.processors.read.ArrowBatchBuilder;
import io.lakehub.processors.read.CharsetDetection;
import io.lakehub.processors.read.ContentHashes;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a plain-text or Markdown file as one row with two STRING columns: {@code path}, the file's
 * name without its directories (the inbox moves files between folders, so the directory says
 * nothing about the document; lineage records the full source), and {@code text}, the whole
 * content.
 *
 * <p>Decoding: the charset option if given, else by BOM (UTF-8, UTF-16LE/BE; the BOM itself is
 * dropped), else UTF-8 when the bytes are UTF-8, else detected ({@link CharsetDetection}, refused
 * when not confident; recorded as the {@code charset} fact) — strictly: bytes that do not decode
 * in the charset given are refused naming the line. Line
 * endings and all other characters are kept as they are. An empty file reads as no rows (an empty
 * result, not an error). A file over {@value #MAX_MIB} MiB is refused (a document that large
 * belongs in a structured format).
 */
public final class TextBatchReader extends AbstractBatchReader {
    /** Largest file read, in MiB: it becomes a single value in a single batch. */
    public static final int MAX_MIB = 64;

    /** Bytes a charset that is not UTF-8 is detected from. */
    private static final int SAMPLE_BYTES = 256 * 1024;

    private static final LakeSchema SCHEMA =
            LakeSchema.of(LakeField.nullable("path", LakeType.STRING), LakeField.nullable("text", LakeType.STRING));

    private LakeSchema schema;
    private boolean done;
    /** An empty file: its columns and no row (an empty result, not an error). */
    private boolean empty;

    public TextBatchReader(Path file, ReadOptions options) {
        super(file, options);
        useBatchRows(1);
    }

    @Override
    protected void doOpen() {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ReadFailedException(file + ": file not found. Nothing was read.", 0, null, e);
        } catch (IOException e) {
            throw new ReadFailedException(file + ": could not be read (" + e + ")", 0, null, e);
        }
        empty = size == 0;
        if (size > (long) MAX_MIB << 20) {
            throw new ReadFailedException(
                    file + ": file is " + (size >> 20) + " MiB; text files over " + MAX_MIB
                            + " MiB are not read as a single value",
                    0,
                    null);
        }
        schema = SCHEMA;
    }

    @Override
    public LakeSchema schema() {
        requireOpen();
        return schema;
    }

    @Override
    protected void doReadAs(LakeSchema target) {
        if (!target.names().equals(SCHEMA.names())
                || target.fields().stream().anyMatch(f -> f.type() != LakeType.STRING)) {
            throw new IllegalArgumentException("A text file reads as path string, text string; got " + target);
        }
        schema = target;
    }

    @Override
    protected int doNext(VectorSchemaRoot batch) {
        ArrowBatchBuilder builder = new ArrowBatchBuilder(schema);
        builder.begin(batch);
        if (done || empty) {
            if (empty && !done) {
                done = true;
                contentHashIs(ContentHashes.format(ContentHashes.newDigest()));
            }
            builder.end(0);
            return 0;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ReadFailedException(file + ": could not be read (" + e + ")", 0, null, e);
        }
        MessageDigest digest = ContentHashes.newDigest();
        digest.update(bytes);
        String text = decode(bytes);
        Path name = file.getFileName();
        builder.putString(0, 0, name == null ? file.toString() : name.toString());
        builder.putString(1, 0, text);
        builder.end(1);
        done = true;
        contentHashIs(ContentHashes.format(digest));
        return 1;
    }

    @Override
    protected void doClose() {
        // Nothing held open: the file is read in one call.
    }

    private String decode(byte[] bytes) {
        Charset charset = options.charset();
        int skip = 0;
        if (charset == null) {
            if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
                charset = StandardCharsets.UTF_8;
                skip = 3;
            } else if (startsWith(bytes, 0xFF, 0xFE)) {
                charset = StandardCharsets.UTF_16LE;
                skip = 2;
            } else if (startsWith(bytes, 0xFE, 0xFF)) {
                charset = StandardCharsets.UTF_16BE;
                skip = 2;
            } else if (validUtf8(bytes)) {
                charset = StandardCharsets.UTF_8;
            } else {
                charset = CharsetDetection.detect(
                        bytes.length > SAMPLE_BYTES ? Arrays.copyOf(bytes, SAMPLE_BYTES) : bytes, file.toString());
            }
        } else if (charset.equals(StandardCharsets.UTF_8) && startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(in.remaining() * (double) decoder.maxCharsPerByte()));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            long line = 1;
            while (out.hasRemaining()) {
                if (out.get() == '\n') {
                    line++;
                }
            }
            throw new ReadFailedException(
                    file + ": line " + line + ": bytes that are not valid " + charset.name()
                            + "; save the file as UTF-8 or name its encoding",
                    line,
                    "text");
        }
        out.flip();
        fact("charset", charset.name());
        return out.toString();
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false; // not UTF-8: the charset is detected instead
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
