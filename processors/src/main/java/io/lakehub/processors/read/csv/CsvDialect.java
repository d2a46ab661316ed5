package io.lakehub.processors.read.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How a CSV file is written: charset (and the byte-order mark to skip), field delimiter and quote
 * character. {@link #detect} fills in whatever {@link ReadOptions} leaves open from the first
 * {@value #SAMPLE_BYTES} bytes of the file.
 *
 * @param bomLength bytes of byte-order mark at the start of the file (hashed, not decoded)
 */
record CsvDialect(Charset charset, int bomLength, char delimiter, char quote) {

    static final int SAMPLE_BYTES = 256 * 1024;
    private static final int SAMPLE_RECORDS = 200;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    /**
     * Detects the dialect.
     *
     * <ul>
     *   <li>charset: the option, else the BOM (UTF-8, UTF-16LE, UTF-16BE), else UTF-8;
     *   <li>delimiter: the option, else whichever of {@code , ; tab |} splits the sampled records
     *       into the same number (more than one) of fields most consistently; ties go to the more
     *       fields, then to the order listed. A file where none splits is one column, comma
     *       separated.
     * </ul>
     *
     * @throws ReadFailedException when the file is empty (no bytes, or only a BOM)
     */
    static CsvDialect detect(Path file, ReadOptions options, String fileName) {
        byte[] head = readHead(file);
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
        Charset charset = options.charset() != null
                ? options.charset()
                : bomCharset != null ? bomCharset : StandardCharsets.UTF_8;
        if (bomCharset != null && !bomCharset.equals(charset)) {
            bom = 0; // the caller insists on another charset: the "BOM" bytes are data then
        }
        if (head.length - bom == 0) {
            throw new ReadFailedException(fileName + ": the file is empty; there is nothing to ingest", 0, null);
        }
        char quote = options.quote() != null ? options.quote() : '"';
        char delimiter = options.delimiter() != null
                ? options.delimiter()
                : detectDelimiter(decodeLeniently(head, bom, charset), quote, head.length == SAMPLE_BYTES);
        return new CsvDialect(charset, bom, delimiter, quote);
    }

    private static byte[] readHead(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        } catch (IOException e) {
            throw new ReadFailedException(
                    fileName(file) + ": could not be read: " + e.getClass().getSimpleName(), 0, null, e);
        }
    }

    private static String fileName(Path file) {
        return String.valueOf(file);
    }

    /** The sample as text; bad bytes become U+FFFD here, the strict pass reports them with their line. */
    private static String decodeLeniently(byte[] head, int bom, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(head.length);
        decoder.decode(ByteBuffer.wrap(head, bom, head.length - bom), out, false);
        out.flip();
        return out.toString();
    }

    static char detectDelimiter(String sample, char quote, boolean truncated) {
        char best = ',';
        double bestConsistency = 0;
        int bestFields = 1;
        for (char candidate : DELIMITERS) {
            if (candidate == quote) {
                continue;
            }
            Map<Integer, Integer> counts = fieldCounts(sample, candidate, quote, truncated);
            int records = counts.values().stream().mapToInt(Integer::intValue).sum();
            if (records == 0) {
                continue;
            }
            int modalFields = 1;
            int modalRecords = 0;
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                if (e.getValue() > modalRecords || (e.getValue() == modalRecords && e.getKey() > modalFields)) {
                    modalFields = e.getKey();
                    modalRecords = e.getValue();
                }
            }
            if (modalFields < 2) {
                continue;
            }
            double consistency = (double) modalRecords / records;
            if (consistency > bestConsistency || (consistency == bestConsistency && modalFields > bestFields)) {
                best = candidate;
                bestConsistency = consistency;
                bestFields = modalFields;
            }
        }
        return best;
    }

    /** Field count to number of records, over the first records of the sample. */
    private static Map<Integer, Integer> fieldCounts(String sample, char delimiter, char quote, boolean truncated) {
        Map<Integer, Integer> counts = new HashMap<>();
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter(quote)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowUnclosedQuote(true)
                .ofCsvRecord(sample);
        int n = 0;
        Integer lastCount = null;
        try {
            for (CsvRecord record : reader) {
                if (lastCount != null) {
                    counts.merge(lastCount, 1, Integer::sum);
                }
                lastCount = record.getFieldCount();
                if (++n > SAMPLE_RECORDS) {
                    lastCount = null;
                    break;
                }
            }
        } catch (CsvParseException | UncheckedIOException e) {
            // Not this delimiter: quoting does not line up with it.
            return Map.of();
        }
        // The sample's last record may be cut off mid-way; count it only when the sample is the whole file.
        if (lastCount != null && !truncated) {
            counts.merge(lastCount, 1, Integer::sum);
        }
        return counts;
    }
}
