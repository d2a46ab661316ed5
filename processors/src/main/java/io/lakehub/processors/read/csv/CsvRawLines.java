package io.lakehub.processors.read.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The raw text of a bad record, for the rejects: the physical lines from the record's first line
 * on, continued while a quote is open. Opened at the first bad record only and read forward, so
 * the bad records of a file (which come in line order) cost one extra pass over it at most, and
 * clean files nothing.
 */
final class CsvRawLines implements AutoCloseable {
    /** Longest raw text kept for one record, in chars; longer ones are cut. */
    static final int MAX_RAW_CHARS = 64 * 1024;

    private static final int MAX_RECORD_LINES = 1000;

    private final Path file;
    private final CsvDialect dialect;
    private BufferedReader lines;
    /** Number of the line {@link #lines} returns next. */
    private long next;

    CsvRawLines(Path file, CsvDialect dialect) {
        this.file = file;
        this.dialect = dialect;
    }

    /** The raw text of the record starting at {@code line} (1-based, physical). */
    String record(long line) throws IOException {
        if (lines == null || line < next) {
            reopen();
        }
        while (next < line) {
            if (lines.readLine() == null) {
                return "";
            }
            next++;
        }
        StringBuilder raw = new StringBuilder();
        boolean open = false;
        for (int n = 0; n < MAX_RECORD_LINES && raw.length() < MAX_RAW_CHARS; n++) {
            String l = lines.readLine();
            if (l == null) {
                break;
            }
            next++;
            if (n > 0) {
                raw.append('\n');
            }
            raw.append(l);
            open = quoteOpen(l, open);
            if (!open) {
                break;
            }
        }
        return raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw.toString();
    }

    /** Whether a quote is open after {@code line}, given whether one was open before it. */
    private boolean quoteOpen(String line, boolean open) {
        if (!dialect.quotes()) {
            return false;
        }
        char q = dialect.quote();
        boolean backslash = dialect.backslashEscapes();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (backslash && open && c == '\\') {
                i++;
            } else if (c == q) {
                open = !open;
            }
        }
        return open;
    }

    private void reopen() throws IOException {
        close();
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(dialect.bomLength());
        } catch (IOException e) {
            in.close();
            throw e;
        }
        CharsetDecoder decoder = dialect.charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        lines = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        next = 1;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            BufferedReader l = lines;
            lines = null;
            l.close();
        }
    }
}
