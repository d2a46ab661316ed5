package io.lakehub.processors.read.text;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.AbstractBatchReader;
import io.lakehub.processors.read.ArrowBatchBuilder;
import io.lakehub.processors.read.ContentHashes;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a plain-text or Markdown file as one row with two STRING columns: {@code path}, the file's
 * name without its directories (the inbox moves files between folders, so the directory says
 * nothing about the document; lineage records the full source), and {@code text}, the whole
 * content.
 *
 * <p>Decoding: the charset option if given, else by BOM (UTF-8, UTF-16LE/BE; the BOM itself is
 * dropped), else UTF-8 — strictly: bytes that do not decode are refused naming the line. Line
 * endings and all other characters are kept as they are. An empty file is refused, as is a file
 * over {@value #MAX_MIB} MiB (a document that large belongs in a structured format).
 */
public final class TextBatchReader extends AbstractBatchReader {
    /** Largest file read, in MiB: it becomes a single value in a single batch. */
    public static final int MAX_MIB = 64;

    private static final LakeSchema SCHEMA =
            LakeSchema.of(LakeField.nullable("path", LakeType.STRING), LakeField.nullable("text", LakeType.STRING));

    private LakeSchema schema;
    private boolean done;

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
        if (size == 0) {
            throw new ReadFailedException(file + ": file is empty", 0, null);
        }
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
        if (done) {
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
            } else {
                charset = StandardCharsets.UTF_8;
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
        return out.toString();
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
