package io.lakehub.processors.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Detects a source's format from its name, then its first bytes. */
public final class FormatDetection {
    /** Bytes looked at when sniffing: enough to pass a BOM and leading blank lines. */
    static final int SNIFF_BYTES = 4096;

    private FormatDetection() {}

    /**
     * {@code .csv/.tsv} CSV, {@code .json} JSON (or NDJSON when the content is one object per
     * line), {@code .ndjson/.jsonl} NDJSON, {@code .parquet} Parquet, {@code .txt/.md/.markdown}
     * text; otherwise sniffed ("PAR1" magic, '[' or '{', else CSV).
     *
     * <p>Extensions are matched case-insensitively. A {@code .json} file whose first character
     * (after a BOM and whitespace) is '{' is NDJSON: one object per line, and a pretty-printed
     * single object reads as one record; a {@code .json} file that starts with anything else is
     * JSON, and the JSON reader says what is wrong with it. Sniffing decodes UTF-8 and UTF-16 (by
     * BOM); a file that cannot be recognised, including an empty one, is CSV, whose reader then
     * names the problem.
     *
     * @throws ReadFailedException if the file has to be sniffed and cannot be read
     */
    public static Format detect(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        String ext = n.lastIndexOf('.') < 0 ? "" : n.substring(n.lastIndexOf('.') + 1);
        return switch (ext) {
            case "csv", "tsv" -> Format.CSV;
            case "ndjson", "jsonl" -> Format.NDJSON;
            case "parquet" -> Format.PARQUET;
            case "txt", "md", "markdown" -> Format.TEXT;
            case "json" -> sniff(file) == Format.NDJSON ? Format.NDJSON : Format.JSON;
            default -> sniff(file);
        };
    }

    private static Format sniff(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (NoSuchFileException e) {
            throw new ReadFailedException(file + ": file not found. Nothing was read.", 0, null, e);
        } catch (IOException e) {
            throw new ReadFailedException(file + ": could not be read to detect its format (" + e + ")", 0, null, e);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return Format.PARQUET;
        }
        return switch (firstSignificantChar(head)) {
            case '[' -> Format.JSON;
            case '{' -> Format.NDJSON;
            default -> Format.CSV;
        };
    }

    /** The first non-whitespace character after any BOM, or 0. */
    private static char firstSignificantChar(byte[] b) {
        int step = 1;
        int lowByte = 0; // index of a UTF-16 code unit's low byte within the unit
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            i = 3;
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            i = 2;
            step = 2;
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            i = 2;
            step = 2;
            lowByte = 1;
        }
        for (; i + step - 1 < b.length; i += step) {
            if (step == 2 && b[i + 1 - lowByte] != 0) {
                return 0; // not ASCII, so neither '[' nor '{'
            }
            char c = (char) (b[i + lowByte] & 0xFF);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return c;
            }
        }
        return 0;
    }
}
