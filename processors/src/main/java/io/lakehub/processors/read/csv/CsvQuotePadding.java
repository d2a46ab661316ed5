package io.lakehub.processors.read.csv;

import java.io.Reader;

/**
 * Leaves out the spaces and tabs around quoted fields, the way DuckDB reads {@code 1970,  "Hi, Mom!"}
 * and {@code "onions"  ,","}: blanks between a delimiter (or the start of a line) and an opening
 * quote, and between a closing quote and the next delimiter (or the end of the line). Blanks
 * anywhere else, and everything inside quotes, are kept. Used only for files whose sample has such
 * padded quoted fields ({@link CsvDialect#paddedQuotes()}), so it costs nothing on other files.
 */
final class CsvQuotePadding extends CsvCharRewriter {
    private final char delimiter;
    private final char quote;
    private final char escape;

    private final StringBuilder blanks = new StringBuilder();

    private boolean inQuotes;
    private boolean escapeNext;
    /** Right after a closing quote (blanks may follow before the delimiter). */
    private boolean justClosed;

    private boolean fieldStart = true;

    CsvQuotePadding(Reader in, char delimiter, char quote, char escape) {
        super(in);
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
    }

    @Override
    protected void endOfInput() {
        if (!justClosed) {
            out.append(blanks);
            blanks.setLength(0);
        }
    }

    @Override
    protected void step(char c) {
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
}
