package io.lakehub.processors.read.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Leaves out the spaces and tabs around quoted fields, the way DuckDB reads {@code 1970,  "Hi, Mom!"}
 * and {@code "onions"  ,","}: blanks between a delimiter (or the start of a line) and an opening
 * quote, and between a closing quote and the next delimiter (or the end of the line). Blanks
 * anywhere else, and everything inside quotes, are kept. Used only for files whose sample has such
 * padded quoted fields ({@link CsvDialect#paddedQuotes()}), so it costs nothing on other files.
 */
final class CsvQuotePadding extends Reader {
    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final char escape;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int lim;
    private boolean eof;

    private final StringBuilder out = new StringBuilder();
    private int outPos;
    private final StringBuilder blanks = new StringBuilder();

    private boolean inQuotes;
    private boolean escapeNext;
    /** Right after a closing quote (blanks may follow before the delimiter). */
    private boolean justClosed;

    private boolean fieldStart = true;

    CsvQuotePadding(Reader in, char delimiter, char quote, char escape) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (out.length() - outPos < len && (pos < lim || !eof)) {
            if (pos >= lim) {
                fill();
                continue;
            }
            step(buf[pos++]);
        }
        if (eof && pos >= lim && !justClosed) {
            out.append(blanks);
            blanks.setLength(0);
        }
        int n = Math.min(len, out.length() - outPos);
        if (n == 0) {
            return -1;
        }
        out.getChars(outPos, outPos + n, cbuf, off);
        outPos += n;
        if (outPos == out.length()) {
            out.setLength(0);
            outPos = 0;
        }
        return n;
    }

    private void step(char c) {
        if (inQuotes) {
            out.append(c);
            if (escapeNext) {
                escapeNext = false;
            } else if (c == escape && escape != quote) {
                escapeNext = true;
            } else if (c == quote) {
                inQuotes = false;
                justClosed = true;
            }
            return;
        }
        if (c == ' ' || c == '\t') {
            if (fieldStart || justClosed) {
                blanks.append(c); // dropped if a quote (or, after a closing quote, the field's end) follows
            } else {
                out.append(c);
            }
            return;
        }
        boolean fieldEnd = c == delimiter || c == '\n' || c == '\r';
        if (c == quote && justClosed && blanks.isEmpty()) {
            out.append(c); // a doubled quote inside a quoted field
            inQuotes = true;
            justClosed = false;
            return;
        }
        if (c == quote && fieldStart) {
            blanks.setLength(0);
            out.append(c);
            inQuotes = true;
            fieldStart = false;
            return;
        }
        if (justClosed && fieldEnd) {
            blanks.setLength(0);
        } else {
            out.append(blanks);
            blanks.setLength(0);
        }
        justClosed = false;
        out.append(c);
        fieldStart = fieldEnd;
    }

    private void fill() throws IOException {
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
        } else {
            lim = n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
